"""Where screenshot tests save their PNGs (look at them after a run).

Every run writes tests/screenshots/<name>.png. The README's copy in docs/screenshots/ is written
only when it is missing or PHOTOFLOW_DOCS_SCREENSHOTS=1, so a test run leaves the committed
pictures alone (their dates and paths change on every run).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "tests" / "screenshots"
DOCS = ROOT / "docs" / "screenshots"


def save_screenshot(image, name: str, for_docs: bool = True) -> Path:
    """Save a QImage/QPixmap as tests/screenshots/<name>.png (and the README copy, see above)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    assert image.save(str(path)), f"could not write {path}"
    docs_copy = DOCS / path.name
    if for_docs and (os.environ.get("PHOTOFLOW_DOCS_SCREENSHOTS") == "1" or not docs_copy.exists()):
        DOCS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, docs_copy)
    return path
