"""Shared fixtures: every data-layer test runs on SQLite and on a real PostgreSQL (DESIGN.md §8)."""

from __future__ import annotations

import os

import pytest

from photoflow_desktop.domain import db as db_module
from photoflow_desktop.maintenance import migrations
from tests.support import postgres
from tests.support.database import bound_database
from tests.support.socketio_relay import page, relay  # noqa: F401  (fixtures)

pytest_plugins = ["tests.support.pooler_fixtures"]  # bouncer, direct_url

BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Each test gets its own data/config folders and no database URL from the environment."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    for name in (
        "DATABASE_URL",
        "PHOTOFLOW_DATABASE_URL",
        "DIRECT_URL",
        "PHOTOFLOW_DIRECT_URL",
        "PHOTOFLOW_SOCKETIO_URL",
        "LC_ALL",
        "LC_MESSAGES",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")  # tests speak English unless they ask for German
    monkeypatch.chdir(home)
    return home


@pytest.fixture(scope="session")
def pg_server():
    """URL of a PostgreSQL server's maintenance database; skips (or fails in CI) without one."""
    url, cluster, reason = postgres.find_server_url()
    if url is None:
        if os.environ.get("PHOTOFLOW_REQUIRE_PG") == "1":
            pytest.fail(f"PostgreSQL is required (PHOTOFLOW_REQUIRE_PG=1) but {reason}")
        pytest.skip(f"PostgreSQL tests skipped: {reason}")
    yield url
    if cluster is not None:
        cluster.stop("immediate")


@pytest.fixture(scope="session")
def pg_template(pg_server):
    """A migrated database new test databases are copied from (fast: no migration per test)."""
    template_url = postgres.create_database(pg_server, prefix="pf_template")
    with bound_database(template_url):
        migrations.apply_pending()
    name = template_url.rsplit("/", 1)[1]
    yield name
    postgres.drop_database(pg_server, template_url)


def _migrate_sqlite(url: str) -> None:
    """Migrate a new SQLite file, leaving the models bound to whatever they were bound to."""
    previous = db_module.database_proxy.obj
    database = db_module.open_database(url)
    db_module.bind(database)
    try:
        migrations.apply_pending()
    finally:
        database.close()
        if previous is not None:
            db_module.bind(previous)


def fresh_database_url(backend: str, request, tmp_path, name: str = "photoflow.db") -> str:
    """A new migrated database on `backend`, dropped after the test."""
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / name}"
        _migrate_sqlite(url)
        return url
    server = request.getfixturevalue("pg_server")
    template = request.getfixturevalue("pg_template")
    url = postgres.create_database(server, template=template)
    request.addfinalizer(lambda: postgres.drop_database(server, url))
    return url


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    """'sqlite' or 'postgresql': every test using it runs once per backend."""
    return request.param


@pytest.fixture
def empty_database_url(backend, request, tmp_path) -> str:
    """URL of a new, empty (unmigrated) database on the backend under test."""
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'empty.db'}"
    server = request.getfixturevalue("pg_server")
    url = postgres.create_database(server)
    request.addfinalizer(lambda: postgres.drop_database(server, url))
    return url


@pytest.fixture
def database_url(backend, request, tmp_path) -> str:
    """URL of a fresh, migrated database on the backend under test."""
    return fresh_database_url(backend, request, tmp_path)


@pytest.fixture
def another_database_url(backend, request, tmp_path) -> str:
    """A second fresh, migrated database on the same backend (an import or restore target)."""
    return fresh_database_url(backend, request, tmp_path, name="another.db")


@pytest.fixture
def db(database_url):
    """The fresh migrated database, opened and bound to the models."""
    with bound_database(database_url) as database:
        yield database


# PostgreSQL tests that passed and were skipped in this run (for PHOTOFLOW_REQUIRE_PG=1).
_postgres_passed: list[str] = []
_postgres_skipped: list[str] = []


def pytest_runtest_logreport(report):
    """Note PostgreSQL tests that passed or were skipped."""
    uses_postgres = "postgresql" in report.nodeid or "pg_server" in getattr(report, "keywords", {})
    if report.when == "call" and report.passed and uses_postgres:
        _postgres_passed.append(report.nodeid)
    if report.skipped and "PostgreSQL" in str(report.longrepr):
        _postgres_skipped.append(report.nodeid)


def pytest_sessionfinish(session, exitstatus):
    """With PHOTOFLOW_REQUIRE_PG=1, a run where PostgreSQL tests were skipped or none ran fails."""
    if os.environ.get("PHOTOFLOW_REQUIRE_PG") != "1" or session.config.option.collectonly:
        return
    if _postgres_skipped or not _postgres_passed:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter:
            reporter.write_line(
                f"PHOTOFLOW_REQUIRE_PG=1 but {len(_postgres_skipped)} PostgreSQL test(s) "
                f"were skipped and {len(_postgres_passed)} ran",
                red=True,
                bold=True,
            )
        session.exitstatus = 1
