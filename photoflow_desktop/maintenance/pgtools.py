"""Find pg_dump / psql / pg_restore and give them a clean environment (no Qt here).

Search order: the folder saved as the `pg_bin_dir` setting, PATH, then the usual install
folders (`/usr/lib/postgresql/*/bin` newest first, Homebrew's libpq, Postgres.app,
`C:\\Program Files\\PostgreSQL\\*\\bin`). Choosing a version-compatible tool and saying
what to install when none fits is pg_runner's job.

Inside a PyInstaller bundle the bootloader prepends the bundle's folder to LD_LIBRARY_PATH;
a child process started with that environment may load the bundle's libssl/libpq instead of
its own. `child_env()` restores the user's original library path for child processes.
"""

from __future__ import annotations

import glob
import logging
import os
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from photoflow_desktop.config import load_settings, save_setting

log = logging.getLogger(__name__)

PG_TOOLS = ("pg_dump", "psql", "pg_restore")
PG_BIN_DIR_SETTING = "pg_bin_dir"
_INSTALL_GLOBS = (
    "/usr/lib/postgresql/*/bin",  # Debian, Ubuntu
    "/usr/pgsql-*/bin",  # RHEL, Fedora (PGDG)
    "/opt/homebrew/opt/libpq/bin",
    "/usr/local/opt/libpq/bin",
    "/opt/homebrew/opt/postgresql@*/bin",
    "/usr/local/opt/postgresql@*/bin",
    "/Applications/Postgres.app/Contents/Versions/*/bin",
    "C:/Program Files/PostgreSQL/*/bin",
)
_LIBRARY_PATH_VARS = ("LD_LIBRARY_PATH", "LIBPATH")  # Linux/BSD, AIX


@dataclass(frozen=True)
class FoundTool:
    """A PostgreSQL client program and where it was found."""

    name: str
    path: Path
    source: str  # 'pg_bin_dir setting', 'PATH' or 'install folder'


def configured_bin_dir() -> Path | None:
    """The folder saved as the `pg_bin_dir` setting, or None."""
    value = load_settings().get(PG_BIN_DIR_SETTING)
    return Path(value).expanduser() if value else None


def set_configured_bin_dir(folder: Path | None) -> None:
    """Remember the folder holding pg_dump/psql/pg_restore (None forgets it)."""
    save_setting(PG_BIN_DIR_SETTING, str(Path(folder).expanduser()) if folder else None)


def _executable_in(folder: Path, name: str) -> Path | None:
    for candidate in (name, f"{name}.exe") if sys.platform == "win32" else (name,):
        path = folder / candidate
        if path.is_file() and os.access(path, os.X_OK):
            return path
    return None


def _version_key(folder: str) -> tuple:
    """Sort key: the numbers in a folder name (…/postgresql/16/bin sorts after …/15/bin)."""
    return tuple(int(number) for number in re.findall(r"\d+", folder))


def install_folders() -> list[Path]:
    """Existing usual install folders of the PostgreSQL client tools, newest version first."""
    folders: list[Path] = []
    for pattern in _INSTALL_GLOBS:
        matches = sorted(glob.glob(pattern), key=_version_key, reverse=True)
        folders.extend(Path(match) for match in matches if Path(match).is_dir())
    return folders


def candidate_paths(name: str, bin_dir: Path | None = None) -> list[tuple[Path, str]]:
    """Every existing executable `name` in search order, with where it came from (no repeats)."""
    folder = bin_dir if bin_dir is not None else configured_bin_dir()
    found: list[tuple[Path, str]] = []
    if folder is not None:
        path = _executable_in(folder, name)
        if path:
            found.append((path, f"{PG_BIN_DIR_SETTING} setting"))
        else:
            log.warning("%s is not in the configured folder %s; searching further", name, folder)
    on_path = shutil.which(name)
    if on_path:
        found.append((Path(on_path), "PATH"))
    for candidate_dir in install_folders():
        path = _executable_in(candidate_dir, name)
        if path:
            found.append((path, "install folder"))
    unique: list[tuple[Path, str]] = []
    seen: set[str] = set()
    for path, source in found:
        real = os.path.realpath(path)
        if real not in seen:
            seen.add(real)
            unique.append((path, source))
    return unique


def find_tool(name: str, bin_dir: Path | None = None) -> FoundTool | None:
    """The first `name` (pg_dump, psql, pg_restore) found; `bin_dir` defaults to the setting."""
    candidates = candidate_paths(name, bin_dir)
    if not candidates:
        return None
    path, source = candidates[0]
    return FoundTool(name, path, source)


def find_all(bin_dir: Path | None = None) -> dict[str, FoundTool | None]:
    """pg_dump, psql and pg_restore → where each was found (None when missing)."""
    return {name: find_tool(name, bin_dir) for name in PG_TOOLS}


def child_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """Environment for a child process: os.environ with the bundle's library path undone."""
    env = dict(os.environ)
    if getattr(sys, "frozen", False):
        for var in _LIBRARY_PATH_VARS:
            original = env.pop(f"{var}_ORIG", None)
            if original is not None:
                env[var] = original
            else:
                env.pop(var, None)
    if extra:
        env.update(extra)
    return env
