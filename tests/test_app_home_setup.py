"""The app shell, home, set-up and help screens, driven with keys through Textual's Pilot."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static, TextArea

from lif_tui.app import LifApp
from lif_tui.db import open_store
from lif_tui.errors import StoreError
from lif_tui.models import Event, EventRecord, PhaseKind
from lif_tui.screens.dialogs import ConfirmDialog
from lif_tui.screens.form import FieldError
from lif_tui.screens.help import HelpScreen
from lif_tui.screens.home import HomeScreen, reviews_label
from lif_tui.screens.setup import SetupScreen
from settling import settle

TODAY = date(2026, 11, 26)
SIZE = (120, 40)


@pytest.fixture(autouse=True)
def _debug(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let an unexpected error in a worker or its callback fail the test instead of becoming a toast."""
    monkeypatch.setenv("LIF_TUI_DEBUG", "1")


def make_app(store) -> LifApp:
    return LifApp(store, today=lambda: TODAY)


async def type_text(pilot: Pilot, text: str) -> None:
    await pilot.press(*text)


async def paste(pilot: Pilot, text: str) -> None:
    """Paste as a terminal does: the app receives the event and forwards it to the focused widget."""
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


def rows(app: LifApp) -> list[list[str]]:
    table = app.screen.query_one("#events", DataTable)
    return [[str(cell) for cell in table.get_row_at(index)] for index in range(table.row_count)]


def select_row(app: LifApp, title: str) -> None:
    """Put the cursor on the event with this title (the demo data may grow, so never by position)."""
    table = app.screen.query_one("#events", DataTable)
    index = next(i for i, row in enumerate(rows(app)) if row[1] == title)
    table.move_cursor(row=index, animate=False)
    assert app.screen.selected().title == title  # type: ignore[attr-defined]


CHILD_T = "Evidencing impact: Child T"
INFANT = "Evidencing impact: infant injury"


def help_text(app: LifApp) -> str:
    """The help screen's content as plain text: group titles, then key, description and tooltip lines."""
    assert isinstance(app.screen, HelpScreen)
    return "\n".join(
        f"{group.title}\n" + "\n".join(f"{line.keys} | {line.description} | {line.tooltip}" for line in group.keys)
        for group in app.screen.groups
    )


def error_text(app: LifApp, key: str) -> str:
    found = [e for e in app.screen.query(FieldError) if e.key == key]
    assert found, f"no FieldError {key!r}"
    return str(found[0].render()) if found[0].display else ""


# ---------------------------------------------------------------------------------------------- set-up


