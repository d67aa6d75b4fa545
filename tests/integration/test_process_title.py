"""A password given with --database-url disappears from the process title (`ps`) at start."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

PASSWORD = "S3cretPW-visible"

pytestmark = pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs /proc")


def test_the_password_is_masked_in_proc_cmdline(tmp_path):
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        server.settimeout(60)
        port = server.getsockname()[1]
        url = f"postgresql://anna:{PASSWORD}@127.0.0.1:{port}/studio"
        env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path)}
        process = subprocess.Popen(
            [sys.executable, "-m", "photoflow_desktop", "--database-url", url, "db", "status"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        try:
            client, _address = server.accept()  # it is connecting: well past start-up
            shown = Path(f"/proc/{process.pid}/cmdline").read_bytes().replace(b"\0", b" ")
            client.close()  # the "server" hangs up: the command ends with one line
            _out, err = process.communicate(timeout=60)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
    assert PASSWORD.encode() not in shown
    assert b"--database-url postgresql://anna:***@127.0.0.1" in shown
    assert process.returncode == 1
    assert PASSWORD not in err.decode() and err.decode().count("\n") == 1
