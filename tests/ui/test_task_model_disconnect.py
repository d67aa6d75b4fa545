"""A column keeps showing its cards when the connection drops while the user scrolls."""

from datetime import datetime, timedelta

from photoflow_desktop.domain.records import TaskDraft
from photoflow_desktop.domain.tasks import create_task
from photoflow_desktop.ui.board.task_model import TaskListModel
from tests.support import postgres
from tests.support.backends import only_postgres


@only_postgres
def test_scrolling_while_disconnected_keeps_the_loaded_cards(session, database_url, qtbot):
    start = datetime(2026, 3, 1, 9)
    for n in range(5):
        create_task(TaskDraft(f"Order {n}", start + timedelta(days=n), "RAW"))
    model = TaskListModel("1", page_size=2)
    model.fetchMore()
    assert model.rowCount() == 2
    pid = session.database.execute_sql("SELECT pg_backend_pid()").fetchone()[0]
    postgres.admin_execute(database_url, f"SELECT pg_terminate_backend({pid})")

    model.fetchMore()  # no exception reaches Qt

    assert model.rowCount() == 2 and not model.canFetchMore()
    model.reload()  # what the resync does once the connection is back
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 5
