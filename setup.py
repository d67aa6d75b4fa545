"""Build hook: ship the top-level migrations/ and resources/ inside the wheel.

They live at the top of the checkout (peewee-migrate and PyInstaller want plain files);
an installed wheel finds them under photoflow_desktop/_data (see photoflow_desktop.paths).
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SHIPPED_DIRS = ("migrations", "resources")


class BuildWithData(build_py):
    """build_py that also copies migrations/ and resources/ into the package."""

    def run(self):
        super().run()
        target = Path(self.build_lib) / "photoflow_desktop" / "_data"
        for name in SHIPPED_DIRS:
            source = Path(__file__).parent / name
            if source.is_dir():
                shutil.copytree(
                    source,
                    target / name,
                    dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
                )


setup(cmdclass={"build_py": BuildWithData})
