"""The board at 100,000 tasks on PostgreSQL: first paint, move, filter, comments vs a naive board.

Run on demand (prints a table): `pytest -m benchmark tests/benchmarks -s`
Targets (issue 3): first paint <= 0.5 s and <= 1/10 of the naive baseline, move <= 20 ms,
filter <= 100 ms. Every figure is the median of at least RUNS runs in this one process.
"""

from __future__ import annotations

import random
import statistics
from collections.abc import Callable
from datetime import timedelta
from time import perf_counter

import psycopg2
import pytest
from psycopg2.extras import execute_values
from PySide6.QtWidgets import QApplication, QHBoxLayout, QListWidget, QWidget

from photoflow_desktop.domain.columns import list_columns
from photoflow_desktop.domain.models import utc_now
from photoflow_desktop.domain.queries import PAGE_SIZE, column_page, counts_per_column
from photoflow_desktop.session import open_session
from photoflow_desktop.ui.common.jobs import JobRunner
from tests.support import postgres

pytestmark = pytest.mark.benchmark

N_TASKS = 100_000
RUNS = 5
WINDOW_SIZE = (1400, 900)
SHOOTS = (
    "Wedding Photography",
    "Newborn shoot",
    "Family portrait",
    "Headshots",
    "Passport",
    "School photos",
    "Product catalogue",
    "Engagement session",
    "Corporate event",
)
FAMILIES = ("Smith", "Jones", "Müller", "Schäfer", "Garcia", "Nguyen", "Rossi", "Kowalski")
STATUSES = ("RAW", "Developed", "Retouched", "Printed", "NichtBearbeitet", "Entwickelt")
NOTES = (
    "Outdoor ceremony, 100 guests",
    "white background",
    "deliver prints by post",
    "client wants black and white",
    "",
    "",
)
FILTERS = (
    "smith",
    "status:Retouched",
    "wedding due:week",
    "column:2 müller",
    "finished:yes portrait",
    '"black and white" jones',
)


def seed(url: str, count: int, rng: random.Random) -> None:
    """Bulk-insert `count` tasks, with 1-3 comments on every tenth (counters kept right)."""
    now = utc_now()
    tasks = []
    for number in range(count):
        column = rng.choices(("1", "2", "3"), weights=(5, 3, 2))[0]
        finished = (column == "3" and rng.random() < 0.8) or rng.random() < 0.05
        due = now + timedelta(minutes=rng.randint(-180 * 24 * 60, 365 * 24 * 60))
        title = f"{rng.choice(SHOOTS)} - {rng.choice(FAMILIES)} Family #{number}"
        tasks.append((now, due, title, rng.choice(NOTES), rng.choice(STATUSES), finished, column))
    conn = psycopg2.connect(url)
    try:
        with conn, conn.cursor() as cursor:
            # No change-notification triggers while seeding (100,000 NOTIFYs help nobody).
            cursor.execute("SET session_replication_role = replica")
            ids = execute_values(
                cursor,
                'INSERT INTO "Tasks" (created_at, "dueAt", task, additional_information, status,'
                ' is_finished, "taskColumn") VALUES %s RETURNING id',
                tasks,
                page_size=5000,
                fetch=True,
            )
            commented = [task_id for (task_id,) in ids[::10]]
            comments = [
                (now, task_id, f"Comment {n} on #{task_id}: client called about the prints")
                for task_id in commented
                for n in range(1 + task_id % 3)
            ]
            execute_values(
                cursor,
                "INSERT INTO task_comments (created_at, task_id, comment) VALUES %s",
                comments,
                page_size=5000,
            )
            cursor.execute(
                'UPDATE "Tasks" t SET amount_of_comments = c.n FROM (SELECT task_id, count(*) n'
                " FROM task_comments GROUP BY task_id) c WHERE c.task_id = t.id"
            )
        conn.autocommit = True
        with conn.cursor() as cursor:
            cursor.execute("ANALYZE")
    finally:
        conn.close()


def median_ms(samples: list[float]) -> float:
    """Median of samples in seconds, as milliseconds."""
    return statistics.median(samples) * 1000


def timed(action: Callable[[], object]) -> tuple[float, object]:
    """(seconds, result) of running `action` and letting Qt process what it posted."""
    start = perf_counter()
    result = action()
    QApplication.processEvents()
    return perf_counter() - start, result


def open_board(session, jobs):
    """The real main window, shown and painted (grab paints every visible card)."""
    from photoflow_desktop.ui.board.main_window import MainWindow

    window = MainWindow(session, jobs)
    window.resize(*WINDOW_SIZE)
    window.show()
    window.grab()
    return window


def close(widget, jobs=None) -> None:
    """Close a window and let Qt delete it (waiting for its background jobs)."""
    widget.close()
    if jobs is not None:
        jobs.wait_all()
    widget.deleteLater()
    QApplication.processEvents()


