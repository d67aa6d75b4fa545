"""The UI thread never queries (issue 12): a UI test fails when window code runs SQL on it.

Every query of the board, its dialogs and windows belongs on the database worker
(`ui/common/db_worker.py`) or a background job (`ui/common/jobs.py`). Tests run both
synchronously on the UI thread, so the guard marks the time spent inside a worker task or a job
and records any other query the UI thread makes from code under `photoflow_desktop/ui/`. The
test body's own queries (seeding, another workstation's writes) are not window code and pass.
"""

from __future__ import annotations

import os
import threading
import traceback
from collections.abc import Callable, Iterator

import peewee
import pytest

from photoflow_desktop.ui.common import db_worker, jobs

_UI_PACKAGE = os.sep + os.path.join("photoflow_desktop", "ui") + os.sep
_WORKER_MODULES = ("db_worker.py", "jobs.py")
_inside = threading.local()


def _marked(run: Callable) -> Callable:
    """`run`, counted as worker time while it runs (where a synchronous worker runs it)."""

    def inside_worker(*args, **kwargs):
        _inside.depth = getattr(_inside, "depth", 0) + 1
        try:
            return run(*args, **kwargs)
        finally:
            _inside.depth -= 1

    return inside_worker


def _window_code_site() -> list[traceback.FrameSummary]:
    """The frames of window code (not the worker) on the calling stack, innermost last."""
    return [
        frame
        for frame in traceback.extract_stack()[:-2]
        if _UI_PACKAGE in frame.filename and not frame.filename.endswith(_WORKER_MODULES)
    ]


def _describe(frames: list[traceback.FrameSummary]) -> str:
    """`ui/board/x.py:12 in f <- ui/board/y.py:40 in g` for the innermost frames."""
    shown = []
    for frame in reversed(frames[-4:]):
        path = frame.filename.split(_UI_PACKAGE, 1)[1]
        shown.append(f"ui/{path}:{frame.lineno} in {frame.name}")
    return " <- ".join(shown)


@pytest.fixture(autouse=True)
def ui_thread_never_queries(monkeypatch) -> Iterator[list[str]]:
    """Fails the test naming each place window code ran a query on the UI thread."""
    monkeypatch.setattr(db_worker, "_execute", _marked(db_worker._execute))
    monkeypatch.setattr(jobs.Job, "run", _marked(jobs.Job.run))
    real_cursor = peewee.Database.cursor
    seen: list[str] = []

    def watched_cursor(self, *args, **kwargs):
        on_ui_thread = threading.current_thread() is threading.main_thread()
        if on_ui_thread and not getattr(_inside, "depth", 0):
            frames = _window_code_site()
            if frames:
                seen.append(_describe(frames))
        return real_cursor(self, *args, **kwargs)

    monkeypatch.setattr(peewee.Database, "cursor", watched_cursor)
    yield seen
    assert not seen, "window code queried on the UI thread:\n  " + "\n  ".join(dict.fromkeys(seen))
