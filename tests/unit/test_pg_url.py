"""Reading PostgreSQL URLs: unreadable ones never echo the password; TLS options reach the tools."""

import pytest

from photoflow_desktop import config
from photoflow_desktop.domain.db import open_database
from photoflow_desktop.domain.pg_url import DatabaseUrlError, postgres_params

SECRET = "S3cr"  # the start of every password below: it must appear nowhere

UNREADABLE = [
    "postgresql://anna:S3cr#t!x@db.studio:5432/photoflow",  # unencoded #
    "postgresql://anna:S3cr/et@db.studio:5432/photoflow",  # unencoded /
    "postgresql://anna:S3cr?et@db.studio:5432/photoflow",  # unencoded ?
    "postgresql://anna:S3cret@db.studio:99999/photoflow",  # port out of range
    "postgresql://anna:S3cret@db.studio:54x2/photoflow",  # port not a number
    "postgresql://anna@db.studio/photoflow?password=S3cr#et",  # # in a query password
]


@pytest.mark.parametrize("url", UNREADABLE)
def test_an_unreadable_url_is_one_line_without_the_password(url):
    with pytest.raises(DatabaseUrlError) as refused:
        postgres_params(url)
    message = str(refused.value)
    assert "\n" not in message and SECRET not in message and "et@" not in message
    assert "percent-encode" in message and "~/.pgpass" in message
    with pytest.raises(DatabaseUrlError):
        open_database(url)
    masked = config.mask_url(url)
    assert SECRET not in masked and "db.studio" not in masked


def test_a_percent_encoded_password_with_special_characters_is_read():
    params = postgres_params("postgresql://anna:S3cr%23%2F%3F%40%3Aet@db.studio:5433/pf")
    assert params.password == "S3cr#/?@:et" and params.port == 5433 and params.dbname == "pf"
    assert (
        config.mask_url("postgresql://anna:S3cr%23%2F%3F%40%3Aet@db.studio:5433/pf")
        == "postgresql://anna:***@db.studio:5433/pf"
    )


def test_prisma_options_are_accepted_and_never_reach_libpq():
    params = postgres_params(
        "postgresql://anna:pw@pooler.studio:6543/postgres?pgbouncer=true&connection_limit=1"
        "&pool_timeout=20&schema=public&statement_cache_size=0&sslaccept=strict&sslmode=require"
    )
    kwargs = params.connect_kwargs()
    for prisma_only in ("pgbouncer", "connection_limit", "pool_timeout", "schema", "sslaccept"):
        assert prisma_only not in kwargs
    assert kwargs["sslmode"] == "require" and params.declares_pgbouncer
    assert "options" not in kwargs  # nothing PgBouncer's default settings would refuse


def test_tls_options_reach_child_tools_through_the_environment():
    params = postgres_params(
        "postgresql://anna:pw@db.studio/pf?sslmode=verify-full&sslrootcert=/etc/pf/ca.pem"
        "&sslcert=/etc/pf/client.crt&sslkey=/etc/pf/client.key&sslpassword=k3y"
    )
    env = params.libpq_env()
    assert env["PGSSLMODE"] == "verify-full"
    assert env["PGSSLROOTCERT"] == "/etc/pf/ca.pem"
    assert env["PGSSLCERT"] == "/etc/pf/client.crt" and env["PGSSLKEY"] == "/etc/pf/client.key"
    masked = config.mask_url(
        "postgresql://anna:pw@db.studio/pf?sslmode=require&sslpassword=k3y&sslrootcert=/x"
    )
    assert (
        masked
        == "postgresql://anna:***@db.studio/pf?sslmode=require&sslpassword=***&sslrootcert=/x"
    )


def test_direct_url_resolution_order(monkeypatch, tmp_path):
    assert config.resolve_direct_url(cwd=tmp_path) is None
    config.save_setting("direct_url", "postgresql://u@saved/pf")
    assert config.resolve_direct_url(cwd=tmp_path).source == "saved setting"
    (tmp_path / ".env").write_text('DIRECT_URL="postgresql://u@dotenv/pf"\n')
    assert config.resolve_direct_url(cwd=tmp_path).source == ".env (DIRECT_URL)"
    monkeypatch.setenv("DIRECT_URL", "postgresql://u@prisma/pf")
    assert config.resolve_direct_url(cwd=tmp_path).url == "postgresql://u@prisma/pf"
    monkeypatch.setenv("PHOTOFLOW_DIRECT_URL", "postgresql://u@ours/pf")
    assert config.resolve_direct_url(cwd=tmp_path).url == "postgresql://u@ours/pf"


def test_a_direct_url_for_another_database_is_ignored():
    from photoflow_desktop.session import usable_direct_url

    direct = config.ResolvedUrl("postgresql://u@server:5432/other", "DIRECT_URL")
    assert usable_direct_url("postgresql://u@pooler:6432/studio", direct) is None
    same = config.ResolvedUrl("postgresql://u@server:5432/studio", "DIRECT_URL")
    assert usable_direct_url("postgresql://u@pooler:6432/studio", same) == same.url
    assert usable_direct_url("sqlite:///x.db", same) is None


@pytest.mark.parametrize("url", UNREADABLE[:4])
def test_the_cli_says_one_line_for_an_unreadable_url(capsys, url):
    from photoflow_desktop.cli import main

    assert main(["--database-url", url, "db", "status"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and SECRET not in err and "cannot be read" in err


def test_other_urls_are_masked_too():
    assert config.mask_url("http://anna:S3cret@studio.local:3000/") == (
        "http://anna:***@studio.local:3000/"
    )
    assert config.mask_url("https://studio.local/?password=S3cret&x=1") == (
        "https://studio.local/?password=***&x=1"
    )
    assert SECRET not in config.mask_url("http://anna:S3cr#et@studio.local/")