def naive_board():
    """The baseline: every unfinished task of every column loaded into QListWidgets."""
    widget = QWidget()
    layout = QHBoxLayout(widget)
    for column in list_columns():
        items = QListWidget()
        for task in column_page(column.key, limit=N_TASKS):
            items.addItem(f"{task.title}\n{task.due_at:%Y-%m-%d %H:%M} · {task.status}")
        layout.addWidget(items)
    widget.resize(*WINDOW_SIZE)
    widget.show()
    widget.grab()
    return widget


@pytest.fixture
def big_board(pg_server, pg_template):
    """A fresh PostgreSQL database with N_TASKS tasks; yields its URL."""
    url = postgres.create_database(pg_server, template=pg_template, prefix="pf_bench")
    start = perf_counter()
    seed(url, N_TASKS, random.Random(42))
    seconds = perf_counter() - start
    print(f"\nseeded {N_TASKS:,} tasks in {seconds:.1f} s (execute_values)")
    yield url
    postgres.drop_database(pg_server, url)


def test_board_at_100k_tasks(big_board, qapp):
    session = open_session(big_board)
    jobs = JobRunner()
    try:
        figures = measure(session, jobs)  # the search indexes come from migration 004
    finally:
        jobs.wait_all()
        session.close()
    report(figures)


def measure(session, jobs) -> dict[str, list[float]]:
    """Every measurement, RUNS times or more (seconds)."""
    figures: dict[str, list[float]] = {"paint": [], "naive": [], "move": [], "comments": []}
    counts = counts_per_column()
    for _ in range(RUNS):
        seconds, window = timed(lambda: open_board(session, jobs))
        for key, count in counts.items():
            assert window.board.column_model(key).rowCount() >= min(count, PAGE_SIZE)
        figures["paint"].append(seconds)
        close(window, jobs)
    for _ in range(RUNS):
        seconds, widget = timed(naive_board)
        figures["naive"].append(seconds)
        close(widget)

    window = open_board(session, jobs)
    card = window.board.column_model("1").record(0)
    for run in range(2 * RUNS):
        target = "2" if run % 2 == 0 else "1"
        seconds, moved = timed(lambda target=target: window.move_task_to(card.id, target))
        assert moved and window.board.column_model(target).row_of(card.id) >= 0
        figures["move"].append(seconds)

    figures.update(measure_filters(window))

    commented = next(r for r in window.board.column_model("1").records() if r.comment_count)
    for _ in range(RUNS):
        seconds, _image = timed(lambda: window.open_comments(commented.id).grab())
        figures["comments"].append(seconds)
        close(window.dialog)
    close(window, jobs)
    return figures


def measure_filters(window) -> dict[str, list[float]]:
    """Each filter typed into the search box and applied, RUNS times (seconds)."""
    figures: dict[str, list[float]] = {}
    for text in FILTERS:
        figures[f"filter {text}"] = []
        for _ in range(RUNS):
            window.search_edit.setText(text)
            seconds, applied = timed(window.apply_search)
            assert applied
            figures[f"filter {text}"].append(seconds)
    window.search_edit.setText("")
    window.apply_search()
    return figures


def report(figures: dict[str, list[float]]) -> None:
    """Print the table of medians, targets and ratios."""
    paint, naive = median_ms(figures["paint"]), median_ms(figures["naive"])
    move = median_ms(figures["move"])
    filters = {k[7:]: median_ms(v) for k, v in figures.items() if k.startswith("filter ")}
    filter_median = statistics.median(filters.values())
    comments = median_ms(figures["comments"])

    def verdict(ok: bool) -> str:
        return "meets" if ok else "MISSES"

    rows = [
        ("board first paint", f"{paint:8.0f} ms", "<= 500 ms", verdict(paint <= 500)),
        ("naive first paint (QListWidget)", f"{naive:8.0f} ms", "", ""),
        ("first paint / naive", f"{paint / naive:11.3f}", "<= 0.100", verdict(paint * 10 <= naive)),
        ("move one card", f"{move:8.1f} ms", "<= 20 ms", verdict(move <= 20)),
        (
            "apply a filter (median of all)",
            f"{filter_median:8.1f} ms",
            "<= 100 ms",
            verdict(filter_median <= 100),
        ),
    ]
    rows += [
        (f"  filter {text!r}", f"{ms:8.1f} ms", "<= 100 ms", verdict(ms <= 100))
        for text, ms in filters.items()
    ]
    rows.append(("open the comment dialog", f"{comments:8.1f} ms", "", ""))
    print(f"\nPhotoFlow board, {N_TASKS:,} tasks on PostgreSQL, median of >= {RUNS} runs")
    print(f"{'measure':40} {'median':>12}  {'target':10} result")
    for name, value, target, result in rows:
        print(f"{name:40} {value:>12}  {target:10} {result}")
    print(f"naive / board first paint: {naive / paint:.1f}x")
