"""The stats bar counts from the database what the board shows: total, overdue, in progress,
in Done."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from photoflow_desktop.domain.models import utc_now
from photoflow_desktop.domain.records import TaskDraft
from photoflow_desktop.domain.tasks import create_task, move_task, set_finished
from photoflow_desktop.ui.board.stats_bar import StatsBar
from photoflow_desktop.ui.common.db_worker import DatabaseWorker, SynchronousWorker
from photoflow_desktop.ui.common.theme import urgent_color


def add(title, due, column="1"):
    return create_task(TaskDraft(title, due, "RAW", "", column))


def shown(bar) -> dict[str, str]:
    return {name: figure.value_label.text() for name, figure in bar.figures.items()}


def test_figures_follow_the_database(db, qtbot):
    now = utc_now()
    late = add("Late album", now - timedelta(days=2))
    add("Portrait", now + timedelta(days=3), column="2")
    add("Passport", now + timedelta(days=5))
    bar = StatsBar(worker=SynchronousWorker())
    qtbot.addWidget(bar)
    bar.refresh()
    assert shown(bar) == {"total": "3", "overdue": "1", "in_progress": "1", "done": "0"}
    assert urgent_color(bar.palette()).name() in bar.figures["overdue"].value_label.styleSheet()

    set_finished(late.id, True)
    bar.refresh()
    # Finished cards are hidden on the board (no "Show finished"), so the figures drop them.
    assert shown(bar) == {"total": "2", "overdue": "0", "in_progress": "1", "done": "0"}
    bar.set_query(True, None)
    assert shown(bar) == {"total": "3", "overdue": "0", "in_progress": "1", "done": "0"}
    assert bar.figures["overdue"].value_label.styleSheet() == ""
    screenshots = Path(__file__).resolve().parents[1] / "screenshots"
    screenshots.mkdir(exist_ok=True)
    bar.show()
    assert bar.grab().save(str(screenshots / "stats_bar.png"))


def test_counting_runs_in_the_background_and_coalesces(db, qtbot):
    for day in range(5):
        add(f"Order {day}", datetime(2030, 1, 1) + timedelta(days=day))
    worker = DatabaseWorker()  # its own thread and connection
    bar = StatsBar(worker=worker)
    qtbot.addWidget(bar)
    bar.refresh()
    bar.refresh()  # a burst of changes while counting
    bar.refresh()
    qtbot.waitUntil(lambda: shown(bar)["total"] == "5", timeout=10_000)
    move_task(1, "2")
    bar.refresh()
    qtbot.waitUntil(lambda: shown(bar)["in_progress"] == "1", timeout=10_000)
    worker.stop()
