"""The live facilitation screen, driven with keys: capture, phases, timer, draft, undo, ratings, actions.

Each test runs a small host app that gives FacilitateScreen what LifApp gives it (store, clock, today),
so these tests do not depend on the home screen. Time comes from a fake clock: nothing sleeps.
"""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

import pytest
from textual import events
from textual.app import App
from textual.keys import _character_to_key
from textual.widgets import Input, Label

from lif_tui.db import open_store
from lif_tui.errors import StoreError
from lif_tui.models import (
    RAG,
    Attendance,
    Event,
    EventRecord,
    EventStatus,
    FindingKind,
    LearningPoint,
    Phase,
    PhaseKind,
    Review,
)
from lif_tui.screens.action_dialog import ActionDialog
from lif_tui.screens.facilitate import FacilitateScreen
from lif_tui.widgets.findings_list import FindingsList
from lif_tui.widgets.rating_panel import RatingPanel
from settling import settle, wait_for_workers

SIZE = (120, 40)


class FakeClock:
    """Monotonic seconds that only move when a test says so."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class Host(App[None]):
    """Test-only stand-in for LifApp: store, clock and today, and the facilitate screen pushed on mount."""

    def __init__(self, store, event_id: uuid.UUID, clock: FakeClock | None = None) -> None:
        super().__init__()
        self.store = store
        self.clock = clock or FakeClock()
        self.today = lambda: date(2026, 11, 26)
        self.event_id = event_id

    def on_mount(self) -> None:
        self.push_screen(FacilitateScreen(self.event_id))

    @property
    def facilitate(self) -> FacilitateScreen:
        screen = self.screen_stack[1]
        assert isinstance(screen, FacilitateScreen)
        return screen


def fresh_event(store) -> EventRecord:
    """A planned event: one review with three learning points, two agencies attending, nine phases."""
    points = [LearningPoint(number=n, text=f"Learning point number {n} text") for n in (1, 2, 3)]
    review = Review(pseudonym="Child Q", learning_points=points)
    kinds = [PhaseKind.WELCOME, PhaseKind.RECAP, PhaseKind.VOICE]
    phases = [Phase(position=i, kind=k, title=k.value.capitalize(), prompt=f"Prompt for {k.value}",
                    planned_minutes=10) for i, k in enumerate(kinds)]
    for point in points:
        phases.append(Phase(position=len(phases), kind=PhaseKind.LEARNING_POINT, title=f"{point.label}: topic",
                            prompt="What has changed?", planned_minutes=20, learning_point_id=point.id))
    for kind in (PhaseKind.BARRIERS, PhaseKind.ACTIONS, PhaseKind.CLOSE):
        phases.append(Phase(position=len(phases), kind=kind, title=kind.value.capitalize(), planned_minutes=10))
    record = EventRecord(
        event=Event(title="Test event", event_date=date(2026, 11, 26), review_ids=[review.id]),
        reviews=[review],
        attendance=[Attendance(agency="Youth offending service", role="Case manager", count=2),
                    Attendance(agency="Police", role="Sergeant")],
        phases=phases,
    )
    store.save_event(record)
    return record


async def send_keys(pilot, *keys: str) -> None:
    """Send real key events in one go, without pilot.press's wait (40-90 ms) after every key.

    The keys take the same dispatch path as typing; only the waiting is batched. Use it for a run of
    printable characters, or a run of keys that all go through bindings. Not for a mix, except
    characters with Enter in the capture bar (which keeps their order): a bound key (ctrl+u, right)
    takes a round trip through the app and would land after the characters that follow it. Nor for
    keys that move focus, which is deferred.
    """
    for key in keys:
        character = key if len(key) == 1 else {"minus": "-", "space": " "}.get(key)
        name = key if len(key) > 1 or key.isalnum() else _character_to_key(key)
        event = events.Key(name, character)
        event.set_sender(pilot.app)
        pilot.app.post_message(event)
    await pilot.pause()


async def type_text(pilot, text: str) -> None:
    await send_keys(pilot, *text)


async def type_and_enter(pilot, text: str) -> None:
    await type_text(pilot, text)
    await pilot.press("enter")
    await settle(pilot)


def focused_id(app: App) -> str | None:
    return app.focused.id if app.focused is not None else None


def header_text(screen: FacilitateScreen, label_id: str) -> str:
    return str(screen.query_one(f"#{label_id}", Label).render())


# ---------------------------------------------------------------------------------------------- whole job


async def test_whole_event_with_keys_survives_a_restart(db_path: Path) -> None:
    store = open_store(db_path)
    record = fresh_event(store)
    event_id = record.event.id
    phases = record.active_phases()
    points = record.learning_points()
    app = Host(store, event_id)
    # (phase index, kind presses of ctrl+t from the phase default, agency typed or None to keep, text)
    plan = [
        (0, 0, "Pol", "rules ok"),
        (0, 1, None, "baseline"),
        (2, 0, "You", "ask me"),
        (2, 0, None, "unheard"),
        (2, 3, None, "in plans"),
        (3, 0, "Pol", "triage"),
        (3, 1, None, "audit 80%"),
        (3, 1, "Edu", "nurse rings"),
        (3, 1, None, "no follow"),
        (4, 0, "Hea", "alert"),
        (4, 0, None, "training"),
        (4, 5, None, "tell GP"),
        (5, 0, "Pol", "joint visits"),
        (5, 1, None, "case shared"),
        (5, 4, None, "asked first"),
        (6, 0, "Hou", "waiting"),
        (6, 0, None, "no worker"),
        (8, 0, "Ear", "check"),
        (8, 0, None, "ask health"),
        (8, 2, None, "thank nurses"),
    ]
    expected: list[tuple[str, FindingKind, str, uuid.UUID]] = []
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.facilitate
        assert focused_id(app) == "capture"
        assert "Phase 1 of 9" in header_text(screen, "phase-position")
        assert store.load_event(event_id).event.status is EventStatus.LIVE
        current = 0
        agency = ""
        kinds = list(FindingKind)
        for phase_index, presses, typed_agency, text in plan:
            await send_keys(pilot, *["pagedown"] * (phase_index - current))
            current = phase_index
            await settle(pilot)
            assert screen.current_phase.id == phases[phase_index].id
            if typed_agency is not None:
                await pilot.press("ctrl+g")
                assert focused_id(app) == "agency"
                await pilot.press("end", "ctrl+u")
                await type_text(pilot, typed_agency)
                await pilot.press("right")  # accept the completion
                await pilot.press("enter")  # back to the bar
                agency = screen.agency_input.value
                assert focused_id(app) == "capture"
            kind = screen.kind
            await send_keys(pilot, *["ctrl+t"] * presses)
            kind = kinds[(kinds.index(kind) + presses) % len(kinds)]
            assert screen.kind is kind
            await type_and_enter(pilot, text)
            assert screen.capture_input.value == ""
            expected.append((text, kind, agency, phases[phase_index].id))
        # Completion offered the attendance agencies and the standard list.
        assert {e[2] for e in expected} >= {"Police", "Youth offending service", "Education",
                                            "Health visiting", "Housing", "Early help"}
        # The list shows this phase's findings, newest first.
        items = screen.query_one(FindingsList).finding_ids()
        texts = [screen.findings[i].text for i in items]
        assert texts == ["thank nurses", "ask health", "check"]

        # Both ways: back to the first learning point and forward again; the bell at either end.
        await send_keys(pilot, *["pageup"] * 5)
        await settle(pilot)
        assert screen.current_phase.id == phases[3].id
        assert [screen.findings[i].text for i in screen.query_one(FindingsList).finding_ids()] == [
            "no follow", "nurse rings", "audit 80%", "triage"]

        # Rate every learning point: RAG, three votes before, two after (one added by mistake and removed).
        rags = ["r", "y", "g"]
        for offset, point in enumerate(points):
            await settle(pilot)
            assert screen.current_point.id == point.id
            await pilot.press("ctrl+r")
            assert isinstance(app.focused, RatingPanel)
            await send_keys(pilot, rags[offset], "b", "2", "3", "3", "a", "4", "5", "5", "minus", "5")
            await pilot.press("escape")
            assert focused_id(app) == "capture"
            await pilot.press("pagedown")
        await settle(pilot)

        # Two actions, the second after a date the model refuses (kept, explained, then corrected).
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, ActionDialog)
        for text in ("Audit", "Hea", "Nurse", "31/12/2026", "Audit"):
            await type_text(pilot, text)
            await pilot.press("right", "enter")  # right accepts the agency completion
        await settle(pilot)
        assert isinstance(app.screen, FacilitateScreen)
        await pilot.press("ctrl+n")
        await pilot.pause()
        for text in ("Protocol", "Chi", "Head", "31/02/2027", "Signed"):
            await type_text(pilot, text)
            await pilot.press("right", "enter")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ActionDialog)
        error = dialog.query_one("#action-due_date-error", Label)
        assert error.has_class("-shown") and "not a date" in str(error.render())
        assert dialog.query_one("#action-text", Input).value == "Protocol"
        assert len(store.load_event(event_id).actions) == 1  # nothing saved half-way
        await pilot.press("ctrl+u")
        await type_text(pilot, "28/02/2027")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FacilitateScreen)
        last_phase = screen.current_phase.id
    store.close()

    reopened = open_store(db_path)
    saved = reopened.load_event(event_id)
    assert len(saved.active_findings()) == 20
    by_text = {f.text: f for f in saved.active_findings()}
    for text, kind, agency, phase_id in expected:
        finding = by_text[text]
        assert finding.kind is kind, text
        assert finding.agency == agency, text
        assert finding.phase_id == phase_id, text
        phase = next(p for p in saved.phases if p.id == phase_id)
        assert finding.learning_point_id == phase.learning_point_id
    assert {f.kind for f in saved.active_findings()} == set(FindingKind)
    assert sum(1 for f in saved.active_findings() if f.learning_point_id is not None) == 10
    for point, rag in zip(points, (RAG.RED, RAG.AMBER, RAG.GREEN)):
        rating = saved.rating_for(point.id)
        assert rating is not None and rating.rag is rag
        assert rating.confidence_before == {1: 0, 2: 1, 3: 2, 4: 0, 5: 0}
        assert rating.confidence_after == {1: 0, 2: 0, 3: 0, 4: 1, 5: 1}
        assert rating.median_before == 3
    actions = saved.active_actions()
    assert [a.text for a in actions] == ["Audit", "Protocol"]
    assert actions[0].owner_agency == "Health visiting" and actions[0].owner_role == "Nurse"
    assert actions[0].due_date == date(2026, 12, 31) and actions[0].measure == "Audit"
    assert actions[1].owner_agency == "Children's social care" and actions[1].due_date == date(2027, 2, 28)
    assert saved.event.current_phase_id == last_phase
    reopened.close()


# ---------------------------------------------------------------------------------------------- phases


async def test_phase_keys_work_from_the_list_and_resume_after_restart(store) -> None:
    record = fresh_event(store)
    phases = record.active_phases()
    app = Host(store, record.event.id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.facilitate
        await pilot.press("pageup")  # already first: nothing moves
        await settle(pilot)
        assert screen.phase_index == 0
        await pilot.press("pagedown", "pagedown", "pagedown", "pagedown")
        await settle(pilot)
        assert "Phase 5 of 9" in header_text(screen, "phase-position")
        assert "LP2" in header_text(screen, "learning-point")
        assert screen.kind is FindingKind.CHANGED
        await type_and_enter(pilot, "one")
        await pilot.press("ctrl+f")
        assert isinstance(app.focused, FindingsList)
        await pilot.press("pageup")  # works while the list has focus (it would scroll the list otherwise)
        await settle(pilot)
        assert screen.phase_index == 3
        assert store.load_event(record.event.id).event.current_phase_id == phases[3].id
        await pilot.press("pagedown", "pagedown", "pagedown", "pagedown")
        await settle(pilot)
        assert screen.current_phase.kind is PhaseKind.ACTIONS
        assert screen.kind is FindingKind.CHANGED
        await pilot.press("pageup")
        await settle(pilot)
        assert screen.current_phase.kind is PhaseKind.BARRIERS
        assert screen.kind is FindingKind.BARRIER
    app2 = Host(store, record.event.id)
    async with app2.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app2.facilitate.current_phase.id == phases[6].id
        assert focused_id(app2) == "capture"


# ---------------------------------------------------------------------------------------------- timer


async def test_timer_saves_as_it_runs_pauses_and_survives_restart(store) -> None:
    record = fresh_event(store)
    first = record.active_phases()[0]
    clock = FakeClock()
    app = Host(store, record.event.id, clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.facilitate
        assert screen.timer.running
        clock.advance(7)
        screen.tick()
        await settle(pilot)
        assert store.load_event(record.event.id).phases[0].elapsed_seconds == pytest.approx(7)
        assert "0:07 of 10:00" in header_text(screen, "timer-phase")
        clock.advance(3)
        screen.tick()  # under five seconds since the last save: nothing written yet
        await settle(pilot)
        assert store.load_event(record.event.id).phases[0].elapsed_seconds == pytest.approx(7)
        await pilot.press("ctrl+s")  # pause: saved at once
        await settle(pilot)
        assert store.load_event(record.event.id).phases[0].elapsed_seconds == pytest.approx(10)
        assert "PAUSED" in header_text(screen, "timer-state")
        clock.advance(100)
        screen.tick()
        assert screen.timer.elapsed() == pytest.approx(10)
        await pilot.press("ctrl+s")  # resume
        clock.advance(2)
    # Leaving the screen wrote the last two seconds, without a tick.
    assert store.load_event(record.event.id).phases[0].elapsed_seconds == pytest.approx(12)

    app2 = Host(store, record.event.id, clock)
    async with app2.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app2.facilitate
        assert screen.current_phase.id == first.id
        assert screen.timer.elapsed() == pytest.approx(12)
        clock.advance(10 * 60)
        screen.tick()
        overrun = screen.query_one("#timer-overrun", Label)
        assert "+0:12 over" in str(overrun.render())
        assert overrun.has_class("-over")
        assert "Event 10:12 of 2:00:00" in header_text(screen, "timer-event")
        clock.advance(30)
        await pilot.press("pagedown")  # a phase change saves the phase left behind
        await settle(pilot)
        assert store.load_event(record.event.id).phases[0].elapsed_seconds == pytest.approx(642)
        assert screen.timer.elapsed() == pytest.approx(0)


# ---------------------------------------------------------------------------------------------- draft and failure


async def test_draft_is_saved_as_you_type_and_comes_back_after_a_crash(store) -> None:
    record = fresh_event(store)
    store.save_draft(record.event.id, "half a thought")
    app = Host(store, record.event.id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.facilitate
        assert screen.capture_input.value == "half a thought"
        await type_text(pilot, " about GPs")
        await pilot.pause(0.4)  # the draft is written after 0.3 s of quiet
        await settle(pilot)
        assert store.load_draft(record.event.id) == "half a thought about GPs"
        await pilot.press("enter")
        await settle(pilot)
        assert store.load_draft(record.event.id) == ""
        assert [f.text for f in store.load_event(record.event.id).findings] == ["half a thought about GPs"]
        await type_text(pilot, "typed then quit")
    # No debounce wait: leaving the screen writes the draft.
    assert store.load_draft(record.event.id) == "typed then quit"


async def test_enter_straight_after_fast_typing_saves_every_character_typed_before_it(store) -> None:
    """Keys that arrive in one burst (fast typing, a busy moment) must not split a finding.

    Enter is a priority binding handled by the app itself, while characters are queued for the bar: the
    bar's text has to be read after the characters already queued for it.
    """
    record = fresh_event(store)
    app = Host(store, record.event.id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await send_keys(pilot, *"Health visitors share notes", "enter", *"next one", "enter")
        await settle(pilot)
        texts = [f.text for f in store.load_event(record.event.id).findings]
        assert sorted(texts) == ["Health visitors share notes", "next one"]
        assert app.facilitate.capture_input.value == ""


async def test_store_failure_keeps_the_text_and_shows_the_error(store, monkeypatch) -> None:
    record = fresh_event(store)
    app = Host(store, record.event.id)

    def broken(*args, **kwargs):
        raise StoreError("Could not add finding in lif.sqlite3: the disk is full.")

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.facilitate
        monkeypatch.setattr(store, "add_finding", broken)
        await type_and_enter(pilot, "precious words")
        assert screen.capture_input.value == "precious words"
        assert screen.query_one(FindingsList).finding_ids() == []
        errors = [n for n in app._notifications if n.severity == "error"]
        assert errors and "disk is full" in errors[-1].message
        monkeypatch.undo()
        await pilot.press("enter")
        await settle(pilot)
        assert screen.capture_input.value == ""
        assert len(screen.query_one(FindingsList).finding_ids()) == 1
    assert [f.text for f in store.load_event(record.event.id).findings] == ["precious words"]


# ---------------------------------------------------------------------------------------------- undo


async def test_delete_then_ctrl_z_restores_and_edit_then_ctrl_z_reverts(store) -> None:
    record = fresh_event(store)
    event_id = record.event.id
    app = Host(store, event_id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.facilitate
        findings = screen.query_one(FindingsList)
        await type_and_enter(pilot, "first")
        await type_and_enter(pilot, "second")
        await pilot.press("ctrl+f", "down", "delete")  # the older one, "first"
        await settle(pilot)
        assert [screen.findings[i].text for i in findings.finding_ids()] == ["second"]
        assert [f.text for f in store.load_event(event_id).findings] == ["second"]
        # ctrl+z works from the bar with text in it, and leaves that text alone.
        await pilot.press("escape")
        await type_text(pilot, "unsent")
        assert focused_id(app) == "capture"
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert screen.capture_input.value == "unsent"
        assert {f.text for f in store.load_event(event_id).findings} == {"first", "second"}
        assert [screen.findings[i].text for i in findings.finding_ids()] == ["second", "first"]

        # Edit "second" in the dialog, then undo the edit.
        await pilot.press("ctrl+f", "home", "e")
        await pilot.pause()
        await pilot.press("ctrl+u")
        await type_text(pilot, "second, corrected")
        await pilot.press("enter")
        await settle(pilot)
        texts = {f.text for f in store.load_event(event_id).findings}
        assert texts == {"first", "second, corrected"}
        assert "second, corrected" in [screen.findings[i].text for i in findings.finding_ids()]
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert {f.text for f in store.load_event(event_id).findings} == {"first", "second"}
        assert sorted(screen.findings[i].text for i in findings.finding_ids()) == ["first", "second"]
        await pilot.press("ctrl+z")  # nothing left to undo
        await settle(pilot)
        assert any("Nothing to undo" in n.message for n in app._notifications)


async def test_rating_keys_remove_mode_and_undo(store) -> None:
    record = fresh_event(store)
    point = record.learning_points()[0]
    app = Host(store, record.event.id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r", "g", "4", "4", "3", "minus", "4")
        await settle(pilot)
        rating = store.load_event(record.event.id).rating_for(point.id)
        assert rating.rag is RAG.GREEN and rating.confidence_before[4] == 1 and rating.confidence_before[3] == 1
        panel = app.facilitate.query_one(RatingPanel)
        assert "GREEN" in panel.render().plain and "3.5" in panel.render().plain
        await pilot.press("ctrl+z", "ctrl+z")  # the removal, then the vote for 3
        await settle(pilot)
        rating = store.load_event(record.event.id).rating_for(point.id)
        assert rating.confidence_before == {1: 0, 2: 0, 3: 0, 4: 2, 5: 0}
        await pilot.press("right", "y")  # the next learning point
        await settle(pilot)
        assert store.load_event(record.event.id).rating_for(record.learning_points()[1].id).rag is RAG.AMBER
        # Fast votes: each one is shown at once and the newest tallies win on disk, whatever the thread order.
        await send_keys(pilot, *"5555555", "a", *"1212")
        await settle(pilot)
        rating = store.load_event(record.event.id).rating_for(record.learning_points()[1].id)
        assert rating.confidence_before[5] == 7 and rating.confidence_after == {1: 2, 2: 2, 3: 0, 4: 0, 5: 0}
        assert not app.facilitate.unsaved_ratings


def test_latest_wins_never_lets_an_older_value_land_last() -> None:
    import threading

    from lif_tui.screens.facilitate import LatestWins

    writes = LatestWins()
    written: list[int] = []
    first_started, release = threading.Event(), threading.Event()

    def slow_write(value: int) -> None:
        first_started.set()
        release.wait(5)
        written.append(value)

    writes.offer("k", 1)
    worker = threading.Thread(target=writes.flush, args=("k", slow_write))
    worker.start()
    assert first_started.wait(5)
    writes.offer("k", 2)  # does not wait for the write in progress
    writes.offer("k", 3)
    release.set()
    worker.join(5)
    assert writes.flush("k", written.append) == (3, None)
    assert writes.flush("k", written.append) is None
    assert written == [1, 3]


async def test_lif_app_open_event_resumes_at_the_last_phase_with_the_bar_focused(store) -> None:
    """What `lif-tui open EVENT` does: LifApp pushes home, then this screen on the event's last phase."""
    from lif_tui.app import LifApp

    record = fresh_event(store)
    phases = record.active_phases()
    store.set_current_phase(record.event.id, phases[4].id)
    app = LifApp(store, open_event=record.event.id, clock=FakeClock(), today=lambda: date(2026, 11, 26))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, FacilitateScreen)
        assert screen.current_phase.id == phases[4].id
        assert focused_id(app) == "capture"
        await type_and_enter(pilot, "resumed")
        await pilot.press("ctrl+l")  # back to the home screen
        await settle(pilot)
        assert not isinstance(app.screen, FacilitateScreen)
    assert [f.text for f in store.load_event(record.event.id).findings] == ["resumed"]


