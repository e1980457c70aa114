"""The learning briefing for professionals: the Word document teams read in meetings and supervision.

Layout (see DESIGN.md): a header with the protective marking, the partnership, the title, DRAFT, the
version and the date, on every page; a footer with "Page X of Y" (real PAGE and NUMPAGES fields) and the
marking again; a title block (the document's single Heading 1) and then ten sections, each a Heading 2,
always in this order:

1. Why we held this event
2. About the review(s)
3. The event (date and attendance counted by agency type)
4. What has changed and the evidence (ratings table, confidence chart, then findings by learning point
   and by kind, each attributed to an agency, never a person)
5. Voice of the child
6. What still needs to improve
7. What the partnership will do next (the actions table)
8. Key messages for practitioners
9. Questions for reflection in team meetings and supervision
10. Resources

Empty sections: every section heading always appears, so every briefing has the same structure; a
section with nothing recorded carries the one sentence "Nothing was recorded for this section." in the
body style (and a learning point with nothing recorded, "Nothing was recorded for this learning point.").
Groups with nothing in them inside a section (a kind of finding, a learning point with no barriers) are
left out. The one exception is section 9: with no questions on the event, the three default reflection
questions are used.

python-docx is imported only inside `export_learning_briefing`, so importing this module is cheap.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from lif_tui import __version__
from lif_tui.exports import briefing_content as bc
from lif_tui.exports.result import ExportResult, ProgressCallback, progress_reporter
from lif_tui.models import EventRecord, FindingKind

if TYPE_CHECKING:
    from lif_tui.exports.docx_building import DocxBuilder

__all__ = ["export_learning_briefing", "SECTION_TITLES"]

SECTION_TITLES: tuple[str, ...] = (
    "Why we held this event",
    "About the review",  # "About the reviews" when there are several
    "The event",
    "What has changed and the evidence",
    "Voice of the child",
    "What still needs to improve",
    "What the partnership will do next",
    "Key messages for practitioners",
    "Questions for reflection in team meetings and supervision",
    "Resources",
)

CHANGE_KINDS = (FindingKind.CHANGED, FindingKind.EVIDENCE, FindingKind.GOOD_PRACTICE)
KIND_HEADINGS = {
    FindingKind.CHANGED: "What has changed",
    FindingKind.EVIDENCE: "Evidence of impact",
    FindingKind.GOOD_PRACTICE: "Good practice",
    FindingKind.BARRIER: "Barriers and gaps",
}


def export_learning_briefing(
    record: EventRecord,
    path: Path,
    *,
    template: Path | None = None,
    version: str = "0.1",
    on_progress: ProgressCallback | None = None,
    today: date | None = None,
) -> ExportResult:
    """Write the learning briefing for `record` to `path` (.docx), atomically.

    `template` is the partnership's own .docx or .dotx: its styles, header, footer and logo are kept and
    its body is replaced. A style it lacks falls back to the built-in one, with a warning in the result.
    `today` is the draft date in the header (defaults to today). Raises DataError if the template cannot
    be read or the path cannot be written.
    """
    from lif_tui.exports.docx_building import DocxBuilder

    report = progress_reporter(on_progress)
    report(0.0, "Preparing the document")
    builder = DocxBuilder(template)
    warnings = builder.warnings
    event = record.event
    draft_day = today or date.today()
    reviews = bc.linked_reviews(record)
    for review in reviews:
        if str(review.status) == "embargoed":
            warnings.append(f"Review {review.pseudonym} is embargoed: check before sharing this briefing.")
        if review.parallel_proceedings:
            warnings.append(
                f"Review {review.pseudonym} has parallel proceedings: check with the partnership before sharing."
            )

    partnership = bc.xml_safe(event.partnership) or "Safeguarding children partnership"
    title = bc.xml_safe(event.title)
    builder.header_and_footer(
        str(event.marking),
        [f"{partnership}: learning briefing", f"{title} | DRAFT version {version}, {bc.long_date(draft_day)}"],
    )

    _title_block(builder, record, version, draft_day)
    report(0.05, "Writing the introduction")
    _why(builder, record)
    _about_reviews(builder, record)
    _the_event(builder, record)
    report(0.15, "Writing ratings and findings")
    _what_has_changed(builder, record, report)
    report(0.6, "Writing the voice of the child and barriers")
    _voice(builder, record)
    _still_to_improve(builder, record)
    report(0.7, "Writing the actions table")
    _next_steps(builder, record)
    _key_messages(builder, record)
    _questions(builder, record)
    _resources(builder, record)

    keywords = ["safeguarding", "learning briefing", "evidencing impact"]
    keywords += [review.pseudonym for review in reviews]
    keywords += [theme for review in reviews for theme in review.themes]
    builder.properties(
        title=f"Learning briefing: {title}",
        subject=f"What has changed since {_review_names(reviews) or 'the review'}: learning briefing for professionals",
        author=partnership,
        keywords="; ".join(dict.fromkeys(k for k in keywords if k)),
        category="Learning briefing (draft)",
        comments=f"DRAFT version {version}. Protective marking: {event.marking}. Written by lif-tui {__version__}.",
        version=version,
    )
    report(0.9, "Saving")
    written = builder.save(Path(path))
    report(1.0, "Done")
    return ExportResult(path=written, warnings=list(dict.fromkeys(warnings)))


def _review_names(reviews) -> str:
    names = [review.pseudonym for review in reviews]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _title_block(builder: DocxBuilder, record: EventRecord, version: str, draft_day: date) -> None:
    event = record.event
    builder.heading(1, event.title)
    partnership = bc.xml_safe(event.partnership)
    lead = f"Learning briefing for professionals from {partnership}" if partnership else "Learning briefing for professionals"
    builder.paragraph(f"{lead}. DRAFT version {version}, {bc.long_date(draft_day)}.")
    builder.paragraph(
        "Read and discuss this briefing in team meetings or group supervision. It records what practitioners "
        f"and managers told us at the event on {bc.long_date(event.event_date)}. It is marked {event.marking}: "
        "do not share it outside the partnership's agencies."
    )


def _empty(builder: DocxBuilder, sentence: str = bc.EMPTY_SECTION) -> None:
    builder.paragraph(sentence)


def _why(builder: DocxBuilder, record: EventRecord) -> None:
    builder.heading(2, SECTION_TITLES[0])
    purpose = bc.xml_safe(record.event.purpose).strip()
    if not purpose:
        _empty(builder)
        return
    for paragraph in _paragraphs(purpose):
        builder.paragraph(paragraph)


def _paragraphs(text: str) -> list[str]:
    """Blank lines separate paragraphs; single newlines stay as line breaks."""
    parts = [part.strip() for part in text.replace("\r\n", "\n").split("\n\n")]
    return [part for part in parts if part]


def _about_reviews(builder: DocxBuilder, record: EventRecord) -> None:
    reviews = bc.linked_reviews(record)
    builder.heading(2, SECTION_TITLES[1] + ("s" if len(reviews) > 1 else ""))
    if not reviews:
        _empty(builder)
        return
    labels = bc.learning_point_labels(record)
    for review in reviews:
        builder.heading(3, bc.review_heading(review))
        summary = bc.xml_safe(review.summary).strip()
        for paragraph in _paragraphs(summary) or ["No summary was recorded for this review."]:
            builder.paragraph(paragraph)
        if review.themes:
            builder.paragraph(f"Themes: {'; '.join(bc.xml_safe(t) for t in review.themes)}.")
        points = review.active_learning_points()
        if points:
            builder.paragraph("The review's learning points:", keep_with_next=True)
            builder.bullets([f"{labels.get(p.id, p.label)}: {bc.xml_safe(p.text).strip()}" for p in points])


def _the_event(builder: DocxBuilder, record: EventRecord) -> None:
    from lif_tui.exports.docx_building import Cell

    builder.heading(2, SECTION_TITLES[2])
    event = record.event
    counts = record.attendance_by_agency()
    total = record.total_attending
    sentence = f"The event was held on {bc.long_date(event.event_date)}."
    facilitator = bc.xml_safe(event.facilitator).strip()
    if facilitator:
        if facilitator[:1].isupper() and facilitator[1:2].islower():
            facilitator = facilitator[0].lower() + facilitator[1:]
        if not facilitator.lower().startswith("the "):
            facilitator = "the " + facilitator
        sentence += f" It was facilitated by {facilitator}."
    if total:
        sentence += (
            f" {bc.plural(total, 'practitioner or manager', 'practitioners and managers')} from "
            f"{bc.plural(len(counts), 'agency', 'agencies')} took part."
        )
        builder.paragraph(sentence)
        rows = [[agency, str(count)] for agency, count in counts.items()]
        rows.append([Cell("Total", bold=True), Cell(str(total), bold=True)])
        builder.table(
            "Attendance by agency",
            ["Agency", "Number attending"],
            rows,
            [4, 1.3],
            description="How many people attended from each agency; no names are recorded.",
        )
    else:
        builder.paragraph(sentence)
        builder.paragraph("No attendance was recorded.")


def _what_has_changed(builder: DocxBuilder, record: EventRecord, report) -> None:
    from lif_tui.exports.confidence_chart import confidence_bars_png
    from lif_tui.exports.docx_building import Cell, Picture

    builder.heading(2, SECTION_TITLES[3])
    ratings = bc.rating_rows(record)
    groups = bc.group_findings(record, CHANGE_KINDS, keep_empty_points=True)
    if not ratings and not any(group.count() for group in groups):
        _empty(builder)
        return
    if ratings:
        builder.paragraph(
            "For each learning point, the room agreed a RAG rating: red means little or no change yet, amber "
            "means some change that is not yet embedded, and green means change that is embedded, with evidence. "
            "People also rated their confidence in this area of practice from 1 (low) to 5 (high), before and "
            "after the discussion."
        )
        rows = []
        for row in ratings:
            rag_cell = (
                Cell(bc.RAG_WORDS[row.rag], fill=bc.RAG_FILLS[row.rag], bold=True) if row.rag else Cell("Not rated")
            )
            rows.append(
                [
                    row.heading,
                    rag_cell,
                    f"Median {bc.median_text(row.median_before)}\n{bc.tally_text(row.before)}",
                    f"Median {bc.median_text(row.median_after)}\n{bc.tally_text(row.after)}",
                ]
            )
        builder.table(
            "RAG rating and confidence (1 low to 5 high), by learning point",
            ["Learning point", "RAG rating", "Confidence before: median, and votes for 1 to 5", "Confidence after: median, and votes for 1 to 5"],
            rows,
            [3.2, 1.3, 2.75, 2.75],
            description="RAG is given as a word and as shading. Confidence shows the median and how many people chose each score.",
        )
        charted = [row for row in ratings if row.has_votes]
        if charted:
            chart_rows = []
            for row in charted:
                before, after = row.median_before, row.median_after
                alt = (
                    f"Bar chart for {row.label}: median confidence {bc.median_text(before)} before the event and "
                    f"{bc.median_text(after)} after, on a scale of 1 to 5."
                )
                chart_rows.append(
                    [
                        row.label,
                        f"{bc.median_text(before)} before\n{bc.median_text(after)} after",
                        Picture(confidence_bars_png(before, after), 80, alt, f"Confidence chart, {row.label}"),
                    ]
                )
            builder.table(
                "Median confidence before and after the event (scale 1 to 5)",
                ["Learning point", "Median confidence", "Chart: upper bar before, lower bar after (grid lines at 1 to 5)"],
                chart_rows,
                [1.6, 1.5, 5.5],
                description="Each row shows two bars: the upper, outlined bar is the median before; the lower, solid bar is the median after.",
            )
    total_groups = max(1, len(groups))
    for index, group in enumerate(groups):
        builder.heading(3, bc.point_heading(group.point, group.label))
        if group.point is not None:
            builder.paragraph(f"Learning point: {bc.xml_safe(group.point.text).strip()}")
            rating = record.rating_for(group.point.id)
            if rating is not None and rating.rag is not None:
                builder.paragraph(
                    f"Rated {bc.RAG_WORDS[rating.rag].lower()} ({bc.RAG_MEANING[rating.rag]}). Median confidence "
                    f"{bc.median_text(rating.median_before)} before and {bc.median_text(rating.median_after)} after."
                )
        if not group.count():
            _empty(builder, bc.EMPTY_LEARNING_POINT)
            continue
        for kind in CHANGE_KINDS:
            items = group.by_kind[kind]
            if items:
                builder.heading(4, KIND_HEADINGS[kind])
                builder.bullets([bc.attribution(finding) for finding in items])
        report(0.15 + 0.45 * (index + 1) / total_groups, "Writing findings")


def _voice(builder: DocxBuilder, record: EventRecord) -> None:
    builder.heading(2, SECTION_TITLES[4])
    findings = bc.findings_of(record, FindingKind.VOICE)
    if not findings:
        _empty(builder)
        return
    names = _review_names(bc.linked_reviews(record))
    if names:
        builder.paragraph(f"What practitioners said {names} would tell us about our services now:")
    builder.bullets([bc.attribution(finding) for finding in findings])


def _still_to_improve(builder: DocxBuilder, record: EventRecord) -> None:
    builder.heading(2, SECTION_TITLES[5])
    groups = bc.group_findings(record, (FindingKind.BARRIER,), keep_empty_points=False)
    if not groups:
        _empty(builder)
        return
    for group in groups:
        builder.heading(3, bc.point_heading(group.point, group.label))
        builder.bullets([bc.attribution(finding) for finding in group.by_kind[FindingKind.BARRIER]])


def _next_steps(builder: DocxBuilder, record: EventRecord) -> None:
    builder.heading(2, SECTION_TITLES[6])
    actions = record.active_actions()
    if not actions:
        _empty(builder)
        return
    labels = bc.learning_point_labels(record)
    builder.paragraph(
        f"The partnership agreed {bc.plural(len(actions), 'action')}. Each has an owner (an agency and role), "
        "a due date and a measure of how we will know it has worked."
    )
    rows = []
    for action in actions:
        owner = ", ".join(part for part in (action.owner_agency, action.owner_role) if part) or "Not yet agreed"
        rows.append(
            [
                bc.xml_safe(action.text).strip(),
                labels.get(action.learning_point_id, "") if action.learning_point_id else "",
                owner,
                f"{bc.month_year(action.due_date) or 'No date set'}\n{str(action.status).capitalize()}",
                bc.xml_safe(action.measure).strip() or "Not yet agreed",
            ]
        )
    builder.table(
        "Actions agreed at the event",
        ["Action", "Learning point", "Owner", "Due and status", "How we will know"],
        rows,
        [52, 18, 32, 24, 44],
        description="Each action with its learning point, owning agency and role, due month and status, and measure.",
    )


def _key_messages(builder: DocxBuilder, record: EventRecord) -> None:
    builder.heading(2, SECTION_TITLES[7])
    findings = bc.findings_of(record, FindingKind.KEY_MESSAGE)
    if not findings:
        _empty(builder)
        return
    builder.numbered([bc.xml_safe(finding.text).strip() for finding in findings])


def _questions(builder: DocxBuilder, record: EventRecord) -> None:
    builder.heading(2, SECTION_TITLES[8])
    builder.numbered(bc.reflection_questions(record))


def _resources(builder: DocxBuilder, record: EventRecord) -> None:
    builder.heading(2, SECTION_TITLES[9])
    resources = [bc.xml_safe(r).strip() for r in record.event.resources if bc.xml_safe(r).strip()]
    if not resources:
        _empty(builder)
        return
    builder.bullets(resources)
