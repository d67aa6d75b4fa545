"""Take a password given on the command line out of the process title (`ps`, /proc/PID/cmdline).

Python cannot overwrite its own argv memory, which is what `ps` and /proc/PID/cmdline read;
setproctitle (a small C extension, wheels for every platform) does exactly that. The title
is replaced at start, so the password is visible only for the moment Python takes to start;
the environment (DATABASE_URL, PGPASSWORD) or ~/.pgpass keep it out of sight entirely.
"""

from __future__ import annotations

import logging
import sys

from photoflow_desktop.config import mask_url

log = logging.getLogger(__name__)

URL_OPTIONS = ("--database-url",)


def _masked(arg: str) -> str:
    for option in URL_OPTIONS:
        if arg.startswith(f"{option}="):
            return f"{option}={mask_url(arg[len(option) + 1 :])}"
    if "://" in arg and ("@" in arg or "password" in arg.lower()):
        return mask_url(arg)
    return arg


def masked_command_line(argv: list[str]) -> list[str]:
    """`argv` with every database URL's password replaced by ***."""
    return [_masked(arg) for arg in argv]


def hide_secrets_from_process_title(argv: list[str] | None = None) -> bool:
    """Rewrite the process title when the command line holds a password; True if it did."""
    argv = list(sys.orig_argv if argv is None else argv)
    masked = masked_command_line(argv)
    if masked == argv:
        return False
    try:
        import setproctitle
    except ImportError:  # a build without it: the README's advice is all that is left
        log.warning("setproctitle is missing: the password stays visible in the process list")
        return False
    setproctitle.setproctitle(" ".join(masked))
    return True
