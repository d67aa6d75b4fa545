"""A separate process that deletes comments by id as soon as a start file appears.

`python -m tests.support.comment_racer URL START_FILE ID...` prints one line per id:
`deleted`, `gone` (NotFoundError) or `error <message>`.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from photoflow_desktop.domain.comments import delete_comment
from photoflow_desktop.domain.errors import NotFoundError
from tests.support.database import bound_database


def main(url: str, start_file: str, ids: list[int]) -> None:
    """Wait for the start file, then delete every comment in `ids`."""
    with bound_database(url):
        while not Path(start_file).exists():
            time.sleep(0.001)
        for comment_id in ids:
            try:
                delete_comment(comment_id)
                print("deleted", flush=True)
            except NotFoundError:
                print("gone", flush=True)
            except Exception as exc:  # reported to the test, which fails on it
                print(f"error {type(exc).__name__}: {exc}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], [int(value) for value in sys.argv[3:]])
