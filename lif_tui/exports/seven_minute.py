"""The 7-minute briefing: the event's learning on two pages, for a team to read and discuss in seven minutes.

One Heading 1 (the title) and seven Heading 2 sections, always in this order: Background, Why it matters,
What has changed, Key learning and evidence, What still needs to change, What to do, Questions for
reflection. Lists are capped (the first few items in the order they were recorded, with a line pointing to the full learning briefing
for the rest) so a typical event fits on two A4 pages. Empty sections carry the same sentence as the
learning briefing: "Nothing was recorded for this section." The header, footer, marking, page numbers,
language and core properties are the same as the learning briefing's.

python-docx is imported only inside `export_seven_minute_briefing`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from lif_tui import __version__
from lif_tui.exports import briefing_content as bc
from lif_tui.exports.result import ExportResult, ProgressCallback, progress_reporter
from lif_tui.models import EventRecord, Finding, FindingKind

if TYPE_CHECKING:
    from lif_tui.exports.docx_building import DocxBuilder

__all__ = ["export_seven_minute_briefing", "SECTION_TITLES"]

SECTION_TITLES: tuple[str, ...] = (
    "Background",
    "Why it matters",
    "What has changed",
    "Key learning and evidence",
    "What still needs to change",
    "What to do",
    "Questions for reflection",
)

MAX_ITEMS = 5
"""Most items in any one list; the rest are in the full learning briefing."""
MAX_ITEM_CHARS = 260
"""Longer items are shortened at a word boundary with an ellipsis."""
MAX_SUMMARY_CHARS = 420


def export_seven_minute_briefing(
    record: EventRecord,
    path: Path,
    *,
    template: Path | None = None,
    version: str = "0.1",
    on_progress: ProgressCallback | None = None,
    today: date | None = None,
) -> ExportResult:
    """Write the 7-minute briefing for `record` to `path` (.docx), atomically.

    Same options as `export_learning_briefing`: the template supplies styles, header, footer and logo;
    missing styles fall back to built-in ones with a warning in the result.
    """
    from lif_tui.exports.docx_building import DocxBuilder

    report = progress_reporter(on_progress)
    report(0.0, "Preparing the document")
    builder = DocxBuilder(template)
    builder.compact()
    event = record.event
    draft_day = today or date.today()
    partnership = bc.xml_safe(event.partnership) or "Safeguarding children partnership"
    title = bc.xml_safe(event.title)
    reviews = bc.linked_reviews(record)
    builder.header_and_footer(
        str(event.marking),
        [f"{partnership}: 7-minute briefing | DRAFT version {version}, {bc.long_date(draft_day)}"],
    )

    builder.heading(1, f"7-minute briefing: {title}")
    builder.paragraph(
        f"From the evidencing-impact event on {bc.long_date(event.event_date)}. Read it together in a team "
        "meeting or supervision, then talk through the questions at the end."
    )
    report(0.2, "Writing the briefing")

    # 1. Background
    builder.heading(2, SECTION_TITLES[0])
    for review in reviews:
        summary = bc.clip(bc.xml_safe(review.summary).strip(), MAX_SUMMARY_CHARS)
        builder.paragraph(f"{bc.review_heading(review)}: {summary}" if summary else bc.review_heading(review))
    total = record.total_attending
    agencies = len(record.attendance_by_agency())
    if total:
        builder.paragraph(
            f"On {bc.long_date(event.event_date)}, {bc.plural(total, 'practitioner or manager', 'practitioners and managers')} "
            f"from {bc.plural(agencies, 'agency', 'agencies')} met to find out whether the learning has changed practice."
        )
    elif not reviews:
        builder.paragraph(bc.EMPTY_SECTION)

    # 2. Why it matters
    builder.heading(2, SECTION_TITLES[1])
    purpose = bc.xml_safe(event.purpose).strip()
    themes = list(dict.fromkeys(theme for review in reviews for theme in review.themes))
    if purpose:
        builder.paragraph(bc.clip(purpose, 700))
    if themes:
        builder.paragraph(f"The themes: {'; '.join(bc.xml_safe(t) for t in themes)}.")
    if not purpose and not themes:
        builder.paragraph(bc.EMPTY_SECTION)

    # 3. What has changed
    builder.heading(2, SECTION_TITLES[2])
    _capped_bullets(builder, bc.findings_of(record, FindingKind.CHANGED, FindingKind.GOOD_PRACTICE))

    # 4. Key learning and evidence
    builder.heading(2, SECTION_TITLES[3])
    ratings = {row.label: row for row in bc.rating_rows(record)}
    labels = bc.learning_point_labels(record)
    points = record.learning_points()
    if points:
        lines = []
        for point in points:
            label = labels.get(point.id, point.label)
            line = f"{bc.point_heading(point, label)}. "
            row = ratings.get(label)
            if row is not None and row.rag is not None:
                line += f"Rated {bc.RAG_WORDS[row.rag].lower()}"
                if row.has_votes:
                    line += (
                        f"; median confidence {bc.median_text(row.median_before)} before, "
                        f"{bc.median_text(row.median_after)} after"
                    )
                line += "."
            else:
                line += "Not rated."
            lines.append(line)
        builder.bullets(lines)
    evidence = bc.findings_of(record, FindingKind.EVIDENCE)
    if evidence:
        builder.paragraph("The evidence:", keep_with_next=True)
        _capped_bullets(builder, evidence)
    if not points and not evidence:
        builder.paragraph(bc.EMPTY_SECTION)

    # 5. What still needs to change
    builder.heading(2, SECTION_TITLES[4])
    _capped_bullets(builder, bc.findings_of(record, FindingKind.BARRIER))

    # 6. What to do
    builder.heading(2, SECTION_TITLES[5])
    messages = bc.findings_of(record, FindingKind.KEY_MESSAGE)
    actions = record.active_actions()
    if messages:
        builder.numbered([bc.clip(bc.xml_safe(m.text), MAX_ITEM_CHARS) for m in messages[:MAX_ITEMS]])
        _more(builder, len(messages), "key messages")
    if actions:
        builder.paragraph("The partnership will:", keep_with_next=True)
        items = []
        for action in actions[:MAX_ITEMS]:
            owner = bc.xml_safe(action.owner_agency)
            due = bc.month_year(action.due_date)
            detail = ", ".join(part for part in (owner, f"by {due}" if due else "") if part)
            text = bc.clip(bc.xml_safe(action.text), 200)
            items.append(f"{text} ({detail})" if detail else text)
        builder.bullets(items)
        _more(builder, len(actions), "actions")
    if not messages and not actions:
        builder.paragraph(bc.EMPTY_SECTION)

    # 7. Questions for reflection
    builder.heading(2, SECTION_TITLES[6])
    builder.numbered(bc.reflection_questions(record))

    builder.properties(
        title=f"7-minute briefing: {title}",
        subject="7-minute briefing from an evidencing-impact event",
        author=partnership,
        keywords="; ".join(
            dict.fromkeys(["safeguarding", "7-minute briefing"] + [r.pseudonym for r in reviews] + themes)
        ),
        category="7-minute briefing (draft)",
        comments=f"DRAFT version {version}. Protective marking: {event.marking}. Written by lif-tui {__version__}.",
        version=version,
    )
    report(0.9, "Saving")
    written = builder.save(Path(path))
    report(1.0, "Done")
    return ExportResult(path=written, warnings=list(dict.fromkeys(builder.warnings)))


def _capped_bullets(builder: DocxBuilder, findings: list[Finding]) -> None:
    if not findings:
        builder.paragraph(bc.EMPTY_SECTION)
        return
    items = []
    for finding in findings[:MAX_ITEMS]:
        text = bc.clip(bc.xml_safe(finding.text), MAX_ITEM_CHARS)
        items.append(f"{text} ({bc.xml_safe(finding.agency)})" if finding.agency else text)
    builder.bullets(items)
    _more(builder, len(findings), "items")


def _more(builder: DocxBuilder, count: int, noun: str) -> None:
    if count > MAX_ITEMS:
        builder.paragraph(f"The full learning briefing has {count - MAX_ITEMS} more {noun}.")