async def test_mouse_cycles_kind_picks_a_learning_point_and_opens_a_finding(store) -> None:
    from lif_tui.screens.finding_dialog import EditFindingDialog
    from lif_tui.widgets.capture_bar import KindLabel

    record = fresh_event(store)
    app = Host(store, record.event.id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.facilitate
        await pilot.click(KindLabel)
        assert screen.kind is FindingKind.EVIDENCE
        assert focused_id(app) == "capture"
        panel = screen.query_one(RatingPanel)
        await pilot.click(RatingPanel, offset=(3, 1 + 6 + 2))  # border, head lines, third learning point
        assert panel.selected == 2 and app.focused is panel
        await pilot.click("#capture")
        await type_and_enter(pilot, "clicked")
        await pilot.click("FindingItem")
        await pilot.pause()
        assert isinstance(app.screen, EditFindingDialog)
        await pilot.click("#edit-cancel")
        await pilot.pause()
        assert isinstance(app.screen, FacilitateScreen)


async def test_command_palette_offers_the_main_actions(store) -> None:
    from lif_tui.screens.facilitate import FacilitateCommands

    record = fresh_event(store)
    app = Host(store, record.event.id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.facilitate
        provider = FacilitateCommands(screen)
        hits = [hit async for hit in provider.search("next phase")]
        assert hits
        hits[0].command()  # the palette calls it on the screen
        await settle(pilot)
        assert screen.phase_index == 1
        await pilot.press("ctrl+up")  # the other key for the previous phase
        await settle(pilot)
        assert screen.phase_index == 0


async def test_ctrl_b_opens_the_export_screen_for_this_event(demo_store) -> None:
    from lif_tui.app import LifApp
    from lif_tui.screens.export import ExportScreen

    summary = next(s for s in demo_store.list_events() if s.title == "Evidencing impact: Child T")
    app = LifApp(demo_store, open_event=summary.id, today=lambda: date(2026, 11, 26))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_workers(app)
        await pilot.pause()
        await pilot.press("ctrl+b")
        await wait_for_workers(app)
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        assert app.screen.event_id == summary.id
