"""A German user meets no English sentence: db check, db stats, connection and TLS, numbers."""

from __future__ import annotations

import pytest

from photoflow_desktop.cli import main
from photoflow_desktop.domain.db import tls_problem
from photoflow_desktop.domain.errors import ValidationError
from photoflow_desktop.domain.pg_url import postgres_params
from photoflow_desktop.i18n.messages import user_message

ENGLISH = (
    "The server at", "accepted", "exists", "Up to date", "skipped", "Every column", "Not encrypted",
    "Tables:", "Last backup", "Size:", "Indexes:", " rows", "never", "Cannot reach", "check that",
)  # fmt: skip


@pytest.fixture
def german(qapp):
    from photoflow_desktop.i18n.install import install_language, uninstall_language

    install_language("de")
    yield
    uninstall_language()


def _german_run(capsys, *args) -> tuple[int, str, str]:
    code = main(["--lang", "de", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _german_run_migrated(capsys, database_url: str, *args: str):
    """`_german_run` of `args` on `database_url`, migrated first."""
    main(["--database-url", database_url, "db", "migrate"])
    capsys.readouterr()
    return _german_run(capsys, "--database-url", database_url, *args)


def _no_english(text: str) -> None:
    assert [phrase for phrase in ENGLISH if phrase in text] == [], text


@pytest.mark.usefixtures("qapp")
def test_db_check_speaks_german(capsys, database_url):
    code, out, _ = _german_run_migrated(capsys, database_url, "db", "check")
    assert code == 0
    assert "Auf dem neuesten Stand (" in out and "Alle Prüfungen bestanden." in out
    assert "Migrationen:" in out
    _no_english(out)


@pytest.mark.usefixtures("qapp")
def test_db_stats_speaks_german_with_german_numbers(capsys, database_url):
    code, out, _ = _german_run_migrated(capsys, database_url, "db", "stats")
    assert code == 0
    assert "Tabellen:" in out and "Letzte Sicherung: noch nie" in out and " Zeilen" in out
    _no_english(out)


@pytest.mark.usefixtures("qapp")
def test_unreachable_server_is_explained_in_german(capsys):
    url = "postgresql://studio:secret@127.0.0.1:1/photoflow"
    code, _, err = _german_run(capsys, "--database-url", url, "db", "status")
    assert code == 1
    assert "Der PostgreSQL-Server 127.0.0.1:1 ist nicht erreichbar" in err
    assert "secret" not in err
    _no_english(err)


def test_connection_diagnoses_stay_english_for_logs_and_become_german(german):
    params = postgres_params(
        "postgresql://studio:secret@db.example:5432/photoflow?sslmode=verify-full"
        "&sslrootcert=/etc/ca.pem"
    )
    message = tls_problem("SSL error: certificate verify failed", params)
    assert str(message).startswith("The server at db.example:5432 presented a certificate")
    german = user_message(message)
    assert german.startswith("Der Server db.example:5432 hat ein Zertifikat vorgelegt")
    assert "sslrootcert=/etc/ca.pem" in german
    host = tls_problem("server certificate does not match host name", params)
    assert "nicht für den Hostnamen „db.example“ ausgestellt" in user_message(host)


def test_grouped_numbers_follow_the_language(german):
    error = ValidationError("{label} is too long ({length:,} characters; at most {limit:,})",
                            label="Notes", length=20_001, limit=20_000)  # fmt: skip
    assert str(error).endswith("(20,001 characters; at most 20,000)")
    assert "(20.001 Zeichen; höchstens 20.000)" in user_message(error)


def test_sizes_read_the_german_way(german):
    from photoflow_desktop.maintenance.base import human_size

    assert human_size(10) == "10 Bytes"
    assert human_size(1536) == "1,5 KB"
    assert human_size(5 * 1024**4) == "5.120,0 GB"


def test_an_unreadable_import_date_is_explained_in_german(german, database_url):
    from photoflow_desktop.domain.csvio import import_text
    from photoflow_desktop.session import open_session

    with open_session(database_url), pytest.raises(ValidationError) as caught:
        import_text('{"tasks": [{"task": "Hochzeit", "dueAt": "31.02.", "status": "RAW"}]}')
    assert "31.02." in str(caught.value) and "is not a date" in str(caught.value)
    assert user_message(caught.value) == "Zeile 1: dueAt: „31.02.“ ist kein Datum"


@pytest.mark.usefixtures("qapp")
def test_german_seed_writes_german_clients(capsys, database_url):
    from photoflow_desktop.domain.clients import list_clients
    from photoflow_desktop.session import open_session

    main(["--lang", "de", "--database-url", database_url, "db", "seed"])
    with open_session(database_url):
        names = {client.name for client in list_clients()}
    assert "Familie Schmidt" in names and "Smith Family" not in names
