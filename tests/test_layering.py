"""The layers are one-way (DESIGN.md): the headless core never loads textual, screens never touch SQLite."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "lif_tui"


def test_headless_layers_do_not_import_textual_or_docx() -> None:
    code = (
        "import sys\n"
        "import lif_tui.models, lif_tui.db, lif_tui.db.store, lif_tui.exports, lif_tui.cli\n"
        "import lif_tui.cli_core, lif_tui.cli_export, lif_tui.cli_archive\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'docx'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"headless import pulled in: {result.stdout.strip()}"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def _top(names: set[str]) -> set[str]:
    return {name.split(".")[0] for name in names}


def test_db_models_and_exports_never_import_textual_anywhere() -> None:
    """Also catches imports hidden inside functions, which the subprocess test cannot see."""
    for folder in ("db", "exports"):
        for path in (PACKAGE / folder).rglob("*.py"):
            assert "textual" not in _top(_imports(path)), path
    assert "textual" not in _top(_imports(PACKAGE / "models.py"))
    assert not {"sqlite3", "sqlite_utils", "textual", "docx"} & _top(_imports(PACKAGE / "models.py"))


def test_exports_do_not_reach_into_the_store() -> None:
    for path in (PACKAGE / "exports").rglob("*.py"):
        imported = _imports(path)
        assert not any(name.startswith("lif_tui.db") for name in imported), path
        assert not {"sqlite3", "sqlite_utils"} & _top(imported), path


def test_screens_and_widgets_never_touch_sqlite() -> None:
    checked = 0
    for folder in ("screens", "widgets"):
        for path in (PACKAGE / folder).rglob("*.py"):
            checked += 1
            assert not {"sqlite3", "sqlite_utils"} & _top(_imports(path)), path
    app = PACKAGE / "app.py"
    if app.exists():
        assert not {"sqlite3", "sqlite_utils"} & _top(_imports(app))
    assert checked > 0
