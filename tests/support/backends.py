"""Markers that run a test on one backend only (the `backend` fixture is parametrized)."""

import pytest

only_postgres = pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
only_sqlite = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
