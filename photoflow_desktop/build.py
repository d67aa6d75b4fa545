"""`python -m photoflow_desktop.build`: build the one-folder bundle and smoke-test it.

Runs PyInstaller with photoflow.spec (from a source checkout), then
`dist/photoflow/photoflow self-test` with QT_QPA_PLATFORM=offscreen in an empty folder, and
prints the bundle's size and the build time. Exit 0 only when the build and the self-test pass.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "photoflow.spec"
APP_NAME = "photoflow"
EXECUTABLE = APP_NAME + (".exe" if sys.platform == "win32" else "")


@dataclass(frozen=True)
class BuildResult:
    """Where the bundle is, how big it is, how long it took."""

    folder: Path
    executable: Path
    size: int  # bytes
    files: int
    seconds: float


def bundle_size(folder: Path) -> tuple[int, int]:
    """(bytes, files) of everything under `folder` (symlinks not followed)."""
    total = count = 0
    for directory, _, names in os.walk(folder):
        for name in names:
            path = Path(directory) / name
            if not path.is_symlink():
                total += path.stat().st_size
                count += 1
    return total, count


def build(dist: Path, work: Path, clean: bool = False) -> BuildResult:
    """Run PyInstaller on photoflow.spec; raises RuntimeError when it fails."""
    if not SPEC.is_file():
        raise RuntimeError(f"{SPEC} is missing: build from a source checkout of PhotoFlow")
    if importlib.util.find_spec("PyInstaller") is None:
        raise RuntimeError("PyInstaller is not installed: pip install -e '.[build]'")
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level",
        "WARN",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
    ]
    if clean:
        command.append("--clean")
    command.append(str(SPEC))
    started = time.monotonic()
    completed = subprocess.run(command, cwd=ROOT, check=False)
    seconds = time.monotonic() - started
    folder = dist / APP_NAME
    executable = folder / EXECUTABLE
    if completed.returncode != 0 or not executable.is_file():
        raise RuntimeError(f"PyInstaller failed (exit {completed.returncode})")
    size, files = bundle_size(folder)
    return BuildResult(folder, executable, size, files, seconds)


def run_self_test(executable: Path, screenshot: Path | None = None) -> int:
    """Run the bundle's `self-test` offscreen in an empty folder; returns its exit code."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    command = [str(executable), "self-test"]
    if screenshot is not None:
        command += ["--screenshot", str(screenshot.resolve())]
    with tempfile.TemporaryDirectory(prefix="photoflow-bundle-") as empty:
        return subprocess.run(command, cwd=empty, env=env, check=False, timeout=300).returncode


def main(argv: list[str] | None = None) -> int:
    """Build, report size and time, self-test; 0 when all of it worked."""
    parser = argparse.ArgumentParser(
        prog="python -m photoflow_desktop.build", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="PyInstaller work folder")
    parser.add_argument("--clean", action="store_true", help="ignore PyInstaller's cache")
    parser.add_argument("--no-self-test", action="store_true", help="only build")
    parser.add_argument("--screenshot", type=Path, help="save the self-test's board as a PNG")
    args = parser.parse_args(argv)
    try:
        result = build(args.dist.resolve(), args.work.resolve(), clean=args.clean)
    except RuntimeError as exc:
        print(f"build: {exc}", file=sys.stderr)
        return 1
    print(
        f"Bundle: {result.executable} — {result.size / 1e6:.0f} MB in {result.files} files, "
        f"built in {result.seconds:.0f} s"
    )
    if args.no_self_test:
        return 0
    code = run_self_test(result.executable, args.screenshot)
    print("Bundle self-test passed." if code == 0 else f"Bundle self-test FAILED (exit {code}).")
    return code


if __name__ == "__main__":
    sys.exit(main())