async def test_create_an_event_with_keys_then_find_it_after_a_restart(db_path: Path) -> None:
    with open_store(db_path) as store:
        app = make_app(store)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert "No events yet" in str(app.screen.query_one("#events-empty", Static).render())
            await pilot.press("n")
            await settle(pilot)
            assert isinstance(app.screen, SetupScreen)
            assert app.focused is not None and app.focused.id == "title"
            await type_text(pilot, "Child D")
            await pilot.press("tab", "ctrl+u")
            await type_text(pilot, "14/03/2027")
            await pilot.press("tab")
            await type_text(pilot, "Room 4")
            await pilot.press("tab", "ctrl+u")
            await type_text(pilot, "SSCP")

            await pilot.press("f4")  # reviews: no stored reviews, so the focus is on the new-review form
            await settle(pilot)
            assert app.focused is not None and app.focused.id == "new-pseudonym"
            await type_text(pilot, "Child D")
            await pilot.press("tab", "tab")
            await type_text(pilot, "2021")
            await pilot.press("tab", "tab")
            assert app.focused is not None and app.focused.id == "new-points"
            await paste(
                pilot,
                "1. Missed appointments: no follow-up when appointments were missed\n"
                "\n"
                "2. Transition: unclear procedures for young people nearing adulthood\n"
                "3. Weak information sharing between health and education\n",
            )
            preview = str(app.screen.query_one("#points-preview", Static).render())
            assert preview.startswith("3 learning points")
            await pilot.press("ctrl+n")
            await settle(pilot)

            await pilot.press("f5")
            await settle(pilot)
            await type_text(pilot, "educ")
            await pilot.press("right")  # accepts the suggestion from the standard list
            assert app.focused.value == "Education"  # type: ignore[union-attr]
            await pilot.press("tab")
            await type_text(pilot, "DSL")
            await pilot.press("tab", "ctrl+u", "3", "tab", "space")
            await pilot.press("ctrl+n")
            await type_text(pilot, "Police")
            await pilot.press("tab")
            await type_text(pilot, "CPO")

            await pilot.press("f6")
            await settle(pilot)
            await pilot.press("ctrl+g")
            await settle(pilot)
            assert app.focused is not None and app.focused.id == "phase-list"
            await pilot.press("alt+down")  # move "Welcome" after "Recap"
            await pilot.press("down", "enter")  # the third phase, "Voice of the child": edit it
            assert app.focused is not None and app.focused.id == "phase-title"
            await pilot.press("tab", "ctrl+u", "2", "0")
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert not app.screen.is_dirty()  # type: ignore[attr-defined]
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, HomeScreen)
            assert rows(app)[0][1] == "Child D"

    with open_store(db_path) as store:
        app = make_app(store)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert [row[1] for row in rows(app)] == ["Child D"]
            assert rows(app)[0][0] == "2027-03-14"
            assert rows(app)[0][4] == "Child D"
        event_id = store.list_events()[0].id
        record = store.load_event(event_id)
    assert record.event.venue == "Room 4" and record.event.partnership == "SSCP"
    assert [r.pseudonym for r in record.reviews] == ["Child D"]
    assert record.reviews[0].year == "2021"
    points = record.reviews[0].active_learning_points()
    assert [(p.number, p.theme) for p in points] == [(1, "Missed appointments"), (2, "Transition"), (3, "")]
    assert [(a.agency, a.role, a.count, a.involved_in_case) for a in record.active_attendance()] == [
        ("Education", "DSL", 3, True),
        ("Police", "CPO", 1, False),
    ]
    phases = record.active_phases()
    assert [p.kind for p in phases[:3]] == [PhaseKind.RECAP, PhaseKind.WELCOME, PhaseKind.VOICE]
    assert phases[2].planned_minutes == 20
    point_phases = [p for p in phases if p.kind is PhaseKind.LEARNING_POINT]
    assert [p.learning_point_id for p in point_phases] == [p.id for p in points]
    assert point_phases[0].title == "LP1: Missed appointments"


async def test_bad_input_is_explained_beside_each_field_kept_and_nothing_is_saved(store) -> None:
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("tab", "ctrl+u")
        await type_text(pilot, "31/02/2026")
        await pilot.press("f4")
        await settle(pilot)
        await type_text(pilot, "Child E")  # a review with no learning points
        await pilot.press("f5")
        await settle(pilot)
        await type_text(pilot, "Police")
        await pilot.press("tab", "tab", "ctrl+u")  # number attending left empty
        await pilot.press("ctrl+s")
        await settle(pilot)

        assert isinstance(app.screen, SetupScreen)
        assert error_text(app, "title") == "cannot be empty"
        assert "is not a date" in error_text(app, "event_date")
        assert "at least one learning point" in error_text(app, "new_review.learning_points")
        attendance_errors = [e for e in app.screen.query(FieldError) if e.key.startswith("attendance.") and e.display]
        assert len(attendance_errors) == 1 and "whole number" in str(attendance_errors[0].render())
        assert app.screen.query_one("#event-date", Input).value == "31/02/2026"  # kept as typed
        assert app.screen.query_one("#new-pseudonym", Input).value == "Child E"
        assert app.screen.query_one("#setup-tabs").active == "details"  # the first problem is shown
        assert app.focused is not None and app.focused.id == "title"
        assert store.count_events() == 0 and store.list_reviews() == []

        await type_text(pilot, "Fixed")
        await pilot.press("tab", "ctrl+u")
        await type_text(pilot, "2026-02-28")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert error_text(app, "title") == ""
        assert store.count_events() == 0  # the review and attendance are still wrong


