"""Source texts lupdate cannot see: our errors' templates (raised anywhere, mostly Qt-free code),
the known statuses and the default column titles. Written as translate(...) lines for lupdate
(never run); a template with "(s)" is a plural ("{count} task(s)", see domain/errors.py).
"""

from __future__ import annotations

import ast
import builtins
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[1]
MESSAGE_CALLS = ("Phrase", "Cancelled")


def _is_message_call(node: ast.Call) -> bool:
    """Our error types (and Phrase); Python's own (ValueError, OSError) are not for users."""
    func = node.func
    name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
    ours = name.endswith("Error") and not hasattr(builtins, name)
    return ours or name in MESSAGE_CALLS


def message_calls(path: Path) -> list[ast.Call]:
    """Every error (or Phrase) construction in one file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and _is_message_call(node) and node.args
    ]


def package_files() -> list[Path]:
    """Every Python file of the package."""
    return sorted(path for path in PACKAGE_DIR.rglob("*.py") if "__pycache__" not in path.parts)


def error_templates() -> list[str]:
    """Literal message templates of our errors (and Phrase texts) anywhere in the package."""
    texts = []
    for path in package_files():
        for call in message_calls(path):
            first = call.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str) and first.value:
                texts.append(first.value)
    return list(dict.fromkeys(texts))


def data_texts() -> list[tuple[str, str]]:
    """(context, text) for the known statuses and the default column titles."""
    from photoflow_desktop.domain import queries
    from photoflow_desktop.domain.models import DEFAULT_COLUMNS

    statuses = list(queries.KNOWN_STATUSES)
    try:
        from photoflow_desktop.domain import statuses as status_module

        statuses += list(status_module.LABELS.values())
    except ImportError:
        pass
    texts = [("Status", text) for text in dict.fromkeys(statuses)]
    return texts + [("Columns", title) for _, title, _ in DEFAULT_COLUMNS]


def write_markers(target: Path) -> Path:
    """Write every text above as a translate(...) line into `target` (a file for lupdate)."""
    pairs = [("Errors", text) for text in error_templates()] + data_texts()
    lines = [
        f"translate({context!r}, {text!r}, None, 0)"
        if "(s)" in text
        else f"translate({context!r}, {text!r})"
        for context, text in pairs
    ]
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target
