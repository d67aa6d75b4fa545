"""A column keeps showing its cards when the database goes away while the user scrolls."""

from datetime import datetime, timedelta
from urllib.parse import urlsplit

from psycopg2 import sql

from photoflow_desktop.domain.records import TaskDraft
from photoflow_desktop.domain.tasks import create_task
from photoflow_desktop.ui.board.task_model import TaskListModel
from tests.support import postgres
from tests.support.backends import only_postgres


def _allow_connections(server_url: str, database_url: str, allow: bool) -> None:
    name = urlsplit(database_url).path.lstrip("/")
    postgres.admin_execute(
        server_url,
        sql.SQL("ALTER DATABASE {} ALLOW_CONNECTIONS {}").format(
            sql.Identifier(name), sql.Literal(allow)
        ),
    )


@only_postgres
def test_scrolling_while_the_database_is_gone_keeps_the_loaded_cards(
    session, database_url, pg_server, qtbot
):
    start = datetime(2026, 3, 1, 9)
    for n in range(5):
        create_task(TaskDraft(f"Order {n}", start + timedelta(days=n), "RAW"))
    model = TaskListModel("1", page_size=2)
    model.fetchMore()
    assert model.rowCount() == 2
    pid = session.database.execute_sql("SELECT pg_backend_pid()").fetchone()[0]
    _allow_connections(pg_server, database_url, False)
    try:
        postgres.admin_execute(pg_server, f"SELECT pg_terminate_backend({pid})")

        model.fetchMore()  # no exception reaches Qt; the read is tried once more, in vain

        assert model.rowCount() == 2 and not model.canFetchMore()
    finally:
        _allow_connections(pg_server, database_url, True)
    model.reload()  # what the resync does once the connection is back
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 5


@only_postgres
def test_a_page_read_on_a_dead_connection_is_read_again_on_a_new_one(session, database_url, qtbot):
    start = datetime(2026, 3, 1, 9)
    for n in range(3):
        create_task(TaskDraft(f"Order {n}", start + timedelta(days=n), "RAW"))
    model = TaskListModel("1", page_size=2)
    model.fetchMore()
    pid = session.database.execute_sql("SELECT pg_backend_pid()").fetchone()[0]
    postgres.admin_execute(database_url, f"SELECT pg_terminate_backend({pid})")  # idle timeout

    model.fetchMore()

    assert [r.title for r in model.records()] == ["Order 0", "Order 1", "Order 2"]
