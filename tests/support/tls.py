"""A CA, a server certificate and a PostgreSQL cluster that accepts only TLS (made with openssl)."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from tests.support.postgres import ThrowawayCluster, create_throwaway_cluster


@dataclass(frozen=True)
class Certificates:
    """Files of a test PKI: the CA that signed the server, and an unrelated CA."""

    ca: Path
    wrong_ca: Path
    server_cert: Path
    server_key: Path


def _openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True, timeout=60)


def _make_ca(folder: Path, name: str) -> tuple[Path, Path]:
    key, cert = folder / f"{name}.key", folder / f"{name}.crt"
    _openssl(
        "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
        "-subj", f"/CN=PhotoFlow test {name}", "-keyout", str(key), "-out", str(cert),
        cwd=folder,
    )  # fmt: skip
    return key, cert


def make_certificates(folder: Path) -> Certificates:
    """A CA, a server certificate for localhost/127.0.0.1 it signed, and another CA."""
    folder.mkdir(parents=True, exist_ok=True)
    ca_key, ca_cert = _make_ca(folder, "ca")
    _wrong_key, wrong_cert = _make_ca(folder, "wrong-ca")
    (folder / "san.ext").write_text("subjectAltName=DNS:localhost,IP:127.0.0.1\n")
    _openssl(
        "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
        "-keyout", "server.key", "-out", "server.csr", cwd=folder,
    )  # fmt: skip
    _openssl(
        "x509", "-req", "-in", "server.csr", "-CA", str(ca_cert), "-CAkey", str(ca_key),
        "-CAcreateserial", "-days", "2", "-extfile", "san.ext", "-out", "server.crt",
        cwd=folder,
    )  # fmt: skip
    return Certificates(ca_cert, wrong_cert, folder / "server.crt", folder / "server.key")


def start_tls_cluster(certificates: Certificates) -> ThrowawayCluster | None:
    """A throwaway cluster with ssl=on that refuses unencrypted TCP connections."""

    def configure(data_dir: Path) -> None:
        shutil.copy(certificates.server_cert, data_dir / "server.crt")
        shutil.copy(certificates.server_key, data_dir / "server.key")
        (data_dir / "server.key").chmod(0o600)
        with open(data_dir / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write("ssl = on\nssl_cert_file = 'server.crt'\nssl_key_file = 'server.key'\n")
        (data_dir / "pg_hba.conf").write_text(
            "local all all trust\nhostssl all all 127.0.0.1/32 trust\n"
        )

    return create_throwaway_cluster(configure)
