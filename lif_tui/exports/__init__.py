"""Exports: pure functions from an `EventRecord` to a file. They never import textual or the store.

Importing this package is cheap: python-docx is imported only when a Word export actually runs, and the
names below are loaded on first use.

- `export_learning_briefing(record, path, *, template=None, version="0.1", on_progress=None)`
- `export_seven_minute_briefing(record, path, *, template=None, version="0.1", on_progress=None)`
- `write_bundle(record, path)` / `read_bundle(path)`: the lossless JSON bundle
- `write_findings_csv(record, path)` / `write_actions_csv(record, path)`
- `ExportResult`: the path written and any warnings
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lif_tui.exports.csv_tables import write_actions_csv, write_findings_csv
    from lif_tui.exports.json_bundle import read_bundle, write_bundle
    from lif_tui.exports.learning_briefing import export_learning_briefing
    from lif_tui.exports.result import ExportResult
    from lif_tui.exports.seven_minute import export_seven_minute_briefing

_LAZY = {
    "export_learning_briefing": "lif_tui.exports.learning_briefing",
    "export_seven_minute_briefing": "lif_tui.exports.seven_minute",
    "write_bundle": "lif_tui.exports.json_bundle",
    "read_bundle": "lif_tui.exports.json_bundle",
    "write_findings_csv": "lif_tui.exports.csv_tables",
    "write_actions_csv": "lif_tui.exports.csv_tables",
    "ExportResult": "lif_tui.exports.result",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'lif_tui.exports' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
