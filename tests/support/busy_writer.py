"""A second writer: creates orders one by one until a stop file appears.

`python -m tests.support.busy_writer URL STOP_FILE` prints one line per write: `ok ID`,
`clear <message>` (one of our errors) or `raw <type>: <message>` (anything else).
"""

from __future__ import annotations

import sys
import time
from datetime import datetime
from pathlib import Path

from photoflow_desktop.domain.errors import PhotoflowError
from photoflow_desktop.domain.records import TaskDraft
from photoflow_desktop.domain.tasks import create_task
from tests.support.database import bound_database


def main(url: str, stop_file: str) -> None:
    """Write until the stop file exists."""
    with bound_database(url):
        number = 0
        while not Path(stop_file).exists():
            number += 1
            try:
                record = create_task(TaskDraft(f"Walk-in {number}", datetime(2026, 6, 1), "RAW"))
                print(f"ok {record.id}", flush=True)
            except PhotoflowError as exc:
                print(f"clear {exc}", flush=True)
            except Exception as exc:  # the test fails on these
                print(f"raw {type(exc).__name__}: {exc}", flush=True)
            time.sleep(0.002)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
