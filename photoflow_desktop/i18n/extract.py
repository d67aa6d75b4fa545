"""Source texts lupdate cannot see: error templates in domain/ and maintenance/ (Qt-free code),
the known statuses and the default column titles. Written as translate(...) lines for lupdate
(never run); a template with "(s)" is a plural ("{count} task(s)", see domain/errors.py).
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[1]
QT_FREE_DIRS = ("domain", "maintenance")
MESSAGE_CALLS = ("Phrase", "Cancelled")


def _is_message_call(node: ast.Call) -> bool:
    func = node.func
    name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
    return name.endswith("Error") or name in MESSAGE_CALLS


def message_calls(path: Path) -> list[ast.Call]:
    """Every error (or Phrase) construction in one file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and _is_message_call(node) and node.args
    ]


def qt_free_files() -> list[Path]:
    """The Python files of domain/ and maintenance/."""
    return sorted(path for name in QT_FREE_DIRS for path in (PACKAGE_DIR / name).rglob("*.py"))


def error_templates() -> list[str]:
    """Literal message templates of errors raised in domain/ and maintenance/."""
    texts = []
    for path in qt_free_files():
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
