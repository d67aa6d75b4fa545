"""Where the application's files live: shipped data (migrations, resources) and user data."""

from __future__ import annotations

import sys
from pathlib import Path

from platformdirs import user_config_path, user_data_path

APP_NAME = "photoflow"
_PACKAGE_DIR = Path(__file__).resolve().parent


def shipped_dir(name: str) -> Path:
    """Folder `name` (migrations, resources) from a PyInstaller bundle, a wheel or a checkout."""
    candidates = []
    bundle_root = getattr(sys, "_MEIPASS", None)
    if bundle_root:
        candidates.append(Path(bundle_root) / name)
    candidates.append(_PACKAGE_DIR / "_data" / name)
    candidates.append(_PACKAGE_DIR.parent / name)
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"PhotoFlow's {name} folder is missing from this installation")


def migrations_dir() -> Path:
    """The folder holding the peewee-migrate migration files."""
    return shipped_dir("migrations")


def resources_dir() -> Path:
    """The folder holding icons, stylesheets and the .desktop file."""
    return shipped_dir("resources")


def user_data_dir() -> Path:
    """Per-user data folder (the embedded database, backups); created readable by the user only."""
    path = user_data_path(APP_NAME, appauthor=False)
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def user_config_dir() -> Path:
    """Per-user configuration folder (the saved database URL)."""
    path = user_config_path(APP_NAME, appauthor=False)
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def default_backup_dir() -> Path:
    """Where backups go unless the user picks another folder."""
    path = user_data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path
