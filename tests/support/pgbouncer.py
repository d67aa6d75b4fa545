"""A PgBouncer the tests start themselves: transaction pooling, otherwise its default settings.

Debian's `pgbouncer` package (.ci/run installs it). As root it runs as user postgres (PgBouncer
refuses to run as root). Trust authentication, like the test server behind it.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from tests.support.postgres import free_port


def pgbouncer_binary() -> str | None:
    """The pgbouncer program, or None when it is not installed."""
    return shutil.which("pgbouncer") or (
        "/usr/sbin/pgbouncer" if Path("/usr/sbin/pgbouncer").exists() else None
    )


@dataclass
class PgBouncer:
    """A running PgBouncer in front of one PostgreSQL server."""

    process: subprocess.Popen
    port: int
    folder: Path

    def pooled(self, url: str) -> str:
        """`url` (a database on the server behind) going through this PgBouncer instead."""
        parts = urlsplit(url)
        netloc = parts.netloc.rpartition("@")
        userinfo = f"{netloc[0]}@" if netloc[1] else ""
        return urlunsplit(
            (parts.scheme, f"{userinfo}127.0.0.1:{self.port}", parts.path, parts.query, "")
        )

    def stop(self) -> None:
        """Stop PgBouncer and remove its folder."""
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


def start_pgbouncer(server_url: str) -> PgBouncer:
    """Start PgBouncer (pool_mode = transaction, nothing else changed) for `server_url`'s server."""
    binary = pgbouncer_binary()
    if binary is None:
        raise FileNotFoundError("pgbouncer is not installed (apt-get install pgbouncer)")
    server = urlsplit(server_url)
    folder = Path(tempfile.mkdtemp(prefix="photoflow-pgbouncer-"))
    port = free_port()
    user = server.username or "postgres"
    (folder / "userlist.txt").write_text(f'"{user}" ""\n')
    (folder / "pgbouncer.ini").write_text(
        "[databases]\n"
        f"* = host={server.hostname} port={server.port or 5432}\n"
        "[pgbouncer]\n"
        f"listen_addr = 127.0.0.1\nlisten_port = {port}\nunix_socket_dir =\n"
        f"auth_type = trust\nauth_file = {folder / 'userlist.txt'}\n"
        "pool_mode = transaction\n"
        f"logfile = {folder / 'pgbouncer.log'}\n"
    )
    command = [binary, str(folder / "pgbouncer.ini")]
    if os.geteuid() == 0:
        os.chmod(folder, 0o755)
        for path in (folder, *folder.iterdir()):
            shutil.chown(path, "postgres")
        command = ["runuser", "-u", "postgres", "--", *command]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    bouncer = PgBouncer(process, port, folder)
    for _ in range(100):
        if process.poll() is not None:
            raise RuntimeError(f"pgbouncer exited: {process.stderr.read().decode()[-500:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return bouncer
        except OSError:
            time.sleep(0.05)
    bouncer.stop()
    raise RuntimeError("pgbouncer did not start listening")