async def test_escape_asks_before_discarding_unsaved_changes(store) -> None:
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("escape")  # nothing typed: straight back
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("n")
        await settle(pilot)
        await type_text(pilot, "Half")
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        assert isinstance(app.screen, SetupScreen)
        assert app.screen.query_one("#title", Input).value == "Half"
        await pilot.press("ctrl+q")  # quitting asks too
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.click("#--content-tab-attendance")  # the mouse works: a click changes tab
        await pilot.click("#add-attendance")
        await settle(pilot)
        assert app.screen.query_one("#setup-tabs").active == "attendance"
        assert len(app.screen.query(".attendance-row")) == 2
        await pilot.press("escape", "y")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert store.count_events() == 0
        await pilot.press("ctrl+q")
    assert app.return_code == 0


async def test_watch_words_are_stored_only_as_hashes(db_path: Path) -> None:
    with open_store(db_path) as store:
        app = make_app(store)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("n")
            await settle(pilot)
            await type_text(pilot, "W")
            await pilot.press("f7")
            await settle(pilot)
            await pilot.press("tab", "tab")
            assert app.focused is not None and app.focused.id == "watch-words"
            await paste(pilot, "Zebedee Quartermain\nKingsmere College\n")
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert app.screen.query_one("#watch-words", TextArea).text == ""
            count = str(app.screen.query_one("#watch-count", Static).render())
            assert count.startswith("2 words on the watch list (stored as hashes)")
        record = store.load_event(store.list_events()[0].id)
    assert record.event.watch_list.contains("zebedee  quartermain")
    assert len(record.event.watch_list.hashes) == 2
    for path in db_path.parent.glob(db_path.name + "*"):
        assert b"Quartermain" not in path.read_bytes(), path


async def test_editing_an_event_keeps_what_was_captured(demo_store) -> None:
    before = demo_store.load_event(next(s.id for s in demo_store.list_events() if s.title == CHILD_T))
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        select_row(app, CHILD_T)
        await pilot.press("s")
        await settle(pilot)
        assert app.screen.query_one("#title", Input).value == before.event.title
        await pilot.press("tab", "tab", "ctrl+u")
        await type_text(pilot, "Room 2")
        await pilot.press("ctrl+s")
        await settle(pilot)
    after = demo_store.load_event(before.event.id)
    assert after.event.venue == "Room 2"
    assert len(after.findings) == len(before.findings) > 0
    assert len(after.actions) == len(before.actions) and len(after.ratings) == len(before.ratings)
    assert [p.id for p in after.active_phases()] == [p.id for p in before.active_phases()]
    assert after.event.watch_list == before.event.watch_list


# ---------------------------------------------------------------------------------------------- home


async def test_home_lists_events_newest_first_without_ids(demo_store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        listed = rows(app)
        assert [row[0] for row in listed] == sorted((row[0] for row in listed), reverse=True)
        assert [row[1] for row in listed].index(INFANT) < [row[1] for row in listed].index(CHILD_T)
        child_t = next(row for row in listed if row[1] == CHILD_T)
        assert child_t[0] == "2026-03-12" and child_t[2] == "closed" and child_t[3].strip() == "32"
        ids = {str(summary.id)[:8] for summary in demo_store.list_events()}
        assert not any(prefix in part for row in listed for part in row for prefix in ids)


def test_reviews_label_fits_its_column() -> None:
    assert reviews_label(["Child V", "Child W", "Rapid review A", "Rapid review B"], 20) == "Child V, Child W +2"
    assert reviews_label(["Child T"], 20) == "Child T"
    assert reviews_label([], 20) == ""


async def test_duplicate_starts_a_new_event_on_the_same_reviews(demo_store) -> None:
    original = demo_store.load_event(next(s.id for s in demo_store.list_events() if s.title == CHILD_T))
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        select_row(app, CHILD_T)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)
        assert app.screen.query_one("#title", Input).value == "Evidencing impact: Child T (copy)"
        assert app.screen.query_one("#event-date", Input).value == "2026-11-26"
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert [row[1] for row in rows(app)][0] == "Evidencing impact: Child T (copy)"
        assert app.screen.selected().title.endswith("(copy)")  # type: ignore[attr-defined]
    copy = demo_store.load_event(demo_store.list_events()[0].id)
    assert copy.event.id != original.event.id
    assert copy.event.review_ids == original.event.review_ids
    assert copy.findings == [] and copy.actions == [] and copy.ratings == []
    assert [p.title for p in copy.active_phases()] == [p.title for p in original.active_phases()]
    assert all(p.elapsed_seconds == 0 for p in copy.phases)


