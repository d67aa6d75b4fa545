"""Benchmarks live in bench_*.py (run on demand: pytest -m benchmark tests/benchmarks -s)."""

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def pytest_collect_file(file_path, parent):
    """Collect bench_*.py files as test modules (pytest's default only knows test_*.py).

    A file named on the command line pytest collects itself; collecting it here too would run
    every benchmark twice.
    """
    named = parent.session.isinitpath(file_path)
    if file_path.suffix == ".py" and file_path.name.startswith("bench_") and not named:
        return pytest.Module.from_parent(parent, path=file_path)
    return None
