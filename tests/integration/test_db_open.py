"""Opening a database: each failure is one line that says what to check, password masked."""

import pytest
from playhouse.pool import PooledPostgresqlDatabase

from photoflow_desktop.cli import main
from photoflow_desktop.domain.db import describe_connection_error, open_database
from photoflow_desktop.domain.errors import DatabaseConnectionError
from tests.support.postgres import with_database


def _free_port():
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_unreachable_server_names_host_and_port_and_hides_the_password():
    port = _free_port()
    with pytest.raises(DatabaseConnectionError) as caught:
        open_database(f"postgresql://studio:hunter2@127.0.0.1:{port}/photoflow")
    message = str(caught.value)
    assert f"127.0.0.1:{port}" in message and "running" in message
    assert "hunter2" not in message


def test_missing_database_says_how_to_create_it(pg_server):
    with pytest.raises(DatabaseConnectionError, match=r"no database 'no_such_db'.*CREATE DATABASE"):
        open_database(with_database(pg_server, "no_such_db"))


def test_unknown_user_is_named(pg_server):
    url = pg_server.replace("postgres@", "nobody_here:topsecret@")
    with pytest.raises(DatabaseConnectionError) as caught:
        open_database(url)
    assert "nobody_here" in str(caught.value) and "topsecret" not in str(caught.value)


def test_refused_password_message_masks_the_password():
    """The test server trusts every login, so libpq's own wording is fed to the diagnosis."""
    url = "postgresql://studio:hunter2@db.local:5432/photoflow"
    error = Exception('FATAL:  password authentication failed for user "studio" (hunter2)')
    message = describe_connection_error(error, url)
    assert "refused user 'studio'" in message and "hunter2" not in message


def test_unknown_scheme():
    with pytest.raises(DatabaseConnectionError, match="Unknown database URL scheme 'mysql'"):
        open_database("mysql://root@localhost/photoflow")


def test_connection_limit_gives_a_pool_of_that_size(pg_server):
    database = open_database(pg_server + "?connection_limit=3")
    try:
        assert isinstance(database, PooledPostgresqlDatabase)
        assert database._max_connections == 3
    finally:
        database.close()


def test_cli_prints_one_line_without_traceback(capsys):
    port = _free_port()
    code = main(["--database-url", f"postgresql://u:pw123@127.0.0.1:{port}/db", "db", "status"])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and "pw123" not in err and "Traceback" not in err


def test_sqlite_file_is_created_readable_by_the_user_only(tmp_path):
    target = tmp_path / "new" / "photoflow.db"
    database = open_database(f"sqlite:///{target}")
    database.close()
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    assert oct(target.parent.stat().st_mode & 0o777) == "0o700"