async def test_delete_asks_first_and_undo_brings_it_back(demo_store) -> None:
    total = demo_store.count_events()
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "u" not in [b.binding.key for b in app.screen.active_bindings.values() if b.enabled and b.binding.show]
        select_row(app, INFANT)
        await pilot.press("x")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")  # the focus is on "Keep": a stray Enter deletes nothing
        await settle(pilot)
        assert demo_store.count_events() == total
        await pilot.press("delete")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
        assert demo_store.count_events() == total - 1
        assert INFANT not in [row[1] for row in rows(app)] and len(rows(app)) == total - 1
        assert any("Press u to undo" in n.message for n in app._notifications)
        await pilot.press("u")
        await settle(pilot)
        assert demo_store.count_events() == total
        assert len(rows(app)) == total
        assert app.screen.selected().title == INFANT  # type: ignore[attr-defined]


async def test_home_loads_hundreds_of_events_in_pages(store) -> None:
    for day in range(1, 131):
        event = Event(title=f"Event {day:03d}", event_date=date(2025, 1, 1).replace(day=1 + day % 28, month=1 + day % 12))
        store.save_event(EventRecord(event=event))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert len(rows(app)) == 130


# ---------------------------------------------------------------------------------------------- app shell


async def test_help_lists_every_binding_grouped_by_screen(demo_store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        text = help_text(app)
        for words in ("Home: events", "Everywhere", "x / del", "Duplicate", "Undo", "f2", "Dark/light"):
            assert words in text, words
        for binding in HomeScreen.BINDINGS + LifApp.BINDINGS:
            assert binding.description in text  # type: ignore[union-attr]
        await pilot.press("escape", "s")
        await settle(pilot)
        await pilot.press("f1")
        text = help_text(app)
        for words in ("Set-up", "Add row", "Generate", "Remove", "alt+↑", "Add review", "f5", "Home: events (underneath)"):
            assert words in text, words
        assert "Open a menu" not in text


async def test_theme_toggle_and_command_palette(demo_store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.current_theme.dark
        await pilot.press("f2")
        assert not app.current_theme.dark
        await pilot.press("ctrl+p")
        await type_text(pilot, "set up infant")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)
        assert app.screen.query_one("#title", Input).value == INFANT
        await pilot.press("escape", "ctrl+p")
        await type_text(pilot, "new event")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)
        assert app.screen.query_one("#title", Input).value == ""


async def test_run_store_reports_store_errors_and_calls_on_error(store) -> None:
    app = make_app(store)
    seen: list[object] = []

    def failing() -> None:
        raise StoreError("Could not write: the disk is full.")

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.run_store(failing, on_done=seen.append, on_error=seen.append, description="save")
        await settle(pilot)
        assert len(seen) == 1 and isinstance(seen[0], StoreError)
        assert [n.severity for n in app._notifications if "disk is full" in n.message] == ["error"]
        app.run_store(lambda a, b=0: a + b, 2, b=3, on_done=seen.append)
        await settle(pilot)
        assert seen[-1] == 5
