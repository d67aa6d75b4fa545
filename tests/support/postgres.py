"""Find or start the PostgreSQL server the tests use (DESIGN.md §8).

First hit wins: PHOTOFLOW_TEST_PG_URL; a server at postgresql://postgres@127.0.0.1:5432/postgres;
a throwaway cluster started with initdb/pg_ctl (as root via `runuser -u postgres`).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg2
from psycopg2 import sql

DEFAULT_SERVER_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


def with_database(url: str, dbname: str) -> str:
    """`url` pointing at another database on the same server."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + dbname, parts.query, ""))


def answers(url: str) -> bool:
    """True if a PostgreSQL server accepts a connection at `url`."""
    try:
        psycopg2.connect(url, connect_timeout=3).close()
    except psycopg2.Error:
        return False
    return True


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _find_pg_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    for candidate in sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True):
        return str(candidate)
    return None


@dataclass
class ThrowawayCluster:
    """A PostgreSQL cluster the tests own: start, stop, restart at will."""

    data_dir: Path
    socket_dir: Path
    port: int
    pg_ctl: str
    log_file: Path

    @property
    def url(self) -> str:
        """URL of its `postgres` database over TCP (trust auth)."""
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str) -> None:
        command = [self.pg_ctl, *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=60)

    def start(self) -> None:
        """Start the server and wait until it answers."""
        options = (
            f"-p {self.port} -k {self.socket_dir} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self._run("-D", str(self.data_dir), "-l", str(self.log_file), "-o", options, "-w", "start")

    def stop(self, mode: str = "fast") -> None:
        """Stop the server."""
        self._run("-D", str(self.data_dir), "-m", mode, "-w", "stop")


def create_throwaway_cluster(configure=None) -> ThrowawayCluster | None:
    """initdb a new cluster in a temp dir and start it; None if the tools are missing.

    `configure(data_dir)` may change the cluster's files before it starts (e.g. TLS); files
    it leaves in the data folder are handed to the postgres user.
    """
    initdb, pg_ctl = _find_pg_bin("initdb"), _find_pg_bin("pg_ctl")
    if not (initdb and pg_ctl):
        return None
    root = Path(tempfile.mkdtemp(prefix="photoflow-pg-"))
    data_dir, socket_dir = root / "data", root / "sock"
    socket_dir.mkdir()
    command = [initdb, "-D", str(data_dir), "-U", "postgres", "-A", "trust", "--no-sync"]
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        shutil.chown(socket_dir, "postgres")
        os.chmod(root, 0o755)
        command = ["runuser", "-u", "postgres", "--", *command]
    subprocess.run(command, check=True, capture_output=True, timeout=120)
    if configure is not None:
        configure(data_dir)
        if os.geteuid() == 0:
            for path in data_dir.iterdir():
                if path.is_file():
                    shutil.chown(path, "postgres")
    cluster = ThrowawayCluster(data_dir, socket_dir, free_port(), pg_ctl, root / "server.log")
    if os.geteuid() == 0:
        cluster.log_file.touch()
        shutil.chown(cluster.log_file, "postgres")
    cluster.start()
    return cluster


def find_server_url() -> tuple[str | None, ThrowawayCluster | None, str]:
    """(server URL, cluster we started or None, reason when there is no server)."""
    env_url = os.environ.get("PHOTOFLOW_TEST_PG_URL")
    if env_url:
        if answers(env_url):
            return env_url, None, ""
        return None, None, f"PHOTOFLOW_TEST_PG_URL={env_url} does not answer"
    if answers(DEFAULT_SERVER_URL):
        return DEFAULT_SERVER_URL, None, ""
    try:
        cluster = create_throwaway_cluster()
    except (subprocess.SubprocessError, OSError) as exc:
        return None, None, f"could not start a throwaway PostgreSQL cluster: {exc}"
    if cluster is None:
        return None, None, "no PostgreSQL server answers and initdb/pg_ctl are not installed"
    for _ in range(50):
        if answers(cluster.url):
            return cluster.url, cluster, ""
        time.sleep(0.1)
    return None, cluster, "the throwaway PostgreSQL cluster did not answer"


def admin_execute(server_url: str, statement: sql.Composable | str) -> None:
    """Run one statement outside a transaction (CREATE/DROP DATABASE)."""
    conn = psycopg2.connect(server_url)
    try:
        conn.autocommit = True
        with conn.cursor() as cursor:
            cursor.execute(statement)
    finally:
        conn.close()


def create_database(server_url: str, template: str | None = None, prefix: str = "pf_test") -> str:
    """A new empty (or template-copied) database; returns its URL."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
    if template:
        statement = sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
            sql.Identifier(name), sql.Identifier(template)
        )
    admin_execute(server_url, statement)
    return with_database(server_url, name)


def drop_database(server_url: str, database_url: str) -> None:
    """Drop a test database, closing whatever still holds a connection to it."""
    name = urlsplit(database_url).path.lstrip("/")
    admin_execute(
        server_url, sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
    )


def owned_cluster(purpose: str):
    """Yield a throwaway cluster a test module owns; skip without one (fail under REQUIRE_PG)."""
    import pytest

    try:
        owned = create_throwaway_cluster()
    except (subprocess.SubprocessError, OSError) as exc:
        owned, reason = None, f"could not start a throwaway cluster: {exc}"
    else:
        reason = "initdb/pg_ctl are not installed"
    if owned is None:
        if os.environ.get("PHOTOFLOW_REQUIRE_PG") == "1":
            pytest.fail(f"PostgreSQL is required (PHOTOFLOW_REQUIRE_PG=1) but {reason}")
        pytest.skip(f"PostgreSQL {purpose} skipped: {reason}")
    yield owned
    owned.stop("immediate")
    shutil.rmtree(owned.data_dir.parent, ignore_errors=True)
