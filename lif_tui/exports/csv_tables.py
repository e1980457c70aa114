"""CSV tables of findings and actions that open cleanly in Excel.

UTF-8 with a byte-order mark (so Excel detects the encoding), CRLF line ends, ISO 8601 dates, and column
names a person understands. A cell that begins with = + - @ (or a tab or carriage return) gets a leading
apostrophe, so Excel shows it as text instead of running it as a formula (CSV injection). Only active
(not deleted) rows are written.
"""

from __future__ import annotations

import csv
import io
from datetime import timezone
from pathlib import Path
from typing import Iterable, Sequence

from lif_tui.exports.atomic_write import write_text
from lif_tui.exports.briefing_content import learning_point_labels, xml_safe
from lif_tui.models import EventRecord

__all__ = ["write_findings_csv", "write_actions_csv", "FINDINGS_COLUMNS", "ACTIONS_COLUMNS", "safe_cell"]

FINDINGS_COLUMNS = (
    "Finding number",
    "Kind",
    "Finding",
    "Learning point",
    "Learning point text",
    "Agency",
    "Evidence type",
    "Agenda phase",
    "Recorded (UTC)",
)
ACTIONS_COLUMNS = (
    "Action number",
    "Action",
    "Learning point",
    "Owner agency",
    "Owner role",
    "Due date",
    "Status",
    "How we will know",
    "Latest progress note",
    "Progress noted on",
)

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """Text for one cell: cleaned, and defused if Excel would read it as a formula."""
    text = "" if value is None else xml_safe(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, dialect="excel", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return buffer.getvalue()


def findings_rows(record: EventRecord) -> list[list[object]]:
    labels = learning_point_labels(record)
    points = {point.id: point for point in record.learning_points()}
    phases = {phase.id: phase.title for phase in record.phases}
    rows = []
    for number, finding in enumerate(record.active_findings(), start=1):
        point = points.get(finding.learning_point_id) if finding.learning_point_id else None
        rows.append(
            [
                number,
                str(finding.kind),
                finding.text,
                labels.get(point.id, "") if point else "",
                point.text if point else "",
                finding.agency,
                str(finding.evidence_type) if finding.evidence_type else "",
                phases.get(finding.phase_id, "") if finding.phase_id else "",
                finding.created_at.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S"),
            ]
        )
    return rows


def actions_rows(record: EventRecord) -> list[list[object]]:
    labels = learning_point_labels(record)
    rows = []
    for number, action in enumerate(record.active_actions(), start=1):
        notes = sorted(action.progress_notes, key=lambda note: note.noted_on)
        latest = notes[-1] if notes else None
        rows.append(
            [
                number,
                action.text,
                labels.get(action.learning_point_id, "") if action.learning_point_id else "",
                action.owner_agency,
                action.owner_role,
                action.due_date.isoformat() if action.due_date else "",
                str(action.status),
                action.measure,
                latest.text if latest else "",
                latest.noted_on.isoformat() if latest else "",
            ]
        )
    return rows


def write_findings_csv(record: EventRecord, path: Path | str) -> Path:
    """Write the event's findings, one row each, atomically; returns the path written."""
    return write_text(Path(path), _csv_text(FINDINGS_COLUMNS, findings_rows(record)), encoding="utf-8-sig")


def write_actions_csv(record: EventRecord, path: Path | str) -> Path:
    """Write the event's actions, one row each, atomically; returns the path written."""
    return write_text(Path(path), _csv_text(ACTIONS_COLUMNS, actions_rows(record)), encoding="utf-8-sig")
