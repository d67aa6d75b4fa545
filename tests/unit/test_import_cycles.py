"""No module of photoflow_desktop imports another in a circle (imports inside functions count),
and every module imports (a moved name breaks a module that no test loads otherwise)."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[2] / "photoflow_desktop"


def module_files(package_dir: Path) -> dict[str, Path]:
    """Dotted module name → file, for every .py file below `package_dir` (packages by __init__)."""
    modules = {}
    for path in sorted(package_dir.rglob("*.py")):
        parts = list(path.relative_to(package_dir.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


def imported_names(module: str, path: Path) -> set[str]:
    """Every dotted name `module` imports, at module level or in a function, made absolute."""
    is_package = path.name == "__init__.py"
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = module.split(".")
                if not is_package:
                    anchor.pop()
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def import_graph(package_dir: Path) -> dict[str, set[str]]:
    """Module → the modules of the same package it imports.

    `from a.b import c` counts as importing a.b.c when that is a module, else a.b. A module's
    own parent packages are not counted: Python runs them first whatever the module imports.
    """
    modules = module_files(package_dir)
    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        targets = set()
        for name in imported_names(module, path):
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name and name != module and not module.startswith(name + "."):
                targets.add(name)
        graph[module] = targets
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as [a, b, …, a], or None (iterative depth-first search)."""
    done: set[str] = set()
    for start in sorted(graph):
        if start in done:
            continue
        path = [start]
        on_path = {start}
        pending = [iter(sorted(graph[start]))]
        while pending:
            target = next(pending[-1], None)
            if target is None:
                pending.pop()
                done.add(path[-1])
                on_path.discard(path.pop())
            elif target in on_path:
                return [*path[path.index(target) :], target]
            elif target not in done:
                path.append(target)
                on_path.add(target)
                pending.append(iter(sorted(graph[target])))
    return None


def test_the_package_has_no_import_cycle():
    graph = import_graph(PACKAGE_DIR)
    assert "photoflow_desktop.ui.board.main_window" in graph
    assert "photoflow_desktop.maintenance.base" in graph["photoflow_desktop.maintenance.sqlite"]
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " → ".join(cycle)


IMPORT_EACH = """
import importlib, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
"""


def test_every_module_imports():
    names = [name for name in module_files(PACKAGE_DIR) if not name.endswith("__main__")]
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_EACH, *names],
        cwd=PACKAGE_DIR.parent,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr


def write_package(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / "pkg" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "pkg"


def test_a_cycle_through_a_function_level_import_is_named(tmp_path):
    package = write_package(
        tmp_path,
        {
            "__init__.py": "",
            "a.py": "from pkg.b import thing\n",
            "sub/__init__.py": "from pkg.sub import c\n",
            "b.py": "def thing():\n    from .sub.c import other\n",
            "sub/c.py": "from .. import a\nimport pkg.sub\n",
        },
    )
    cycle = find_cycle(import_graph(package))
    assert cycle == ["pkg.a", "pkg.b", "pkg.sub.c", "pkg.a"]


def test_parent_packages_and_acyclic_imports_are_no_cycle(tmp_path):
    package = write_package(
        tmp_path,
        {
            "__init__.py": "from pkg.a import x\n",
            "a.py": "import pkg\nfrom . import b\n",
            "b.py": "import os\n",
        },
    )
    assert find_cycle(import_graph(package)) is None
