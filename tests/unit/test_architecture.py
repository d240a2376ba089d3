"""The core never imports streamlit: only the ui package draws pages."""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "src" / "strength"


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_no_core_module_imports_streamlit() -> None:
    core = [p for p in CORE.rglob("*.py") if "ui" not in p.relative_to(CORE).parts]
    assert len(core) > 5
    offenders = [str(p.relative_to(CORE)) for p in core if "streamlit" in _imports(p)]
    assert offenders == []


def test_the_pages_do_import_streamlit_so_the_check_above_can_see_an_import() -> None:
    assert "streamlit" in _imports(CORE / "ui" / "plan_page.py")
