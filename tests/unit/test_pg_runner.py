"""pg_runner.run_tool: the password never reaches a command line, and a look-alike is no leak."""

import sys

import pytest

from photoflow_desktop.maintenance import pg_runner

SECRET = "postgres"  # a common password that is also part of every Debian tool path


def _run(*extra: str) -> pg_runner.ToolRun:
    argv = [sys.executable, "-c", "pass", *extra]
    return pg_runner.run_tool(argv, pg_runner.child_env({"PGPASSWORD": SECRET}), secret=SECRET)


def test_a_tool_path_containing_the_password_still_runs():
    assert _run("/usr/lib/postgresql/15/bin/pg_dump", "--dbname=postgres_db").returncode == 0


@pytest.mark.parametrize(
    "leak",
    [SECRET, f"postgresql://anna:{SECRET}@db/photoflow", f"host=db password={SECRET}"],
)
def test_a_password_in_argv_is_refused(leak):
    with pytest.raises(ValueError, match="refusing to put a password"):
        _run(leak)
