"""The export screen, driven with keys: kinds, paths, template, the sensitivity check, fixing hits, errors.

Each test runs the real LifApp on the demo store with a fixed date, and reaches the export screen the way
a facilitator does: from the home screen's events list, with the e key.
"""

from __future__ import annotations

import json
import os
import uuid
from datetime import date
from pathlib import Path

import docx
import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static, TextArea

from lif_tui.app import LifApp
from lif_tui.errors import DataError
from lif_tui.exports.learning_briefing import SECTION_TITLES
from lif_tui.models import Finding, FindingKind
from lif_tui.screens.dialogs import ConfirmDialog
from lif_tui.screens.export import (
    EditTextDialog,
    ExportKind,
    ExportScreen,
    FixFindingDialog,
    csv_paths,
    default_file_name,
    safe_file_name,
    write_export,
)
from lif_tui.screens.help import HelpScreen
from lif_tui.screens.home import HomeScreen
from settling import settle

TODAY = date(2026, 11, 26)
SIZE = (120, 40)
POSTCODE_TEXT = "Home visits are now logged at BN1 1AA"


@pytest.fixture(autouse=True)
def _debug(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let an unexpected error in a worker or its callback fail the test instead of becoming a toast."""
    monkeypatch.setenv("LIF_TUI_DEBUG", "1")


@pytest.fixture
def exports_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The suggested exports folder, inside the test's temp folder (it does not exist yet)."""
    folder = tmp_path / "suggested exports"
    monkeypatch.setattr("lif_tui.paths.default_exports_dir", lambda: folder)
    return folder


def child_t_id(store) -> uuid.UUID:
    return next(s.id for s in store.list_events() if s.title.endswith("Child T"))


def add_postcode_finding(store) -> Finding:
    return store.add_finding(child_t_id(store), Finding(kind=FindingKind.CHANGED, text=POSTCODE_TEXT))


async def open_export(pilot: Pilot, title_end: str = "Child T") -> ExportScreen:
    """From the home screen: move to the event with the arrow keys and press e."""
    await settle(pilot)
    home = pilot.app.screen
    assert isinstance(home, HomeScreen)
    table = home.query_one("#events", DataTable)
    titles = [str(table.get_row_at(row)[1]) for row in range(table.row_count)]
    target = next(index for index, title in enumerate(titles) if title.endswith(title_end))
    await pilot.press("home", *["down"] * target, "e")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ExportScreen)
    return screen


async def focus(pilot: Pilot, widget_id: str) -> None:
    """Tab (keys only) until the widget has the focus."""
    for _ in range(8):
        focused = pilot.app.focused
        if focused is not None and focused.id == widget_id:
            return
        await pilot.press("tab")
    raise AssertionError(f"tab never reached #{widget_id}")


async def type_into(pilot: Pilot, widget_id: str, text: str) -> None:
    """Replace the text of an Input as a facilitator does with a path: focus it, clear it with keys, paste.

    Pasting (a real terminal paste event) rather than pressing each key keeps these tests fast: a long
    temporary path typed key by key cost several seconds a field. Typing itself is covered by short
    values elsewhere.
    """
    await focus(pilot, widget_id)
    await pilot.press("end", "ctrl+u")
    focused = pilot.app.focused
    assert isinstance(focused, Input) and focused.id == widget_id
    focused.post_message(events.Paste(text))
    await pilot.pause()
    assert focused.value == text


def text_of(screen: ExportScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def hit_rows(screen: ExportScreen) -> list[list[str]]:
    table = screen.query_one("#hits", DataTable)
    if not table.display:
        return []
    return [[str(cell) for cell in table.get_row_at(row)] for row in range(table.row_count)]


def headings(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs if p.style.name.startswith("Heading")]


# ------------------------------------------------------------------------------------- pure helpers


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Evidencing impact: Child T", "Evidencing impact Child T"),
        ('a<b>c:"d"/e\\f|g?h*i', "a b c d e f g h i"),
        ("Ends with dots...", "Ends with dots"),
        ("trailing space .  ", "trailing space"),
        ("CON", "_CON"),
        ("lpt1.txt", "_lpt1.txt"),
        ("::", "event"),
        ("tab\tand\nnewline", "tab and newline"),
    ],
)
def test_safe_file_name_is_valid_on_windows(title: str, expected: str) -> None:
    assert safe_file_name(title) == expected


def test_default_names_and_csv_pair() -> None:
    title = "Evidencing impact: Child T"
    assert default_file_name(title, ExportKind.LEARNING, TODAY) == (
        "Evidencing impact Child T - learning briefing - 2026-11-26.docx"
    )
    assert default_file_name(title, ExportKind.SEVEN_MINUTE, TODAY).endswith("7-minute briefing - 2026-11-26.docx")
    assert default_file_name(title, ExportKind.BUNDLE, TODAY).endswith(" - bundle - 2026-11-26.json")
    assert len(safe_file_name("x" * 500)) == 80
    findings, actions = csv_paths(Path("/out/Child T - tables.csv"))
    assert (findings.name, actions.name) == ("Child T - tables - findings.csv", "Child T - tables - actions.csv")


