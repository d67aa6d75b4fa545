"""Finding pg_dump/psql/pg_restore: configured folder, PATH, install folders, clear message."""

import os
import shutil
import sys
from pathlib import Path

import pytest

from photoflow_desktop.maintenance import pg_runner, pgtools
from photoflow_desktop.maintenance.base import ToolMissingError


def _program(folder: Path, name: str, executable: bool = True) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 16.4'\n")
    path.chmod(0o755 if executable else 0o644)
    return path


@pytest.fixture
def no_tools_anywhere(monkeypatch, tmp_path):
    """PATH holds nothing and no usual install folder exists."""
    empty = tmp_path / "empty-path"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setattr(pgtools, "_INSTALL_GLOBS", ())


def test_configured_folder_wins_over_path(tmp_path):
    program = _program(tmp_path / "pg16" / "bin", "pg_dump")
    pgtools.set_configured_bin_dir(program.parent)
    found = pgtools.find_tool("pg_dump")
    assert found.path == program
    assert found.source == "pg_bin_dir setting"
    assert pgtools.configured_bin_dir() == program.parent


@pytest.mark.skipif(shutil.which("pg_dump") is None, reason="pg_dump is not on PATH here")
def test_configured_folder_without_the_tool_falls_back_to_path(tmp_path):
    (tmp_path / "wrong").mkdir()
    pgtools.set_configured_bin_dir(tmp_path / "wrong")
    found = pgtools.find_tool("pg_dump")
    assert found.source == "PATH"
    assert found.path == Path(shutil.which("pg_dump"))


@pytest.mark.skipif(shutil.which("psql") is None, reason="psql is not on PATH here")
def test_all_three_tools_found_on_this_machine():
    found = pgtools.find_all()
    assert set(found) == {"pg_dump", "psql", "pg_restore"}
    assert all(tool is not None and os.access(tool.path, os.X_OK) for tool in found.values())


def test_usual_install_folders_are_searched_newest_version_first(
    no_tools_anywhere, monkeypatch, tmp_path
):
    for version in ("9", "16", "15"):
        _program(tmp_path / "postgresql" / version / "bin", "psql")
    monkeypatch.setattr(pgtools, "_INSTALL_GLOBS", (str(tmp_path / "postgresql" / "*" / "bin"),))
    folders = pgtools.install_folders()
    assert [folder.parent.name for folder in folders] == ["16", "15", "9"]
    found = pgtools.find_tool("psql")
    assert found.path == tmp_path / "postgresql" / "16" / "bin" / "psql"
    assert found.source == "install folder"


def test_a_file_that_is_not_executable_does_not_count(no_tools_anywhere, tmp_path):
    _program(tmp_path / "bin", "pg_restore", executable=False)
    assert pgtools.find_tool("pg_restore", bin_dir=tmp_path / "bin") is None


def test_missing_tool_raises_a_message_that_says_what_to_do(no_tools_anywhere, tmp_path):
    pgtools.set_configured_bin_dir(tmp_path / "nowhere")
    with pytest.raises(ToolMissingError) as caught:
        pg_runner.require_tool("pg_dump", 15)
    message = str(caught.value)
    assert message.startswith("pg_dump was not found")
    assert "postgresql-client-15" in message
    assert "pg_bin_dir" in message
    assert pgtools.find_all() == {"pg_dump": None, "psql": None, "pg_restore": None}


def test_child_env_outside_a_bundle_is_the_environment_plus_extra(monkeypatch):
    monkeypatch.delattr(sys, "frozen", raising=False)
    monkeypatch.setenv("LD_LIBRARY_PATH", "/opt/lib")
    env = pgtools.child_env({"PGPASSWORD": "s3cret"})
    assert env["LD_LIBRARY_PATH"] == "/opt/lib"
    assert env["PGPASSWORD"] == "s3cret"
    assert "PGPASSWORD" not in os.environ


def test_child_env_in_a_bundle_restores_the_users_library_path(monkeypatch):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setenv("LD_LIBRARY_PATH", "/opt/photoflow/_internal:/opt/lib")
    monkeypatch.setenv("LD_LIBRARY_PATH_ORIG", "/opt/lib")
    env = pgtools.child_env()
    assert env["LD_LIBRARY_PATH"] == "/opt/lib"
    assert "LD_LIBRARY_PATH_ORIG" not in env


def test_child_env_in_a_bundle_drops_a_library_path_the_user_never_set(monkeypatch):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setenv("LD_LIBRARY_PATH", "/opt/photoflow/_internal")
    monkeypatch.delenv("LD_LIBRARY_PATH_ORIG", raising=False)
    assert "LD_LIBRARY_PATH" not in pgtools.child_env()


def test_candidate_paths_lists_each_program_once_in_search_order(
    no_tools_anywhere, monkeypatch, tmp_path
):
    configured = _program(tmp_path / "chosen", "pg_dump")
    on_path = _program(tmp_path / "path-bin", "pg_dump")
    installed = _program(tmp_path / "postgresql" / "17" / "bin", "pg_dump")
    monkeypatch.setenv("PATH", f"{on_path.parent}{os.pathsep}{installed.parent}")
    monkeypatch.setattr(pgtools, "_INSTALL_GLOBS", (str(tmp_path / "postgresql" / "*" / "bin"),))
    candidates = pgtools.candidate_paths("pg_dump", bin_dir=configured.parent)
    assert candidates == [
        (configured, "pg_bin_dir setting"),
        (on_path, "PATH"),
        (installed, "install folder"),
    ]
