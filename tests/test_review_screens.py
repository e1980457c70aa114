"""The review screens driven with keys, as a facilitator uses them: search from home, open a hit,
trends across two events, the action tracker's filters, status changes and notes, import, paging."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import DataTable, Input

from archive_factories import record
from lif_tui.app import LifApp
from lif_tui.db.action_tracker import ActionFilter, list_actions
from lif_tui.exports.json_bundle import write_bundle
from lif_tui.models import ActionStatus
from lif_tui.screens.action_tracker import ActionTrackerScreen
from lif_tui.screens.archive_dialogs import ChoiceDialog, FilterDialog, NoteDialog, PathDialog
from lif_tui.screens.event_readonly import EventReadOnlyScreen
from lif_tui.screens.review import EVENTS_PAGE, ReviewScreen
from lif_tui.screens.trends import TrendsScreen
from settling import settle

TODAY = date(2026, 11, 26)
SIZE = (120, 40)


def make_app(store) -> LifApp:
    return LifApp(store, today=lambda: TODAY)


def text_of(widget) -> str:
    """What a Static shows, as plain text (tables rendered at 120 columns)."""
    import io

    from rich.console import Console

    console = Console(width=120, record=True, file=io.StringIO())
    console.print(widget.content)
    return console.export_text()


def child_t(store):
    summary = next(s for s in store.list_events() if s.title.endswith("Child T"))
    return store.load_event(summary.id)


def active_actions(store) -> list:
    """Every live action of every live event, read through the Store: the oracle for the tracker."""
    return [action for summary in store.list_events() for action in store.load_event(summary.id).active_actions()]


def items_mentioning(store, word: str) -> int:
    """Findings, actions and learning points whose indexed text mentions `word`: the oracle for search."""
    seen: set = set()
    for summary in store.list_events():
        record = store.load_event(summary.id)
        texts = [(f.id, f.text) for f in record.findings]
        texts += [(a.id, f"{a.text} {a.measure}") for a in record.actions]
        texts += [(p.id, f"{p.text} {p.theme}") for p in record.learning_points()]
        seen |= {item_id for item_id, text in texts if word in text.lower()}
    return len(seen)


async def test_search_from_home_in_two_keystrokes(demo_store):
    expected = items_mentioning(demo_store, "diabetes")
    assert expected > 18
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        assert app.focused is screen.query_one("#review-search", Input)
        await pilot.press(*"diabetes", "enter")  # b, i, t, a and e are keys too, but not in the search box
        await settle(pilot)
        assert app.screen is screen
        assert screen.query_text == "diabetes"
        assert len(screen.hits) == expected
        assert all("diabetes" in hit.snippet.lower() for hit in screen.hits)
        assert {hit.item_kind for hit in screen.hits} == {"finding", "action", "learning_point"}
        results = screen.query_one("#review-results", DataTable)
        assert app.focused is results and results.row_count == expected
        assert f"{expected} matches" in text_of(screen.query_one("#review-status"))

        await pilot.press("down", "down", "enter")
        await settle(pilot)
        chosen = screen.hits[2]
        readonly = app.screen
        assert isinstance(readonly, EventReadOnlyScreen) and readonly.event_id == chosen.event_id
        table = readonly.query_one("#readonly-findings", DataTable)
        assert table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value == str(chosen.item_id)

        await pilot.press("escape", "escape")  # back to the results, then clear the search
        await settle(pilot)
        assert app.screen is screen and screen.query_text == "" and len(screen.events) == 3
        await pilot.press("escape")
        await settle(pilot)
        assert type(app.screen).__name__ == "HomeScreen"


async def test_read_only_view_shows_every_part_and_e_edits(demo_store):
    record_t = child_t(demo_store)
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(EventReadOnlyScreen(record_t.event.id))
        await settle(pilot)
        screen = app.screen
        findings = screen.query_one("#readonly-findings", DataTable)
        groups = [key.value for key in findings.rows if key.value.startswith("group-")]
        assert findings.row_count == len(record_t.active_findings()) + len(groups) and len(groups) >= 5
        assert screen.query_one("#readonly-ratings", DataTable).row_count == 5
        assert screen.query_one("#readonly-actions", DataTable).row_count == 5
        assert screen.query_one("#readonly-attendance", DataTable).row_count == len(record_t.attendance) + 1
        assert screen.query_one("#readonly-time", DataTable).row_count == len(record_t.phases) + 1
        await pilot.press("3")
        assert screen.query_one("#readonly-tabs").active == "tab-actions"
        await pilot.press("e")
        await settle(pilot)
        assert type(app.screen).__name__ == "FacilitateScreen"


async def test_trends_across_two_events(demo_store):
    """The demo revisits Child T six months on: four learning points improved, diabetes awareness slipped."""
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TrendsScreen)
        assert screen.usages[0].pseudonym == "Child T" and screen.usages[0].event_count == 2
        trend = screen.trend
        assert trend is not None and [e.title for e in trend.events] == [
            "Evidencing impact: Child T",
            "Evidencing impact: Child T, six months on",
        ]
        assert [point.direction() for point in trend.points] == ["improved", "improved", "improved", "worse", "improved"]
        shown = text_of(screen.query_one("#trends-points"))
        assert "improved" in shown and "worse" in shown and "Oct 2026" in shown


async def test_action_tracker_overdue_filter_and_owner(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(ActionTrackerScreen())
        await settle(pilot)
        screen = app.screen
        every_action = active_actions(demo_store)
        unfinished = [a for a in every_action if a.status in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)]
        assert len(screen.items) == len(unfinished) >= 10  # open or in progress, by default
        await pilot.press("o")
        await settle(pilot)
        overdue = list_actions(demo_store, ActionFilter(statuses=screen.filters.statuses, overdue_only=True), today=TODAY)
        assert [i.action.id for i in screen.items] == [i.action.id for i in overdue]
        assert len(overdue) == sum(action.is_overdue(TODAY) for action in unfinished) >= 5
        assert all(item.overdue for item in screen.items)
        assert "OVERDUE" in text_of(screen.query_one("#tracker-detail"))
        await pilot.press("s")  # open only
        await settle(pilot)
        assert all(i.action.status is ActionStatus.OPEN and i.overdue for i in screen.items)
        await pilot.press("c")
        await settle(pilot)
        assert len(screen.items) == len(every_action) == len(unfinished) + 2
        await pilot.press("w")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog)
        police = next(i for i, (label, _) in enumerate(dialog.choices) if label == "Probation")
        for _ in range(police):
            await pilot.press("down")
        await pilot.press("enter")
        await settle(pilot)
        assert [i.action.owner_agency for i in screen.items] == ["Probation"]


async def test_status_update_and_note_are_saved(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(ActionTrackerScreen())
        await settle(pilot)
        screen = app.screen
        first = screen.items[0].action
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        done_index = [value for _, value in app.screen.choices].index(ActionStatus.DONE)
        current_index = [value for _, value in app.screen.choices].index(first.status)
        for _ in range(done_index - current_index):
            await pilot.press("down")
        await pilot.press("enter")
        await settle(pilot)
        saved = next(i.action for i in list_actions(demo_store, today=TODAY) if i.action.id == first.id)
        assert saved.status is ActionStatus.DONE
        assert first.id not in {i.action.id for i in screen.items}  # done leaves the default view

        target = screen.items[0].action
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, NoteDialog)
        await pilot.press("enter")  # empty: refused in place
        assert isinstance(app.screen, NoteDialog)
        await pilot.press(*"Audit booked", "enter")
        await settle(pilot)
        saved = next(i.action for i in list_actions(demo_store, today=TODAY) if i.action.id == target.id)
        assert (saved.progress_notes[-1].noted_on, saved.progress_notes[-1].text) == (TODAY, "Audit booked")


async def test_filters_dialog_and_import_dialog(demo_store, tmp_path):
    bundle = write_bundle(record("Imported from the other laptop", on=date(2026, 10, 1), findings=("Zoë's naïve café idea",)), tmp_path / "b.json")
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        screen = app.screen
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, FilterDialog)
        app.screen.query_one("#filter-from", Input).value = "01/06/2026"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen and [e.title for e in screen.events] == [
            "Evidencing impact: Child T, six months on",
            "Evidencing impact: infant injury",
        ]
        assert "from 2026-06-01" in text_of(screen.query_one("#review-status"))

        await pilot.press("c", "i")
        await settle(pilot)
        assert isinstance(app.screen, PathDialog)
        app.screen.query_one("#path-input", Input).value = str(bundle)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        assert "Imported from the other laptop" in [e.title for e in screen.events]
        await pilot.press("slash", *"cafe", "enter")
        await settle(pilot)
        assert [hit.event_title for hit in screen.hits] == ["Imported from the other laptop"]


async def test_events_list_pages_as_it_scrolls(store):
    for number in range(EVENTS_PAGE + 20):
        store.save_event(record(f"Event {number:03d}", on=date(2020, 1, 1).replace(day=1 + number % 28)))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        screen = app.screen
        assert len(screen.events) == EVENTS_PAGE  # one page, not the archive
        await pilot.press("ctrl+end")
        await settle(pilot)
        assert len(screen.events) == EVENTS_PAGE + 20
        assert len({e.id for e in screen.events}) == EVENTS_PAGE + 20


@pytest.mark.parametrize("query", [None, ""])
async def test_contract_initial_query(demo_store, query):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.open_review(initial_query=query)
        await settle(pilot)
        search = app.screen.query_one("#review-search", Input)
        assert (app.focused is search) == (query == "")
