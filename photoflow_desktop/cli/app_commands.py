"""`photoflow self-test`: smoke-test this installation and print each step with OK/FAIL."""

from __future__ import annotations

import argparse
from pathlib import Path

from photoflow_desktop.i18n import translate
from photoflow_desktop.selftest import StepResult, run_self_test


def register(subparsers) -> argparse.ArgumentParser:
    """Add the `self-test` command."""
    parser = subparsers.add_parser(
        "self-test",
        help=translate(
            "CliHelp", "smoke-test this installation on a temporary database (touches nothing else)"
        ),
        description=translate(
            "CliHelp",
            "Create a temporary SQLite database, migrate, seed, render the board "
            "offscreen, back up and verify; exit 0 only when every step passes.",
        ),
    )
    parser.add_argument(
        "--screenshot",
        metavar=translate("CliHelp", "FILE"),
        type=Path,
        help=translate("CliHelp", "save the rendered board as a PNG"),
    )
    parser.set_defaults(handler=cmd_self_test, draws_with_qt=True)
    return parser


def _print_step(result: StepResult) -> None:
    print(f"{result.status:<4}  {result.name:<19} {result.detail} ({result.seconds:.2f} s)")


def cmd_self_test(args) -> int:
    """Run the self-test; 0 when every step passed, 1 otherwise."""
    results = run_self_test(report=_print_step, screenshot=args.screenshot)
    failed = [result.name for result in results if result.failed]
    seconds = sum(result.seconds for result in results)
    if failed:
        print(f"Self-test FAILED ({len(failed)} of {len(results)} steps): {', '.join(failed)}")
        return 1
    print(f"Self-test passed: {len(results)} steps in {seconds:.1f} s")
    return 0
