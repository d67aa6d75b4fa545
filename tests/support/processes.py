"""Run the real `photoflow` command in a child process and stop it the hard way (signals)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable


def start_photoflow(*args: str, env: dict[str, str] | None = None, **popen) -> subprocess.Popen:
    """Start `python -m photoflow_desktop ARGS` with the test's environment."""
    return subprocess.Popen(
        [sys.executable, "-m", "photoflow_desktop", *args],
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **popen,
    )


def run_photoflow(*args: str, env: dict[str, str] | None = None, timeout: float = 300, **popen):
    """Run `photoflow ARGS` to the end: the CompletedProcess (text output)."""
    return subprocess.run(
        [sys.executable, "-m", "photoflow_desktop", *args],
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        **popen,
    )


def wait_until(condition: Callable[[], bool], timeout: float = 120, step: float = 0.005) -> bool:
    """Poll `condition` until it holds (True) or `timeout` seconds pass (False)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return False


def kill_when(
    process: subprocess.Popen, condition: Callable[[], bool], signum: int = signal.SIGKILL
) -> bool:
    """Send `signum` to `process` as soon as `condition` holds; False if it ended before.

    Its output is kept as `process.captured` (stdout, stderr) in text.
    """
    reached = wait_until(lambda: process.poll() is not None or condition())
    if not reached or process.poll() is not None:
        return False
    process.send_signal(signum)
    out, err = process.communicate(timeout=120)
    process.captured = (out.decode(errors="replace"), err.decode(errors="replace"))
    return True


def file_size_limited(limit: int) -> Callable[[], None]:
    """A preexec_fn: writes past `limit` bytes fail with EFBIG (as on a full disk), no signal."""
    import resource

    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)

    return apply
