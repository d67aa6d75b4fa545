"""The layer rule, enforced: domain/ and maintenance/ never import Qt (DESIGN.md §1)."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

IMPORT_EVERYTHING = """
import importlib, json, pkgutil, sys
import photoflow_desktop.domain, photoflow_desktop.maintenance
names = []
for package in (photoflow_desktop.domain, photoflow_desktop.maintenance):
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        importlib.import_module(info.name)
        names.append(info.name)
qt = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6", "PyQt5", "PyQt6"))
print(json.dumps({"imported": names, "qt": qt}))
"""


def test_domain_and_maintenance_import_without_qt():
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_EVERYTHING],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert "photoflow_desktop.domain.models" in report["imported"]
    assert "photoflow_desktop.maintenance.migrations" in report["imported"]
    assert "photoflow_desktop.maintenance.pgtools" in report["imported"]
    assert report["qt"] == [], f"Qt imported by domain/maintenance: {report['qt']}"
