"""TLS everywhere (issue 10): a throwaway cluster that accepts only TLS, a CA made with openssl.

sslmode/sslrootcert in the URL must reach the board's connection, the live feed, `db check` and
every pg_dump/psql/pg_restore (through PGSSLMODE/PGSSLROOTCERT: they never see our URL).
"""

from __future__ import annotations

import select
import shutil
import time

import psycopg2
import pytest

from photoflow_desktop.cli import main
from photoflow_desktop.domain import queries, tasks
from photoflow_desktop.domain.change_marker import PostgresFeed
from photoflow_desktop.domain.db import open_database, postgres_params
from photoflow_desktop.domain.errors import DatabaseConnectionError
from photoflow_desktop.domain.records import TaskDraft
from photoflow_desktop.maintenance import migrations
from tests.support import postgres
from tests.support.database import bound_database
from tests.support.tls import make_certificates, start_tls_cluster

pytestmark = pytest.mark.skipif(
    shutil.which("openssl") is None or postgres._find_pg_bin("initdb") is None,
    reason="openssl and initdb are needed for the TLS cluster",
)


@pytest.fixture(scope="module")
def tls(tmp_path_factory):
    """(certificates, port) of a running cluster with ssl=on that refuses plain TCP."""
    certificates = make_certificates(tmp_path_factory.mktemp("pki"))
    cluster = start_tls_cluster(certificates)
    yield certificates, cluster.port
    cluster.stop("immediate")


def tls_url(tls, dbname: str = "postgres", ca=None, mode: str = "verify-full") -> str:
    """A URL to the TLS cluster checking its certificate against `ca` (default: the right CA)."""
    certificates, port = tls
    return (
        f"postgresql://postgres@localhost:{port}/{dbname}"
        f"?sslmode={mode}&sslrootcert={ca or certificates.ca}"
    )


@pytest.fixture
def tls_database(tls):
    """A migrated database on the TLS cluster; its verify-full URL."""
    url = postgres.create_database(tls_url(tls))
    with bound_database(url):
        migrations.apply_pending()
        tasks.create_task(TaskDraft(title="Bewerbungsfotos", due_at=_due(), status="Entwickelt"))
    yield url
    postgres.drop_database(tls_url(tls), url)


def _due():
    from datetime import datetime

    return datetime(2030, 1, 15, 9, 0)


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    """`photoflow ARGS` in this process: (exit code, stdout, stderr)."""
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_cluster_refuses_an_unencrypted_connection(tls):
    with pytest.raises(psycopg2.OperationalError, match="no encryption"):
        psycopg2.connect(tls_url(tls, mode="disable")).close()


def test_db_check_reports_protocol_and_cipher(capsys, tls_database):
    code, out, _err = run_cli(capsys, "--database-url", tls_database, "db", "check")
    assert code == 0, out
    tls_line = next(line for line in out.splitlines() if "] tls:" in line)
    assert "TLSv1." in tls_line and "sslmode=verify-full" in tls_line
    assert "host name were checked" in tls_line


def test_a_wrong_ca_is_refused_in_one_line(capsys, tls, tls_database):
    certificates, _port = tls
    wrong = tls_database.replace(str(certificates.ca), str(certificates.wrong_ca))
    with pytest.raises(DatabaseConnectionError, match="did not sign") as refused:
        open_database(wrong)
    assert "\n" not in str(refused.value) and str(certificates.wrong_ca) in str(refused.value)
    code, _out, err = run_cli(capsys, "--database-url", wrong, "db", "status")
    assert code == 1 and err.count("\n") == 1 and "did not sign" in err
    code, out, _err = run_cli(capsys, "--database-url", wrong, "db", "check")
    assert code == 1 and "[FAIL] tls: " in out


def test_the_host_name_is_checked_with_verify_full(tls):
    certificates, port = tls
    url = f"postgresql://postgres@studio.invalid:{port}/postgres?hostaddr=127.0.0.1"
    url += f"&sslmode=verify-full&sslrootcert={certificates.ca}"
    with pytest.raises(DatabaseConnectionError, match="not issued for the host name") as refused:
        open_database(url)
    assert "\n" not in str(refused.value)
    open_database(url.replace("verify-full", "verify-ca")).close()  # the CA alone still fits


@pytest.mark.parametrize("fmt", ["custom", "plain"])
def test_backup_verify_and_restore_over_tls(capsys, tls_database, tmp_path, fmt):
    backup = tmp_path / ("studio.dump" if fmt == "custom" else "studio.sql")
    code, _out, err = run_cli(
        capsys, "--database-url", tls_database, "db", "backup", "-o", str(backup)
    )
    assert code == 0, err
    code, _out, err = run_cli(
        capsys, "--database-url", tls_database, "db", "verify", str(backup), "--test-restore"
    )
    assert code == 0, err
    with bound_database(tls_database):
        tasks.delete_task(queries.active_tasks()[0].id)
    code, _out, err = run_cli(
        capsys, "--database-url", tls_database, "db", "restore", str(backup), "--yes"
    )
    assert code == 0, err
    with bound_database(tls_database):
        assert [task.title for task in queries.active_tasks()] == ["Bewerbungsfotos"]


def test_the_board_and_its_live_feed_over_tls(tls_database):
    feed = PostgresFeed(postgres_params(tls_database))
    feed.connect()
    try:
        assert feed.mode == "listen"
        with bound_database(tls_database):
            created = tasks.create_task(
                TaskDraft(title="Familienbild", due_at=_due(), status="NichtBearbeitet")
            )
        heard = []
        deadline = time.monotonic() + 5
        while not heard and time.monotonic() < deadline:
            select.select([feed.fileno()], [], [], 0.2)
            heard = [change.task_id for change in feed.poll()]
        assert created.id in heard
    finally:
        feed.close()