# ------------------------------------------------------------------------------------- exporting


async def test_export_a_learning_briefing_by_typing_the_path(demo_store, exports_dir: Path, tmp_path: Path) -> None:
    app = LifApp(demo_store, today=lambda: TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_export(pilot)
        assert "Child T" in text_of(screen, "#export-heading")
        assert hit_rows(screen) == []
        assert "Nothing found" in text_of(screen, "#check-empty")
        suggested = screen.query_one("#path", Input).value
        assert suggested == str(exports_dir / "Evidencing impact Child T - learning briefing - 2026-11-26.docx")

        target = tmp_path / "out" / "child-t.docx"
        target.parent.mkdir()
        await type_into(pilot, "path", str(target))
        await pilot.press("ctrl+e")
        await settle(pilot)

        assert not isinstance(app.screen, ConfirmDialog)
        assert target.is_file()
        assert not [p for p in target.parent.iterdir() if p.name.endswith(".tmp")]
        found = headings(target)
        assert found[0].endswith("Child T")
        for title in ("Why we held this event", "The event", *SECTION_TITLES[3:]):
            assert title in found
        result = text_of(screen, "#export-result")
        assert "Written:" in result and str(target) in result
        assert screen.query_one("#progress").percentage == 1.0
        assert not exports_dir.exists()  # only the chosen folder was touched


async def test_default_path_creates_a_private_folder(demo_store, exports_dir: Path) -> None:
    app = LifApp(demo_store, today=lambda: TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await open_export(pilot)
        await pilot.press("ctrl+e")
        await settle(pilot)
        written = exports_dir / "Evidencing impact Child T - learning briefing - 2026-11-26.docx"
        assert written.is_file()
        if os.name == "posix":
            assert exports_dir.stat().st_mode & 0o777 == 0o700
            assert written.stat().st_mode & 0o777 == 0o600

        # Exporting again asks before replacing; "n" keeps the file as it was.
        before = written.stat().st_mtime_ns
        await pilot.press("ctrl+e")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert "Replace" in app.screen.question
        await pilot.press("n")
        await settle(pilot)
        assert written.stat().st_mtime_ns == before
        await pilot.press("ctrl+e")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert "Written:" in text_of(app.screen, "#export-result")  # type: ignore[arg-type]


async def test_sensitive_finding_is_listed_and_exporting_asks_first(demo_store, exports_dir: Path, tmp_path: Path) -> None:
    add_postcode_finding(demo_store)
    app = LifApp(demo_store, today=lambda: TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_export(pilot)
        rows = hit_rows(screen)
        assert len(rows) == 1
        found, where, snippet, suggestion = rows[0]
        assert found == "UK postcode" and where.startswith("finding ") and "BN1 1AA" in snippet
        assert "postcode" in suggestion
        assert app.focused is screen.query_one("#hits")  # the hits come first
        assert "BN1 1AA" in text_of(screen, "#hit-detail")

        target = tmp_path / "briefing.docx"
        await type_into(pilot, "path", str(target))
        await pilot.press("ctrl+e")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert dialog.question == "Export with 1 sensitive item?"
        assert app.focused is not None and app.focused.id == "no"  # Enter would answer no
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is screen
        assert not target.exists()
        assert "Nothing was written" in text_of(screen, "#export-result")

        await pilot.press("ctrl+e")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
        assert target.is_file()
        assert "1 sensitive item" in text_of(screen, "#export-result")


async def test_fix_the_finding_from_the_screen_then_export_without_asking(
    demo_store, exports_dir: Path, tmp_path: Path
) -> None:
    finding = add_postcode_finding(demo_store)
    app = LifApp(demo_store, today=lambda: TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_export(pilot)
        assert len(hit_rows(screen)) == 1
        await pilot.press("enter")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, FixFindingDialog)
        assert dialog.query_one("#edit-text", Input).value == POSTCODE_TEXT
        await pilot.press(*["backspace"] * len("at BN1 1AA"), *"in the family record", "enter")
        await settle(pilot)

        assert app.screen is screen
        assert hit_rows(screen) == []
        assert "nothing found" in str(screen.query_one("#check-box").border_title)
        assert demo_store.get_finding(finding.id).text == "Home visits are now logged in the family record"

        target = tmp_path / "fixed.docx"
        await type_into(pilot, "path", str(target))
        await pilot.press("ctrl+e")
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmDialog)
        assert target.is_file()
        body = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
        assert "in the family record" in body and "BN1 1AA" not in body


async def test_fix_an_event_purpose_and_a_reflection_question(demo_store, exports_dir: Path) -> None:
    event_id = child_t_id(demo_store)
    record = demo_store.load_event(event_id)
    event = record.event.model_copy(
        update={
            "purpose": "Questions to the duty desk on 01273 481000.",
            "reflection_questions": ["What changed?", "Who to call: jo@example.org"],
        }
    )
    demo_store.save_event(record.model_copy(update={"event": event}))
    app = LifApp(demo_store, today=lambda: TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_export(pilot)
        rows = hit_rows(screen)
        assert [row[:2] for row in rows] == [
            ["phone number", "event: purpose"],
            ["email address", "event: reflection question 2"],
        ]
        await pilot.press("enter")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, EditTextDialog)
        assert dialog.query_one("#edit-text", TextArea).text == event.purpose
        await pilot.press("f7", *"Questions go to the duty desk.", "ctrl+s")
        await settle(pilot)
        assert [row[1] for row in hit_rows(screen)] == ["event: reflection question 2"]

        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EditTextDialog)
        assert app.screen.query_one("#edit-text", Input).value == "Who to call: jo@example.org"
        await pilot.press("end", "ctrl+u", "enter")  # empty removes the question from the list
        await settle(pilot)
        assert hit_rows(screen) == []
        saved = demo_store.load_event(event_id).event
        assert saved.purpose == "Questions go to the duty desk."
        assert saved.reflection_questions == ["What changed?"]
        assert saved.updated_at > record.event.updated_at  # so a bundle merge keeps the fix


async def test_a_refused_value_stays_in_the_dialog(demo_store, exports_dir: Path) -> None:
    event_id = child_t_id(demo_store)
    record = demo_store.load_event(event_id)
    action = record.active_actions()[0]
    demo_store.update_action(action.model_copy(update={"text": "Ring 01273 481000 to book"}))
    app = LifApp(demo_store, today=lambda: TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_export(pilot)
        assert hit_rows(screen)[0][1] == "action 1: text"
        await pilot.press("enter")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, EditTextDialog)
        await pilot.press("end", "ctrl+u", "enter")  # an action needs its text
        await settle(pilot)
        assert app.screen is dialog
        assert str(dialog.query_one("#edit-error").render()) != ""
        await pilot.press(*"Book through the duty desk", "enter")
        await settle(pilot)
        assert app.screen is screen and hit_rows(screen) == []
        assert demo_store.load_event(event_id).active_actions()[0].text == "Book through the duty desk"


async def test_a_path_under_a_file_is_refused_plainly(demo_store, exports_dir: Path, tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    blocker = work / "not-a-folder"
    blocker.write_text("I am a file")
    app = LifApp(demo_store, today=lambda: TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_export(pilot)
        target = blocker / "briefing.docx"
        await type_into(pilot, "path", str(target))
        message = text_of(screen, "#path-message")
        assert f"{blocker} is a file, not a folder" in message
        await pilot.press("ctrl+e")
        await settle(pilot)
        result = text_of(screen, "#export-result")
        assert "Nothing was written" in result and "is a file, not a folder" in result
        assert screen.query_one("#export-result").has_class("-error")
        assert app.focused is screen.query_one("#path")
        assert blocker.read_text() == "I am a file"
        assert list(work.iterdir()) == [blocker]


def test_the_worker_refuses_a_folder_under_a_file_too(demo_store, tmp_path: Path) -> None:
    """Belt and braces: the screen checks first, and the worker checks again before creating folders."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    record = demo_store.load_event(child_t_id(demo_store))
    with pytest.raises(DataError, match="is a file, not a folder"):
        write_export(
            ExportKind.LEARNING, demo_store, record, blocker / "sub" / "b.docx",
            template=None, today=TODAY, on_progress=lambda fraction, message: None,
        )
    assert blocker.read_text() == "x"


async def test_an_export_error_from_the_worker_is_shown(
    demo_store, exports_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(record, path, **_kwargs):
        raise DataError(f"Cannot write {path}: the disk is full.")

    monkeypatch.setattr("lif_tui.exports.learning_briefing.export_learning_briefing", full_disk)
    app = LifApp(demo_store, today=lambda: TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_export(pilot)
        target = tmp_path / "full.docx"
        await type_into(pilot, "path", str(target))
        await pilot.press("ctrl+e")
        await settle(pilot)
        result = text_of(screen, "#export-result")
        assert "the disk is full" in result and "Nothing was written" in result
        assert "Stopped" in str(screen.query_one("#progress-message", Static).render())
        assert not target.exists()
        # The screen is usable again: ctrl+e is not left disabled.
        assert screen.check_action("export", ()) is True


async def test_a_template_is_checked_beside_its_field(demo_store, exports_dir: Path, tmp_path: Path) -> None:
    template = tmp_path / "partnership.docx"
    docx.Document().save(str(template))
    app = LifApp(demo_store, today=lambda: TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_export(pilot)
        target = tmp_path / "templated.docx"
        await type_into(pilot, "path", str(target))
        await type_into(pilot, "template", str(tmp_path / "missing.docx"))
        assert "There is no file at" in text_of(screen, "#template-message")
        await pilot.press("ctrl+e")
        await settle(pilot)
        assert not target.exists()
        assert "Template:" in text_of(screen, "#export-result")

        await type_into(pilot, "template", str(tmp_path / "notes.txt"))
        assert ".docx" in text_of(screen, "#template-message")
        await type_into(pilot, "template", str(template))
        assert "will be used" in text_of(screen, "#template-message")
        await pilot.press("enter")  # Enter in a field exports too
        await settle(pilot)
        assert target.is_file()
        assert "Child T" in headings(target)[0]


async def test_bundle_and_csv_kinds(demo_store, exports_dir: Path, tmp_path: Path) -> None:
    add_postcode_finding(demo_store)  # a bundle is not held back; CSV tables are (they travel like briefings)
    app = LifApp(demo_store, today=lambda: TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_export(pilot)
        await focus(pilot, "kind")
        await pilot.press("right", "right")
        assert screen.kind is ExportKind.BUNDLE
        assert screen.query_one("#path", Input).value.endswith(" - bundle - 2026-11-26.json")
        assert screen.query_one("#template", Input).disabled
        bundle = tmp_path / "child-t"  # no suffix: .json is added
        await type_into(pilot, "path", str(bundle))
        await pilot.press("ctrl+e")
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmDialog)
        data = json.loads((tmp_path / "child-t.json").read_text(encoding="utf-8"))
        assert data["event"]["title"].endswith("Child T")

        await focus(pilot, "kind")
        await pilot.press("right")
        assert screen.kind is ExportKind.CSV
        assert screen.query_one("#path", Input).value == str(tmp_path / "child-t.csv")  # their folder and name kept
        assert "- findings.csv" in text_of(screen, "#path-message")
        await pilot.press("ctrl+e")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog), "CSV tables with a postcode in them ask first"
        await pilot.press("n")
        await settle(pilot)
        assert not (tmp_path / "child-t - findings.csv").exists()
        await pilot.press("ctrl+e")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        findings = (tmp_path / "child-t - findings.csv").read_text(encoding="utf-8-sig")
        assert "BN1 1AA" in findings
        assert (tmp_path / "child-t - actions.csv").is_file()

        await focus(pilot, "kind")
        await pilot.press("right")  # wraps round to the learning briefing
        assert screen.kind is ExportKind.LEARNING
        assert screen.query_one("#path", Input).value == str(tmp_path / "child-t.docx")


async def test_a_folder_as_the_path_gets_the_default_name(demo_store, exports_dir: Path, tmp_path: Path) -> None:
    app = LifApp(demo_store, today=lambda: TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_export(pilot)
        await type_into(pilot, "path", str(tmp_path))
        await pilot.press("ctrl+e")
        await settle(pilot)
        written = tmp_path / "Evidencing impact Child T - learning briefing - 2026-11-26.docx"
        assert written.is_file()
        assert screen.query_one("#path", Input).value == str(written)
        await type_into(pilot, "path", str(tmp_path / "briefing.pdf"))
        assert "end the name in .docx" in text_of(screen, "#path-message")


async def test_keys_are_described_in_help_and_escape_goes_back(demo_store, exports_dir: Path) -> None:
    add_postcode_finding(demo_store)
    app = LifApp(demo_store, today=lambda: TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await open_export(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        described = {
            group.title: {line.description: line.tooltip for line in group.keys} for group in app.screen.groups
        }
        assert {"Export", "Re-check", "Back"} <= set(described["Export"])
        assert "Fix" in described["Export: Sensitivity hits"]
        assert "Next kind" in described["Export: Kind of export"]
        assert all(described["Export"].values())  # every key has a tooltip for F1
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert len(hit_rows(app.screen)) == 1  # type: ignore[arg-type]
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_usable_at_80x24(demo_store, exports_dir: Path, tmp_path: Path) -> None:
    add_postcode_finding(demo_store)
    app = LifApp(demo_store, today=lambda: TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_export(pilot)
        table = screen.query_one("#hits", DataTable)
        assert table.region.height >= 3  # header and the hit are on screen
        for widget_id in ("kind", "path", "template", "hit-detail"):
            region = screen.query_one(f"#{widget_id}").region
            assert region.height >= 1 and region.bottom <= 23, widget_id
