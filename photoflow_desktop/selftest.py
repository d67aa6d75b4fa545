"""`photoflow self-test`: smoke-test an installation (a checkout, a wheel or the bundle).

In a temporary folder it creates a SQLite database, migrates it, seeds sample orders, renders
the real board window offscreen, backs the database up and verifies the backup, and checks
that the PostgreSQL client tools can run. Nothing outside the temporary folder is written:
settings, Qt settings and the backup folder point into it while the test runs.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import peewee

from photoflow_desktop.domain.errors import PhotoflowError

log = logging.getLogger(__name__)

BOARD_SIZE = (1280, 800)
_TOOL_VERSION = re.compile(r"\(PostgreSQL\)\s+(\S+)")
# What a broken installation raises (a missing module or Qt plugin, an unwritable folder, a
# database or tool that fails); anything else is a bug in PhotoFlow and ends with a traceback.
INSTALLATION_FAULTS = (
    PhotoflowError,
    peewee.PeeweeException,
    OSError,
    ImportError,
    RuntimeError,
    subprocess.SubprocessError,
)


@dataclass(frozen=True)
class StepResult:
    """One self-test step: its name, whether it passed, one line of detail, how long it took."""

    name: str
    status: str  # 'OK', 'FAIL', 'SKIP' (not run: an earlier step failed) or 'INFO' (optional)
    detail: str
    seconds: float

    @property
    def failed(self) -> bool:
        """True when this step makes the self-test fail."""
        return self.status in ("FAIL", "SKIP")


class StepFailed(Exception):
    """A check inside a step did not hold; the message says which."""


class NotInstalled(StepFailed):
    """Something optional is absent (reported as INFO; the self-test still passes)."""


class _Context:
    """What the steps share: the temporary folder, the session, the seeded row count."""

    def __init__(self, work: Path, screenshot: Path | None):
        self.work = work
        self.screenshot = screenshot
        self.session = None
        self.seeded = 0


def run_self_test(
    report: Callable[[StepResult], None] | None = None, screenshot: Path | None = None
) -> list[StepResult]:
    """Run every step in order, calling `report` after each; returns all results."""
    results: list[StepResult] = []

    def record(result: StepResult) -> None:
        results.append(result)
        if report:
            report(result)

    record(_timed("PostgreSQL tools", _check_pg_tools))
    with tempfile.TemporaryDirectory(prefix="photoflow-selftest-") as folder:
        context = _Context(Path(folder), screenshot)
        with _isolated_user_dirs(context.work):
            try:
                blocked_by = None
                for name, step, later_steps_need_it in STEPS:
                    if blocked_by:
                        record(StepResult(name, "SKIP", f"'{blocked_by}' failed", 0.0))
                        continue
                    result = _timed(name, lambda step=step: step(context))
                    record(result)
                    if result.failed and later_steps_need_it:
                        blocked_by = name
            finally:
                if context.session is not None:
                    context.session.close()
    return results


def _timed(name: str, step: Callable[[], str]) -> StepResult:
    started = time.monotonic()
    try:
        detail, status = step(), "OK"
    except NotInstalled as exc:
        detail, status = str(exc), "INFO"
    except StepFailed as exc:
        detail, status = str(exc), "FAIL"
    except INSTALLATION_FAULTS as exc:
        log.info("Self-test step %r failed", name, exc_info=True)
        detail, status = f"{type(exc).__name__}: {exc}", "FAIL"
    return StepResult(name, status, detail, time.monotonic() - started)


@contextlib.contextmanager
def _isolated_user_dirs(work: Path) -> Iterator[None]:
    """Point the data/config folders and the database URL variables into `work`."""
    saved = {
        name: os.environ.get(name)
        for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "PHOTOFLOW_DATABASE_URL", "DATABASE_URL")
    }
    os.environ["XDG_DATA_HOME"] = str(work / "data")
    os.environ["XDG_CONFIG_HOME"] = str(work / "config")
    os.environ.pop("PHOTOFLOW_DATABASE_URL", None)
    os.environ.pop("DATABASE_URL", None)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


# --- the steps (each returns one line of detail or raises) ----------------------------------


def _check_pg_tools() -> str:
    """pg_dump/psql/pg_restore found and runnable (only PostgreSQL databases need them)."""
    from photoflow_desktop.maintenance.pgtools import child_env, find_all

    found = find_all()
    missing = [name for name, tool in found.items() if tool is None]
    if missing:
        raise NotInstalled(
            f"{', '.join(missing)} not found: fine for SQLite; PostgreSQL backups need them"
        )
    versions = []
    for name, tool in found.items():
        completed = subprocess.run(
            [str(tool.path), "--version"],
            env=child_env(),
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        if completed.returncode != 0:
            raise StepFailed(f"{tool.path} --version failed: {completed.stderr.strip()[:200]}")
        match = _TOOL_VERSION.search(completed.stdout)
        versions.append(f"{name} {match.group(1) if match else completed.stdout.strip()}")
    return f"{', '.join(versions)} ({found['pg_dump'].path.parent})"


def _check_install(context: _Context) -> str:
    """The shipped migrations and resources are where the application looks for them."""
    from photoflow_desktop import __version__
    from photoflow_desktop.paths import migrations_dir, resources_dir

    migrations = sorted(path.name for path in migrations_dir().glob("[0-9]*.py"))
    if not migrations:
        raise StepFailed(f"no migration files in {migrations_dir()}")
    icon = resources_dir() / "icons" / "photoflow.svg"
    if not icon.is_file():
        raise StepFailed(f"the app icon is missing: {icon}")
    return f"version {__version__}, {len(migrations)} migrations in {migrations_dir()}"


def _create_database(context: _Context) -> str:
    """A new SQLite file in the temporary folder, opened and bound."""
    from photoflow_desktop.session import open_session

    url = f"sqlite:///{context.work / 'selftest.db'}"
    context.session = open_session(url)
    return str(context.work / "selftest.db")


def _migrate(context: _Context) -> str:
    """Every migration applies; nothing stays pending."""
    from photoflow_desktop.maintenance.migrations import apply_pending, status

    applied = apply_pending()
    if not applied or not status().up_to_date:
        raise StepFailed(f"migrations left pending: {status().pending}")
    return f"applied {', '.join(applied)}"


def _seed(context: _Context) -> str:
    """Sample orders with comments are written and read back."""
    from photoflow_desktop.domain.models import Task, TaskComment
    from photoflow_desktop.domain.seed import seed_board

    created = seed_board()
    tasks, comments = Task.select().count(), TaskComment.select().count()
    if created == 0 or tasks != created:
        raise StepFailed(f"seeded {created} orders but {tasks} are in the database")
    context.seeded = created
    return f"{tasks} orders, {comments} comments"


def _render_board(context: _Context) -> str:
    """The real main window shows the seeded cards; rendered without a display."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    previous_handler = qInstallMessageHandler(_log_qt_message)
    try:
        return _render_main_window(
            context, app=QApplication.instance() or QApplication(["photoflow"])
        )
    finally:
        qInstallMessageHandler(previous_handler)


