"""What an export hands back: where it wrote, and anything the facilitator should know."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

ProgressCallback = Callable[[float, str], None]
"""Called with a fraction from 0 to 1 and a short message ("Writing findings"), from the exporting thread."""


@dataclass
class ExportResult:
    """The written file and any warnings (for example, template styles that fell back to built-in ones)."""

    path: Path
    warnings: list[str] = field(default_factory=list)


def progress_reporter(on_progress: ProgressCallback | None) -> ProgressCallback:
    """A callback that clamps the fraction to 0..1 and does nothing when no callback was given."""

    def report(fraction: float, message: str) -> None:
        if on_progress is not None:
            on_progress(max(0.0, min(1.0, fraction)), message)

    return report
