"""Word briefings: structure, accessibility and robustness, checked by reopening the files with python-docx."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.table import Table
from docx.text.paragraph import Paragraph
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lif_tui.demo import demo_records
from lif_tui.errors import DataError
from lif_tui.exports import export_learning_briefing, export_seven_minute_briefing
from lif_tui.exports import learning_briefing, seven_minute
from lif_tui.exports.briefing_content import EMPTY_SECTION
from lif_tui.models import (
    RAG,
    Action,
    Attendance,
    Event,
    EventRecord,
    Finding,
    FindingKind,
    LearningPoint,
    Rating,
    Review,
    clean_text,
)

TODAY = date(2026, 11, 26)
EXPORTERS = {"docx": export_learning_briefing, "7min": export_seven_minute_briefing}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[int, str], tuple[EventRecord, Path]]:
    folder = tmp_path_factory.mktemp("briefings")
    out = {}
    for index, record in enumerate(demo_records()):
        for kind, export in EXPORTERS.items():
            path = folder / f"event{index}-{kind}.docx"
            result = export(record, path, today=TODAY)
            assert result.path == path and result.warnings == []
            out[(index, kind)] = (record, path)
    return out


def blocks(document) -> list[Paragraph | Table]:
    return list(document.iter_inner_content())


def headings(document) -> list[tuple[int, str]]:
    found = []
    for block in blocks(document):
        if isinstance(block, Paragraph) and block.style.name.startswith("Heading "):
            found.append((int(block.style.name.split()[1]), block.text))
    return found


def expected_sections(kind: str, record: EventRecord) -> list[str]:
    if kind == "7min":
        return list(seven_minute.SECTION_TITLES)
    titles = list(learning_briefing.SECTION_TITLES)
    if len([r for r in record.reviews if not r.is_deleted]) > 1:
        titles[1] = "About the reviews"
    return titles


@pytest.mark.parametrize("index", [0, 1])
@pytest.mark.parametrize("kind", ["docx", "7min"])
def test_headings_in_order_with_one_heading_1(exported, index: int, kind: str) -> None:
    record, path = exported[(index, kind)]
    document = docx.Document(str(path))
    found = headings(document)
    assert [level for level, _ in found].count(1) == 1
    assert found[0][0] == 1 and record.event.title in found[0][1]
    assert [text for level, text in found if level == 2] == expected_sections(kind, record)
    previous = 0
    for level, _text in found:
        assert level <= previous + 1, f"Heading {level} skips a level after Heading {previous}"
        previous = level


@pytest.mark.parametrize("index", [0, 1])
def test_findings_grouped_by_learning_point_then_kind(exported, index: int) -> None:
    record, path = exported[(index, "docx")]
    found = headings(docx.Document(str(path)))
    start = [t for _, t in found].index("What has changed and the evidence")
    end = [t for _, t in found].index("Voice of the child")
    section = found[start + 1 : end]
    level3 = [text for level, text in section if level == 3]
    assert len(level3) == len(record.learning_points())
    assert {text for level, text in section if level == 4} <= {"What has changed", "Evidence of impact", "Good practice"}
    body = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    for finding in record.active_findings():
        if finding.kind is FindingKind.CHANGED:
            assert f"{finding.text} ({finding.agency}" in body


@pytest.mark.parametrize("index", [0, 1])
@pytest.mark.parametrize("kind", ["docx", "7min"])
def test_header_footer_page_fields_and_marking(exported, index: int, kind: str) -> None:
    record, path = exported[(index, kind)]
    document = docx.Document(str(path))
    section = document.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(1) and abs(section.page_height - Mm(297)) < Mm(1)
    header_paragraphs = section.header.paragraphs
    assert header_paragraphs[0].text == str(record.event.marking)  # marking at the very top of every page
    header_text = "\n".join(p.text for p in header_paragraphs)
    assert record.event.partnership in header_text and "DRAFT" in header_text and "26 November 2026" in header_text
    footer_xml = section.footer._element.xml
    instructions = [el.text.strip() for el in section.footer._element.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert "fldChar" in footer_xml
    assert "".join(t.text or "" for t in section.footer._element.iter(qn("w:t"))).startswith("Page 1 of 1")
    assert not section.different_first_page_header_footer


@pytest.mark.parametrize("index", [0, 1])
@pytest.mark.parametrize("kind", ["docx", "7min"])
def test_core_properties_and_language(exported, index: int, kind: str) -> None:
    record, path = exported[(index, kind)]
    document = docx.Document(str(path))
    props = document.core_properties
    assert record.event.title in props.title
    assert props.subject
    assert props.author == record.event.partnership
    assert props.created is not None
    assert "safeguarding" in props.keywords
    assert props.category
    assert props.language == "en-GB"
    defaults = document.styles.element.find(qn("w:docDefaults"))
    langs = {el.get(qn("w:val")) for el in defaults.iter(qn("w:lang"))}
    assert langs == {"en-GB"}
    vals = {el.get(qn("w:val")) for el in document.styles.element.iter(qn("w:lang"))} - {None}
    assert vals == {"en-GB"}


@pytest.mark.parametrize("index", [0, 1])
def test_tables_have_caption_and_repeating_header_row(exported, index: int) -> None:
    record, path = exported[(index, "docx")]
    document = docx.Document(str(path))
    content = blocks(document)
    tables = [(i, block) for i, block in enumerate(content) if isinstance(block, Table)]
    assert len(tables) == 4  # attendance, ratings, confidence chart, actions
    for position, table in tables:
        caption = content[position - 1]
        assert isinstance(caption, Paragraph) and caption.style.name == "Caption"
        assert caption.text.startswith("Table ")
        first_row = table.rows[0]._tr
        assert first_row.trPr is not None and first_row.trPr.find(qn("w:tblHeader")) is not None
        assert table._tbl.tblPr.find(qn("w:tblCaption")) is not None
        for row in table.rows[1:]:
            assert row._tr.trPr is None or row._tr.trPr.find(qn("w:tblHeader")) is None
    attendance, ratings, _chart, actions = (table for _, table in tables)
    assert len(attendance.rows) == 1 + len(record.attendance_by_agency()) + 1  # header, agencies, total
    assert attendance.rows[-1].cells[1].text == str(record.total_attending)
    assert len(actions.rows) == 1 + len(record.active_actions())
    assert [c.text for c in actions.rows[0].cells] == ["Action", "Learning point", "Owner", "Due and status", "How we will know"]
    assert len(ratings.rows) == 1 + len(record.learning_points())
    for row in ratings.rows[1:]:
        rag_cell = row.cells[1]
        assert rag_cell.text in {"Red", "Amber", "Green"}  # RAG as a word ...
        assert rag_cell._tc.tcPr.find(qn("w:shd")) is not None  # ... and as shading
        assert "Median" in row.cells[2].text and "1: " in row.cells[2].text


@pytest.mark.parametrize("index", [0, 1])
def test_images_have_alt_text(exported, index: int) -> None:
    _record, path = exported[(index, "docx")]
    document = docx.Document(str(path))
    doc_prs = list(document.element.body.iter(qn("wp:docPr")))
    assert doc_prs, "the confidence chart should be there"
    for doc_pr in doc_prs:
        assert doc_pr.get("descr", "").startswith("Bar chart for ")


@pytest.mark.parametrize("kind", ["docx", "7min"])
def test_real_list_styles_and_numbered_lists_restart(exported, kind: str) -> None:
    _record, path = exported[(0, kind)]
    document = docx.Document(str(path))
    numbering = document.part.numbering_part.element
    num_ids = []
    bold_paragraphs = []
    for block in blocks(document):
        if not isinstance(block, Paragraph):
            continue
        if block.style.name == "List Number":
            num_ids.append(block._p.pPr.numPr.numId.val)
        runs = block.runs
        if runs and all(run.bold for run in runs) and not block.style.name.startswith("Heading"):
            bold_paragraphs.append(block.text)
    assert not bold_paragraphs, "bold paragraphs standing in for headings"
    lists = list(dict.fromkeys(num_ids))
    assert len(lists) == 2  # key messages (or what to do) and the reflection questions, each its own list
    for num_id in lists:
        num = numbering.num_having_numId(num_id)
        override = num.find(qn("w:lvlOverride"))
        assert override is not None and override.find(qn("w:startOverride")).get(qn("w:val")) == "1"
    styles = {b.style.name for b in blocks(document) if isinstance(b, Paragraph)}
    assert "List Bullet" in styles


def test_seven_minute_briefing_is_short(exported) -> None:
    _record, path = exported[(0, "7min")]
    document = docx.Document(str(path))
    words = sum(len(p.text.split()) for p in document.paragraphs)
    assert words < 1300  # about two A4 pages at 10.5 pt; checked by rendering with LibreOffice


def test_empty_event_has_every_section_with_the_empty_sentence(tmp_path: Path) -> None:
    record = EventRecord(event=Event(title="Empty event", event_date="2026-03-12", reflection_questions=[]))
    path = export_learning_briefing(record, tmp_path / "empty.docx").path
    document = docx.Document(str(path))
    assert [t for level, t in headings(document) if level == 2] == expected_sections("docx", record)
    texts = [p.text for p in document.paragraphs]
    assert texts.count(EMPTY_SECTION) == 8  # all but "The event" (always has the date) and the questions
    assert "What are your key thoughts and reflections?" in texts  # default questions are used
    export_seven_minute_briefing(record, tmp_path / "empty-7.docx")


def test_progress_is_reported_up_to_one(tmp_path: Path) -> None:
    record = demo_records()[0]
    calls: list[tuple[float, str]] = []
    export_learning_briefing(record, tmp_path / "p.docx", on_progress=lambda f, m: calls.append((f, m)))
    fractions = [f for f, _ in calls]
    assert fractions == sorted(fractions) and fractions[0] == 0.0 and fractions[-1] == 1.0


def test_unwritable_path_raises_data_error_and_leaves_nothing(tmp_path: Path) -> None:
    record = demo_records()[0]
    with pytest.raises(DataError, match="does not exist"):
        export_learning_briefing(record, tmp_path / "missing" / "b.docx")
    with pytest.raises(DataError, match="folder"):
        export_learning_briefing(record, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_importing_exports_does_not_import_docx() -> None:
    code = (
        "import sys, lif_tui.exports, lif_tui.exports.learning_briefing, lif_tui.exports.seven_minute, "
        "lif_tui.exports.json_bundle, lif_tui.exports.csv_tables, lif_tui.sensitivity\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('docx', 'textual', 'sqlite_utils', 'lxml')]\n"
        "bad += [m for m in sys.modules if m.startswith('lif_tui.db')]\n"
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# --- templates -----------------------------------------------------------------------------------------


def _template(path: Path, *, drop_style: str | None = None) -> Path:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Southdown partnership letterhead"
    document.add_paragraph("Template body text that must not survive")
    if drop_style:
        styles = document.styles.element
        for style in styles.findall(qn("w:style")):
            if style.find(qn("w:name")).get(qn("w:val")).lower() == drop_style.lower():
                styles.remove(style)
    document.save(str(path))
    return path


@pytest.mark.parametrize("export", [export_learning_briefing, export_seven_minute_briefing])
def test_template_header_kept_and_missing_style_falls_back(tmp_path: Path, export) -> None:
    template = _template(tmp_path / "partnership.docx", drop_style="caption")
    record = demo_records()[0]
    result = export(record, tmp_path / "out.docx", template=template)
    document = docx.Document(str(result.path))
    header = [p.text for p in document.sections[0].header.paragraphs]
    assert header[0] == str(record.event.marking)
    assert "Southdown partnership letterhead" in header
    assert all("Template body text" not in p.text for p in document.paragraphs)
    if export is export_learning_briefing:
        assert any("'Caption'" in warning for warning in result.warnings)
        assert any(p.style.name == "Caption" for p in document.paragraphs)
    assert headings(document)[0][0] == 1


def test_template_without_list_styles_keeps_lists_working(tmp_path: Path) -> None:
    template = tmp_path / "bare.docx"
    document = docx.Document()
    styles = document.styles.element
    for style in styles.findall(qn("w:style")):
        if style.find(qn("w:name")).get(qn("w:val")) in ("List Bullet", "List Number", "Table Grid"):
            styles.remove(style)
    document.save(str(template))
    result = export_learning_briefing(demo_records()[0], tmp_path / "out.docx", template=template)
    assert len([w for w in result.warnings if "style" in w]) == 3
    reopened = docx.Document(str(result.path))
    numbering = reopened.part.numbering_part.element
    bullet = next(p for p in reopened.paragraphs if p.style.name == "List Bullet")
    num_id = reopened.styles["List Bullet"].element.pPr.numPr.numId.val
    assert numbering.num_having_numId(num_id) is not None and bullet.text


def test_template_that_is_not_a_word_file(tmp_path: Path) -> None:
    bad = tmp_path / "not-word.docx"
    bad.write_text("hello")
    with pytest.raises(DataError, match="could not be opened"):
        export_learning_briefing(demo_records()[0], tmp_path / "out.docx", template=bad)
    with pytest.raises(DataError, match="does not exist"):
        export_learning_briefing(demo_records()[0], tmp_path / "out.docx", template=tmp_path / "nope.docx")


def test_dotx_template_is_accepted(tmp_path: Path) -> None:
    import zipfile

    source = _template(tmp_path / "t.docx")
    dotx = tmp_path / "t.dotx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(dotx, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"template.main+xml")
            zout.writestr(item, data)
    result = export_seven_minute_briefing(demo_records()[0], tmp_path / "out.docx", template=dotx)
    assert docx.Document(str(result.path)).sections[0].header.paragraphs[0].text == "OFFICIAL-SENSITIVE"


# --- any captured text exports --------------------------------------------------------------------------

ANY_TEXT = st.text(
    alphabet=st.characters(codec=None, blacklist_categories=()),  # includes controls, surrogates, U+FFFF
    max_size=60,
)


def _required(text: str) -> str:
    """Required fields must not be blank once cleaned; everything else about the text is arbitrary."""
    cleaned = clean_text(text).strip()
    return text if cleaned and len(cleaned) <= 300 else "x" + text[:50]


@st.composite
def records(draw) -> EventRecord:
    texts = st.lists(ANY_TEXT, max_size=3)
    point = LearningPoint(number=1, text=_required(draw(ANY_TEXT)), theme=draw(ANY_TEXT)[:300])
    review = Review(
        pseudonym=_required(draw(ANY_TEXT)),
        year=draw(ANY_TEXT),
        themes=[t for t in draw(texts)],
        summary=draw(ANY_TEXT),
        learning_points=[point],
    )
    event = Event(
        title=_required(draw(ANY_TEXT)),
        event_date="2026-03-12",
        partnership=draw(ANY_TEXT),
        facilitator=draw(ANY_TEXT),
        purpose=draw(ANY_TEXT),
        review_ids=[review.id],
        reflection_questions=[_required(t) for t in draw(texts)],
        resources=draw(texts),
    )
    findings = [
        Finding(kind=kind, text=_required(draw(ANY_TEXT)), agency=draw(ANY_TEXT), learning_point_id=point.id)
        for kind in FindingKind
    ]
    return EventRecord(
        event=event,
        reviews=[review],
        attendance=[Attendance(agency=_required(draw(ANY_TEXT)), role=draw(ANY_TEXT), count=3)],
        findings=findings,
        ratings=[Rating(learning_point_id=point.id, rag=RAG.AMBER, confidence_before={2: 3}, confidence_after={4: 1})],
        actions=[
            Action(text=_required(draw(ANY_TEXT)), owner_agency=draw(ANY_TEXT), owner_role=draw(ANY_TEXT),
                   measure=draw(ANY_TEXT), learning_point_id=point.id, due_date="2026-06-30")
        ],
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(record=records())
def test_any_unicode_in_every_field_exports(tmp_path: Path, record: EventRecord) -> None:
    for kind, export in EXPORTERS.items():
        path = tmp_path / f"fuzz-{kind}.docx"
        export(record, path)
        reopened = docx.Document(str(path))
        assert headings(reopened)[0][0] == 1