def _log_qt_message(mode, message_context, message: str) -> None:
    """Qt's own messages go to the log (shown with -v), not between the step lines."""
    log.info("Qt: %s", message)


def _render_main_window(context: _Context, app) -> str:
    from photoflow_desktop.domain.columns import column_keys
    from photoflow_desktop.domain.queries import counts_per_column
    from photoflow_desktop.ui.board.main_window import MainWindow
    from photoflow_desktop.ui.common.db_worker import SynchronousWorker
    from photoflow_desktop.ui.common.icons import app_icon
    from photoflow_desktop.ui.common.jobs import JobRunner

    icon = app_icon()
    if icon.isNull():
        raise StepFailed("the application icon could not be loaded")
    app.setWindowIcon(icon)
    window = MainWindow(
        context.session, jobs=JobRunner(None, synchronous=True), worker=SynchronousWorker()
    )
    try:
        window.resize(*BOARD_SIZE)
        window.show()
        app.processEvents()
        shown = {key: window.board.column_model(key).rowCount() for key in column_keys()}
        expected = {key: counts_per_column().get(key, 0) for key in column_keys()}
        cards = sum(shown.values())
        if cards == 0 or shown != expected:
            raise StepFailed(f"the board shows {shown} cards per column, the database {expected}")
        image = window.grab().toImage()
        if image.isNull() or image.width() < 200:
            raise StepFailed("the window could not be rendered")
        colours = {
            image.pixel(x, y)
            for x in range(0, image.width(), 16)
            for y in range(0, image.height(), 16)
        }
        if len(colours) < 8:
            raise StepFailed(f"the rendered window is blank ({len(colours)} colours)")
        if context.screenshot is not None and not image.save(str(context.screenshot)):
            raise StepFailed(f"could not save the screenshot to {context.screenshot}")
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()
    return (
        f"{cards} cards in {len(column_keys())} columns, {image.width()}x{image.height()} px "
        f"({app.platformName()})"
    )


def _backup_and_verify(context: _Context) -> str:
    """A verified backup is written and verifies again when read back from disk."""
    from photoflow_desktop.maintenance import backend_for

    backend = backend_for(context.session)
    folder = context.work / "backups"
    folder.mkdir(mode=0o700)
    result = backend.backup(folder)
    if not result.path.is_file():
        raise StepFailed(f"the backup file {result.path} was not written")
    verified = backend.verify(result.path)
    if not verified.ok:
        raise StepFailed(f"the backup does not verify: {verified.message}")
    return f"{result.path.name}, {result.size / 1024:.0f} KiB: {verified.message}"


# (name, step, whether the steps after it need it to have passed)
STEPS: list[tuple[str, Callable[[_Context], str], bool]] = [
    ("Installation", _check_install, True),
    ("Temporary database", _create_database, True),
    ("Migrate", _migrate, True),
    ("Seed", _seed, True),
    ("Render board", _render_board, False),
    ("Backup + verify", _backup_and_verify, False),
]
