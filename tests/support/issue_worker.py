"""A separate process issuing invoice drafts through the real CLI (the concurrency tests).

Usage: python -m tests.support.issue_worker URL GO_FILE DRAFT_ID...
Waits until GO_FILE exists (so all workers start together), then runs
`photoflow --database-url URL invoice issue ID` for each draft; prints one number per line.
"""

import sys
import time
from pathlib import Path

from photoflow_desktop.cli import main as photoflow


def run(url: str, go_file: str, draft_ids: list[str]) -> int:
    """Issue the drafts one after another; the first failing exit code ends the run."""
    deadline = time.monotonic() + 60
    while not Path(go_file).exists():
        if time.monotonic() > deadline:
            return 3
        time.sleep(0.005)
    for draft_id in draft_ids:
        code = photoflow(["--database-url", url, "invoice", "issue", draft_id])
        if code != 0:
            return code
    return 0


if __name__ == "__main__":
    sys.exit(run(sys.argv[1], sys.argv[2], sys.argv[3:]))
