"""Every source text of the package, found with Python's own parser, written for lupdate.

pyside6-lupdate's Python reader drops a translate() call whose plural count is an expression
(`len(rows)`, `span.days`) and marks a plural only when the count is a literal number; it also
cannot see the templates of our errors (raised mostly in Qt-free code). So the texts are
collected here — translate(...), QT_TRANSLATE_NOOP(...) and self.tr(...) calls (context: the
class they are written in, as PySide6 looks them up), our errors' templates and
Phrase texts, the known statuses and the default column titles — and written as plain
translate(...) lines (a plural with the literal count 0) into one file that lupdate reads.
A template with "(s)" is a plural ("{count} task(s)", see domain/errors.py).
"""

from __future__ import annotations

import ast
import builtins
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[1]
MESSAGE_CALLS = ("Phrase", "Message", "Cancelled")
Text = tuple[str, str, str | None, bool]  # context, source text, disambiguation, plural


def package_files() -> list[Path]:
    """Every Python file of the package."""
    return sorted(path for path in PACKAGE_DIR.rglob("*.py") if "__pycache__" not in path.parts)


def _name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def _literal(node: ast.AST | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _translate_call(call: ast.Call) -> Text | None:
    args = list(call.args)
    keywords = {keyword.arg: keyword.value for keyword in call.keywords}
    context, text = (_literal(a) for a in [*args, None, None][:2])
    if context is None or not text:
        return None
    disambiguation = (
        _literal(args[2]) if len(args) > 2 else _literal(keywords.get("disambiguation"))
    )
    plural = len(args) > 3 or "n" in keywords
    return context, text, disambiguation, plural


def _message_call(call: ast.Call) -> Text | None:
    """Our error types (and Phrase); Python's own (ValueError, OSError) are not for users."""
    name = _name(call)
    ours = name.endswith("Error") and not hasattr(builtins, name)
    text = _literal(call.args[0]) if call.args else None
    if not (ours or name in MESSAGE_CALLS) or not text:
        return None
    return "Errors", text, None, "(s)" in text


def _tr_call(call: ast.Call, class_name: str | None) -> Text | None:
    """`self.tr(text, disambiguation, n)` inside a class: Qt's context is the class name."""
    func = call.func
    if class_name is None or not (isinstance(func, ast.Attribute) and func.attr == "tr"):
        return None
    if not (isinstance(func.value, ast.Name) and func.value.id == "self"):
        return None
    text = _literal(call.args[0]) if call.args else None
    if not text:
        return None
    disambiguation = _literal(call.args[1]) if len(call.args) > 1 else None
    return (
        class_name,
        text,
        disambiguation,
        len(call.args) > 2 or "n" in (keyword.arg for keyword in call.keywords),
    )


def _calls(node: ast.AST, class_name: str | None = None):
    """(call, name of the class it is written in) for every call below `node`."""
    for child in ast.iter_child_nodes(node):
        inner = child.name if isinstance(child, ast.ClassDef) else class_name
        if isinstance(child, ast.Call):
            yield child, class_name
        yield from _calls(child, inner)


def texts_in(path: Path) -> list[Text]:
    """The source texts of one file."""
    found = []
    for node, class_name in _calls(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if _name(node) in ("translate", "QT_TRANSLATE_NOOP"):
            text = _translate_call(node)
        elif _name(node) == "tr":
            text = _tr_call(node, class_name)
        else:
            text = _message_call(node)
        if text:
            found.append(text)
    return found


def data_texts() -> list[Text]:
    """The known statuses and the default column titles."""
    from photoflow_desktop.domain.models import DEFAULT_COLUMNS
    from photoflow_desktop.domain.statuses import LABELS

    texts = [("Status", label, None, False) for label in LABELS.values()]
    return texts + [("Columns", title, None, False) for _, title, _ in DEFAULT_COLUMNS]


def all_texts() -> list[Text]:
    """Every source text of the package, each once, in file order."""
    texts = [text for path in package_files() for text in texts_in(path)] + data_texts()
    return list(dict.fromkeys(texts))


def write_markers(target: Path) -> Path:
    """Write every text as a translate(...) line into `target` (the one file lupdate reads)."""
    lines = []
    for context, text, disambiguation, plural in all_texts():
        args = [repr(context), repr(text)]
        if disambiguation or plural:
            args.append(repr(disambiguation or ""))
        if plural:
            args.append("0")
        lines.append(f"translate({', '.join(args)})")
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target
