"""Fixtures for tests through a real PgBouncer (a pytest plugin loaded by tests/conftest.py)."""

from __future__ import annotations

import pytest

from tests.support import postgres
from tests.support.pgbouncer import start_pgbouncer


@pytest.fixture(scope="module")
def bouncer(pg_server):
    """A PgBouncer (pool_mode = transaction, default settings) in front of the test server."""
    running = start_pgbouncer(pg_server)
    yield running
    running.stop()


@pytest.fixture
def direct_url(pg_server, pg_template, request):
    """A fresh migrated database on the server, reached directly."""
    url = postgres.create_database(pg_server, template=pg_template)
    request.addfinalizer(lambda: postgres.drop_database(pg_server, url))
    return url
