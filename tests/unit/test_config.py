"""Where the database URL comes from, and that passwords never show."""

import os
import stat

from photoflow_desktop import config


def test_resolution_order_first_hit_wins(monkeypatch, tmp_path):
    (tmp_path / ".env").write_text('DATABASE_URL="postgresql://env:file@host/fromdotenv"\n')
    config.save_setting("database_url", "sqlite:///saved.db")
    assert config.resolve_database_url("sqlite:///cli.db", cwd=tmp_path).source == "--database-url"
    monkeypatch.setenv("DATABASE_URL", "sqlite:///database_url.db")
    monkeypatch.setenv("PHOTOFLOW_DATABASE_URL", "sqlite:///photoflow.db")
    assert config.resolve_database_url(cwd=tmp_path).url == "sqlite:///photoflow.db"
    monkeypatch.delenv("PHOTOFLOW_DATABASE_URL")
    assert config.resolve_database_url(cwd=tmp_path).url == "sqlite:///database_url.db"
    monkeypatch.delenv("DATABASE_URL")
    resolved = config.resolve_database_url(cwd=tmp_path)
    assert resolved.url.endswith("/fromdotenv") and resolved.source.startswith(".env")
    (tmp_path / ".env").unlink()
    assert config.resolve_database_url(cwd=tmp_path).url == "sqlite:///saved.db"


def test_embedded_default_is_a_sqlite_file_in_the_user_data_dir(tmp_path):
    resolved = config.resolve_database_url(cwd=tmp_path)
    assert resolved.source == "embedded default"
    assert resolved.url.startswith("sqlite:///") and resolved.url.endswith(
        "/photoflow/photoflow.db"
    )
    assert os.environ["XDG_DATA_HOME"] in resolved.url


def test_mask_url_hides_only_the_password():
    masked = config.mask_url(
        "postgresql://studio:s3cr%40t@db.local:5432/photoflow?connection_limit=10"
    )
    assert masked == "postgresql://studio:***@db.local:5432/photoflow?connection_limit=10"
    assert "s3cr" not in masked
    assert config.mask_url("sqlite:////tmp/x.db") == "sqlite:////tmp/x.db"


def test_saved_settings_are_readable_by_the_user_only():
    config.save_setting("database_url", "postgresql://u:pw@h/db")
    mode = stat.S_IMODE(config.settings_path().stat().st_mode)
    assert mode == 0o600
    assert config.load_settings()["database_url"] == "postgresql://u:pw@h/db"


def test_mask_url_hides_a_password_given_as_a_query_parameter():
    masked = config.mask_url("postgresql://studio@db.local/photoflow?sslmode=require&password=s3c")
    assert masked == "postgresql://studio@db.local/photoflow?sslmode=require&password=***"
    masked = config.mask_url("postgresql://studio:a@db.local/photoflow?PASSWORD=b&x=1")
    assert masked == "postgresql://studio:***@db.local/photoflow?PASSWORD=***&x=1"
