"""Pick a PostgreSQL client tool by version (found by pgtools) and run it safely.

Connection details reach a tool only through its environment (PGHOST, PGPASSWORD, …), never
its arguments. A tool runs with progress polling and cancel (the process is killed); its
stderr comes back with the password masked.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import quote

from photoflow_desktop.domain.errors import Message
from photoflow_desktop.maintenance import pgtools
from photoflow_desktop.maintenance.base import Cancelled, ToolMissingError

log = logging.getLogger(__name__)

POLL_SECONDS = 0.1
CHUNK = 1 << 16
_VERSION = re.compile(r"\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?")


@dataclass(frozen=True)
class Tool:
    """A PostgreSQL client program and its version."""

    path: str
    version: str  # e.g. "15.20"
    major: int


_known_tools: dict[tuple[str, int], Tool] = {}  # (path, mtime) -> its version


def tool_version(path: str) -> Tool | None:
    """Run `path --version` (once per program file); None when it is no working PostgreSQL tool."""
    try:
        key = (path, os.stat(path).st_mtime_ns)
    except OSError:
        return None
    if key not in _known_tools:  # a backup or restore asks several times: run it once
        tool = _run_version(path)
        if tool is None:
            return None
        _known_tools[key] = tool
    return _known_tools[key]


def _run_version(path: str) -> Tool | None:
    try:
        completed = subprocess.run(
            [path, "--version"],
            env=pgtools.child_env(),  # in the bundle: the user's libraries, not ours
            capture_output=True,
            text=True,
            timeout=15,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    match = _VERSION.search(completed.stdout)
    if completed.returncode != 0 or not match:
        return None
    version = match.group(1) + (f".{match.group(2)}" if match.group(2) else "")
    return Tool(path=path, version=version, major=int(match.group(1)))


def find_tool(name: str, server_major: int | None = None) -> Tool | None:
    """The best `name` (pg_dump, psql, pg_restore) in pgtools' search order, by version.

    With `server_major`, the first candidate whose major version is at least the server's
    wins; when none is, the first one found is returned (callers explain the mismatch).
    """
    first: Tool | None = None
    for path, _source in pgtools.candidate_paths(name):
        tool = tool_version(str(path))
        if tool is None:
            continue
        if server_major is None or tool.major >= server_major:
            return tool
        first = first or tool
    return first


def install_hint(server_major: int) -> Message:
    """What to install to get client tools for a PostgreSQL `server_major` server."""
    return Message(
        "install the PostgreSQL {major} client tools (Debian/Ubuntu: "
        "apt install postgresql-client-{major}; Fedora: dnf install postgresql{major}; "
        "macOS: brew install postgresql@{major}; Windows: the EDB installer) or choose "
        'their folder as "{setting}" in the settings',
        major=server_major,
        setting=pgtools.PG_BIN_DIR_SETTING,
    )


def tool_problem(name: str, tool: Tool | None, server_major: int) -> Message | None:
    """What keeps `tool` (found as `name`) from working with the server, with the fix; or None."""
    if tool is None:
        return Message(
            "{name} was not found, so PostgreSQL backups and restores are impossible: {hint}",
            name=name,
            hint=install_hint(server_major),
        )
    if tool.major < server_major:
        return Message(
            "{name} {version} ({path}) is older than the PostgreSQL {major} server and cannot "
            "work with it: {hint}",
            name=name,
            version=tool.version,
            path=tool.path,
            major=server_major,
            hint=install_hint(server_major),
        )
    return None


def require_tool(name: str, server_major: int) -> Tool:
    """A compatible `name`, or ToolMissingError saying what to install."""
    tool = find_tool(name, server_major)
    problem = tool_problem(name, tool, server_major)
    if problem:
        raise ToolMissingError(problem)
    return tool


def child_env(libpq_env: dict[str, str], extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for a tool: ours plus the connection variables (password only here)."""
    env = pgtools.child_env()
    env.update(libpq_env)
    env.setdefault("PGCONNECT_TIMEOUT", "10")
    env["PGAPPNAME"] = "PhotoFlow Desktop maintenance"
    if extra:
        env.update(extra)
    return env


