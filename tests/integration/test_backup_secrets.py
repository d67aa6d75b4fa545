"""The password reaches pg_dump/psql/pg_restore only through the environment, never argv."""

from __future__ import annotations

import os
import shutil
import uuid

import pytest
from psycopg2 import sql

from photoflow_desktop.cli import main
from photoflow_desktop.domain import db as db_module
from photoflow_desktop.domain.errors import DatabaseConnectionError
from photoflow_desktop.domain.seed import seed_board
from photoflow_desktop.maintenance import backend_for
from photoflow_desktop.maintenance.base import BackupError, BackupFormat
from tests.support import postgres

TOOLS = ("pg_dump", "psql", "pg_restore")


def _role_url(pg_server, pg_template, superuser: bool):
    role = f"pf_secret_{uuid.uuid4().hex[:8]}"
    password = f"Pw-{uuid.uuid4().hex}"
    postgres.admin_execute(
        pg_server,
        sql.SQL("CREATE ROLE {} LOGIN {} PASSWORD {}").format(
            sql.Identifier(role),
            sql.SQL("SUPERUSER" if superuser else "NOSUPERUSER"),
            sql.Literal(password),
        ),
    )
    plain_url = postgres.create_database(pg_server, template=pg_template)
    url = plain_url.replace("postgresql://postgres@", f"postgresql://{role}:{password}@")
    return url, password, lambda: _drop(pg_server, plain_url, role)


def _drop(pg_server, plain_url, role):
    postgres.drop_database(pg_server, plain_url)
    postgres.admin_execute(pg_server, sql.SQL("DROP ROLE {}").format(sql.Identifier(role)))


@pytest.fixture
def secret_url(pg_server, pg_template):
    """A database reached as a role with a password (URL carries it, as the seed guide's)."""
    url, password, drop = _role_url(pg_server, pg_template, superuser=True)
    yield url, password
    drop()


@pytest.fixture
def limited_url(pg_server, pg_template):
    """The same, as a role that may connect but not read PhotoFlow's tables."""
    url, password, drop = _role_url(pg_server, pg_template, superuser=False)
    yield url, password
    drop()


@pytest.fixture
def recording_tools(tmp_path, monkeypatch):
    """Shims first on PATH that log each call's argv and PGPASSWORD, then exec the real tool."""
    shims = tmp_path / "shims"
    shims.mkdir()
    log = tmp_path / "calls.log"
    for name in TOOLS:
        real = shutil.which(name)
        assert real, f"{name} must be installed for this test"
        shim = shims / name
        shim.write_text(
            "#!/bin/sh\n"
            f'printf "%s\\t%s\\t%s\\n" "{name}" "${{PGPASSWORD:-}}" "$*" >> "{log}"\n'
            f'exec "{real}" "$@"\n'
        )
        shim.chmod(0o755)
    monkeypatch.setenv("PATH", f"{shims}:{os.environ['PATH']}")
    return log


def test_no_child_process_gets_the_password_in_its_arguments(
    secret_url, recording_tools, tmp_path, capsys
):
    url, password = secret_url
    database = db_module.open_database(url)
    db_module.bind(database)
    try:
        seed_board()
        backend = backend_for(url, database)
        for fmt in backend.formats:
            result = backend.backup(tmp_path, fmt)  # the real pg_dump behind the shim
            assert result.verified.ok and result.size > 0
            assert backend.test_restore(result.path).ok
            backend.restore(result.path, safety_backup_dir=tmp_path)
        assert backend.health(tmp_path).pg_dump_compatible
    finally:
        database.close()
    assert main(["--database-url", url, "db", "backup", "-o", str(tmp_path)]) == 0
    assert main(["--database-url", url, "db", "check"]) == 0
    output = capsys.readouterr()
    assert password not in output.out + output.err

    calls = [line.split("\t", 2) for line in recording_tools.read_text().splitlines()]
    work = [(tool, env_pw, argv) for tool, env_pw, argv in calls if argv != "--version"]
    assert {tool for tool, _, _ in work} == set(TOOLS)
    for tool, _env_pw, argv in calls:
        assert password not in argv, f"{tool} got the password in argv"
    for tool, env_pw, _argv in work:
        assert env_pw == password, f"{tool} did not get the password through PGPASSWORD"


def test_connection_errors_never_show_the_password(secret_url):
    url, password = secret_url
    missing = url.rsplit("/", 1)[0] + "/pf_no_such_database"
    with pytest.raises(DatabaseConnectionError) as error:
        backend_for(missing).health()
    assert password not in str(error.value) and "***" in str(error.value)


def test_a_failing_pg_dump_shows_its_error_masked_and_leaves_no_file(limited_url, tmp_path):
    url, password = limited_url
    folder = tmp_path / "backups"
    folder.mkdir()
    with pytest.raises(BackupError) as error:
        backend_for(url).backup(folder, BackupFormat.PLAIN)
    message = str(error.value)
    assert message.startswith("pg_dump failed:") and "permission denied" in message
    assert password not in message
    assert list(folder.iterdir()) == []