def mask(text: str, secret: str | None) -> str:
    """`text` with `secret` replaced by ***."""
    return text.replace(secret, "***") if secret else text


@dataclass
class ToolRun:
    """The outcome of one tool run."""

    returncode: int
    stderr: str  # password masked

    def last_lines(self, count: int = 6) -> str:
        """The end of stderr, for an error message."""
        lines = [line for line in self.stderr.strip().splitlines() if line.strip()]
        return "\n".join(lines[-count:])


def run_tool(
    argv: list[str],
    env: dict[str, str],
    *,
    secret: str | None = None,
    stdin_chunks: Iterable[bytes] | None = None,
    stdout_sink: Callable[[bytes], None] | None = None,
    on_tick: Callable[[], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
    on_stderr_line: Callable[[str], None] | None = None,
    cancel_text: str = "Stopped",
) -> ToolRun:
    """Run a tool, streaming stdin/stdout through Python; kill it on cancel (raises Cancelled)."""
    if secret and any(_passes_password(arg, secret) for arg in argv):
        raise ValueError("refusing to put a password in a command line")
    log.info("Running %s", " ".join(argv))
    with tempfile.TemporaryFile() as stderr_file:
        process = subprocess.Popen(
            argv,
            env=env,
            stdin=subprocess.PIPE if stdin_chunks is not None else subprocess.DEVNULL,
            stdout=subprocess.PIPE if stdout_sink else subprocess.DEVNULL,
            stderr=subprocess.PIPE if on_stderr_line else stderr_file,
        )
        failures: list[BaseException] = []
        threads = []
        if stdout_sink:
            threads.append(_thread(_pump_out, process.stdout, stdout_sink, failures))
        if stdin_chunks is not None:
            threads.append(_thread(_pump_in, stdin_chunks, process.stdin, failures))
        if on_stderr_line:
            threads.append(
                _thread(_pump_lines, process.stderr, on_stderr_line, stderr_file, failures)
            )
        try:
            while True:
                if should_cancel and should_cancel():
                    process.kill()
                    process.wait()
                    raise Cancelled(cancel_text)
                if on_tick:
                    on_tick()
                if failures:
                    process.kill()
                    process.wait()
                    break
                try:
                    process.wait(timeout=POLL_SECONDS)
                    break
                except subprocess.TimeoutExpired:
                    continue
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
            for thread in threads:
                thread.join()
        if failures:
            raise failures[0]
        stderr_file.seek(0)
        stderr = stderr_file.read().decode("utf-8", "replace")
    return ToolRun(process.returncode, mask(stderr, secret))


def _passes_password(arg: str, secret: str) -> bool:
    """True when `arg` hands over `secret` as a password: alone, in a URL or as password=….

    A mere substring is no leak: the password "postgres" is in /usr/lib/postgresql/15/bin/pg_dump.
    """
    forms = {secret, quote(secret, safe="")}
    return any(arg == form or f":{form}@" in arg or f"password={form}" in arg for form in forms)


def _thread(target, *args) -> threading.Thread:
    thread = threading.Thread(target=target, args=args, daemon=True)
    thread.start()
    return thread


def _pump_out(stream, sink, failures) -> None:
    try:
        while chunk := stream.read(CHUNK):
            sink(chunk)
    except BaseException as exc:  # reported to the caller's thread
        failures.append(exc)
    finally:
        stream.close()


def _pump_in(chunks, stream, failures) -> None:
    try:
        for chunk in chunks:
            stream.write(chunk)
    except BrokenPipeError:
        pass  # the tool stopped reading (it failed): its exit code and stderr say why
    except BaseException as exc:
        failures.append(exc)
    finally:
        with contextlib.suppress(BrokenPipeError):
            stream.close()


def _pump_lines(stream, on_line, copy_to, failures) -> None:
    try:
        for raw in stream:
            copy_to.write(raw)
            on_line(raw.decode("utf-8", "replace").rstrip("\n"))
    except BaseException as exc:
        failures.append(exc)
    finally:
        stream.close()
