"""The live screen: run the event phase by phase and capture what people say, without ever losing a word.

Durability rules, which the tests check:
- A finding appears in the list only after `Store.add_finding` has returned, so every row shown is on disk.
  If the store fails, the text stays in the capture bar and the error is shown.
- The capture bar's draft, the phase timer and the current phase are written in thread workers as they
  change. Each goes through `LatestWins`, so workers that finish out of order never overwrite newer data.
- On leaving the screen whatever is still pending is written at once, so quitting loses nothing.
"""

from __future__ import annotations

import threading
import time
import uuid
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Callable, Hashable

from pydantic import ValidationError
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, Label, Static

from lif_tui.models import (
    STANDARD_AGENCIES,
    Action,
    ConfidenceStage,
    EventRecord,
    EventStatus,
    Finding,
    FindingKind,
    LearningPoint,
    Phase,
    PhaseKind,
    Rating,
    utc_now,
    validation_messages,
)
from lif_tui.screens.action_dialog import ActionDialog
from lif_tui.screens.capture_writer import CaptureWriter
from lif_tui.screens.finding_dialog import EditFindingDialog
from lif_tui.screens.footer import AdaptiveFooter
from lif_tui.widgets.capture_bar import SHORT_KIND_NAMES, CaptureBar, KindLabel, default_kind, next_kind
from lif_tui.widgets.findings_list import FindingsList
from lif_tui.widgets.phase_timer import PhaseClock, PhaseHeader, prompt_without
from lif_tui.widgets.rating_panel import RatingPanel

TIME_SAVE_EVERY = 5.0
"""Seconds between saves of the running phase timer: a crash loses at most this much timing."""
DRAFT_DEBOUNCE = 0.3
"""Seconds of quiet typing before the capture bar's draft is written."""
UNDO_LIMIT = 200


class LatestWins:
    """Writes only the newest value offered for each key.

    Thread workers may run in any order. Each flush takes the newest pending value at the moment it gets
    the write lock, so an older value can never land after a newer one. Offering a value takes only a
    short lock, never the write lock, so the UI thread does not wait on a disk write.
    """

    _NOTHING = object()

    def __init__(self) -> None:
        self._pending_lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._pending: dict[Hashable, Any] = {}

    def offer(self, key: Hashable, value: Any) -> None:
        with self._pending_lock:
            self._pending[key] = value

    def flush(self, key: Hashable, write: Callable[[Any], Any]) -> tuple[Any, Any] | None:
        """Write the newest value for `key`; return (value, what `write` returned), or None if none was due.

        `write` must not wait on the UI thread (no call_from_thread inside it): the UI thread may itself be
        waiting for the write lock when the screen closes.
        """
        with self._write_lock:
            with self._pending_lock:
                value = self._pending.pop(key, self._NOTHING)
            if value is self._NOTHING:
                return None
            try:
                result = write(value)
            except BaseException:
                with self._pending_lock:
                    self._pending.setdefault(key, value)  # keep it for the next try unless newer arrived
                raise
            return value, result

    def keys(self) -> list[Hashable]:
        with self._pending_lock:
            return list(self._pending)


@dataclass
class UndoStep:
    """One reversible change: `revert` runs in a thread worker (store calls), `after` on the UI thread."""

    description: str
    revert: Callable[[], Any]
    after: Callable[[Any], Any]


PALETTE_COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("Next phase", "next_phase", "Move to the next phase of the agenda"),
    ("Previous phase", "previous_phase", "Move back to the previous phase"),
    ("Pause or resume the timer", "toggle_timer", "The phase timer; elapsed time is saved as it runs"),
    ("Switch finding kind", "cycle_kind", "What has changed, evidence, good practice, barrier, voice, key message"),
    ("Rate learning points", "focus_ratings", "RAG and confidence votes, before and after"),
    ("Add an action", "new_action", "Owner agency and role, due date, measure"),
    ("Edit or delete a finding", "focus_findings", "Go to this phase's findings"),
    ("Undo", "undo", "Undo the last delete, edit, rating or action"),
    ("Export a briefing", "export_briefing", "Sensitivity check, then the learning briefing or 7-minute briefing"),
    ("Leave the live screen", "leave", "Everything is already saved; `open` resumes here"),
)
"""(palette name, screen action, help) for the facilitate screen's entries in the command palette."""


class FacilitateCommands(Provider):
    """The live screen's main actions in the command palette (ctrl+p), by name."""

    async def discover(self) -> Hits:
        for name, action, help_text in PALETTE_COMMANDS:
            yield DiscoveryHit(name, getattr(self.screen, f"action_{action}"), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, action, help_text in PALETTE_COMMANDS:
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), getattr(self.screen, f"action_{action}"), help=help_text)


class FacilitateScreen(Screen[None]):
    """Run one event live: phase, timer, capture bar, this phase's findings and the ratings."""

    HELP_TITLE = "Facilitate"
    COMMANDS = {FacilitateCommands}
    CSS_PATH = Path(__file__).with_name("facilitate.tcss")
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    BINDINGS = [
        Binding("pagedown,ctrl+down", "next_phase", "Next", key_display="PgDn", priority=True,
                id="facilitate.next_phase", tooltip="Move to the next phase of the agenda (PgUp goes back)."),
        Binding("pageup,ctrl+up", "previous_phase", "Prev", key_display="PgUp", priority=True,
                id="facilitate.previous_phase", tooltip="Move back to the previous phase."),
        Binding("ctrl+t", "cycle_kind", "Kind", priority=True, show=False, id="facilitate.cycle_kind",
                tooltip="Switch the kind of the next finding."),
        Binding("ctrl+z", "undo", "Undo", priority=True, id="facilitate.undo",
                tooltip="Undo the last delete, edit, rating or action."),
        Binding("ctrl+s", "toggle_timer", "Pause", show=False, id="facilitate.toggle_timer",
                tooltip="Pause or resume the phase timer."),
        Binding("ctrl+r", "focus_ratings", "Rate", id="facilitate.focus_ratings",
                tooltip="Rate learning points: 1-5 votes, b/a before/after, r/y/g RAG."),
        Binding("ctrl+n", "new_action", "Action", id="facilitate.new_action",
                tooltip="Add an action: owner agency and role, due date, measure."),
        Binding("ctrl+g", "focus_agency", "Agency", show=False, id="facilitate.focus_agency",
                tooltip="Set the agency tag for the next findings."),
        Binding("ctrl+f", "focus_findings", "List", show=False, id="facilitate.focus_findings",
                tooltip="Go to this phase's findings to edit (e/Enter) or delete (Del) one."),
        Binding("escape", "focus_capture", "Capture", show=False, id="facilitate.focus_capture",
                tooltip="Back to the capture bar."),
        Binding("ctrl+b", "export_briefing", "Export", id="facilitate.export_briefing",
                tooltip="Check for sensitive content and export the learning briefing or 7-minute briefing."),
        Binding("ctrl+l", "leave", "Home", id="facilitate.leave",
                tooltip="Leave the live screen; everything is already saved and `open` resumes here."),
    ]

    def __init__(self, event_id: uuid.UUID) -> None:
        super().__init__()
        self.event_id = event_id
        self.record: EventRecord | None = None
        self.phases: list[Phase] = []
        self.phase_index = 0
        self.points: list[LearningPoint] = []
        self.point_labels: dict[uuid.UUID, str] = {}
        """"LP2", or "Child V LP2" when the event has several reviews, whose numbers overlap."""
        self.findings: dict[uuid.UUID, Finding] = {}
        self.ratings: dict[uuid.UUID, Rating] = {}
        self.committed_ratings: dict[uuid.UUID, Rating] = {}
        self.unsaved_ratings: set[uuid.UUID] = set()
        self.actions: list[Action] = []
        self.agencies: list[str] = list(STANDARD_AGENCIES)
        self.phase_elapsed: dict[uuid.UUID, float] = {}
        self.kind = FindingKind.CHANGED
        self.undo_stack: list[UndoStep] = []
        self.timer: PhaseClock | None = None
        self._last_time_save = 0.0
        self._writes = LatestWins()
        self._in_flight: list[str] = []
        """Texts queued for saving, in Enter order; each stays at the start of the bar until it is saved."""
        self.capture_writer: CaptureWriter[tuple[Finding, str]] = CaptureWriter(self, self._save_finding)
        self._draft_timer: Timer | None = None
        self._bar_text = ""
        """The capture bar's text, kept here because the bar is gone by the time the screen unmounts."""
        self._capture_input: Input | None = None
        self._agency_input: Input | None = None

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield PhaseHeader(id="phase-header")
        yield Static("", id="prompt")
        with Horizontal(id="body"):
            with Vertical(id="findings-box"):
                yield FindingsList(id="findings")
                yield Label("No findings in this phase yet. Type in the bar below and press Enter.",
                            id="findings-empty")
            yield RatingPanel(id="ratings")
        yield CaptureBar(list(STANDARD_AGENCIES), id="capture-bar")
        yield AdaptiveFooter()

    def on_mount(self) -> None:
        self.query_one("#findings-box").border_title = "Findings in this phase · newest first"
        self.query_one("#findings-box").border_subtitle = "^f then e edit · Del delete"
        ratings = self.query_one(RatingPanel)
        ratings.border_title = "Ratings · ^r"
        ratings.border_subtitle = "b/a stage · r/y/g RAG"
        self.capture_input.focus()
        self.set_interval(1.0, self.tick)
        self._load()

    @property
    def clock(self) -> Callable[[], float]:
        return getattr(self.app, "clock", time.monotonic)

    @property
    def store(self) -> Any:
        return self.app.store  # type: ignore[attr-defined]

    @property
    def capture_input(self) -> Input:
        # Kept after the first lookup: Enter reads it on every capture, and a DOM query costs more than
        # the rest of the key's handling.
        if self._capture_input is None:
            self._capture_input = self.query_one("#capture", Input)
        return self._capture_input

    @property
    def agency_input(self) -> Input:
        if self._agency_input is None:
            self._agency_input = self.query_one("#agency", Input)
        return self._agency_input

    @property
    def current_phase(self) -> Phase | None:
        return self.phases[self.phase_index] if self.phases else None

    @property
    def current_point(self) -> LearningPoint | None:
        phase = self.current_phase
        if phase is None or phase.learning_point_id is None:
            return None
        return next((p for p in self.points if p.id == phase.learning_point_id), None)

    @property
    def loaded(self) -> bool:
        return self.record is not None

    # ------------------------------------------------------------------ loading

    @work(thread=True, group="load", exit_on_error=False)
    def _load(self) -> None:
        """Read the event and its draft; mark a planned event live, since facilitation has started."""
        try:
            record = self.store.load_event(self.event_id)
            draft = self.store.load_draft(self.event_id)
            if record.event.status is EventStatus.PLANNED:
                self.store.set_event_status(self.event_id, EventStatus.LIVE)
                record.event.status = EventStatus.LIVE
        except Exception as error:  # noqa: BLE001 - any failure is shown, never a traceback
            self.app.call_from_thread(self._load_failed, str(error))
            return
        self.app.call_from_thread(self._loaded, record, draft)

    def _load_failed(self, message: str) -> None:
        self.app.notify(f"Cannot open the event: {message}", severity="error", timeout=15)
        self.query_one("#phase-position", Label).update(f"Cannot open the event: {message}")

    async def _loaded(self, record: EventRecord, draft: str) -> None:
        self.record = record
        self.capture_writer.start()
        self.phases = record.active_phases()
        self.points = record.learning_points()
        several = len(record.event.review_ids) > 1
        self.point_labels = {
            point.id: f"{review.pseudonym} {point.label}" if several else point.label
            for review in record.reviews
            for point in review.learning_points
        }
        self.findings = {f.id: f for f in record.active_findings()}
        self.ratings = {r.learning_point_id: r for r in record.ratings if not r.is_deleted}
        self.committed_ratings = dict(self.ratings)
        self.actions = record.active_actions()
        self.phase_elapsed = {p.id: p.elapsed_seconds for p in self.phases}
        seen: dict[str, None] = {}
        for agency in [a.agency for a in record.active_attendance()] + list(STANDARD_AGENCIES):
            seen.setdefault(agency, None)
        self.agencies = list(seen)
        self.query_one(CaptureBar).set_agencies(self.agencies)
        ids = [p.id for p in self.phases]
        current = record.event.current_phase_id
        self.phase_index = ids.index(current) if current in ids else 0
        if self.phases and current not in ids:
            self._remember_phase()
        phase = self.current_phase
        self.timer = PhaseClock(
            self.clock,
            phase.elapsed_seconds if phase else 0.0,
            running=phase is not None and record.event.status is not EventStatus.CLOSED,
        )
        self._last_time_save = self.clock()
        self.kind = default_kind(phase.kind) if phase else FindingKind.CHANGED
        if draft and not self.capture_input.value:
            self.capture_input.value = draft
            self.capture_input.cursor_position = len(draft)
        if not self.phases:
            self.app.notify("This event has no agenda yet. Findings are still saved; add phases in set-up.",
                            severity="warning")
        await self._show_phase()

    # ------------------------------------------------------------------ showing

    async def _show_phase(self) -> None:
        """Redraw everything that depends on the current phase."""
        record = self.record
        if record is None:
            return
        phase = self.current_phase
        header = self.query_one(PhaseHeader)
        status = record.event.status
        status_label = {EventStatus.LIVE: "  ● LIVE", EventStatus.CLOSED: "  closed", EventStatus.PLANNED: "  planned"}
        if phase is not None:
            point = self.current_point
            header.show_phase(phase, self.phase_index + 1, len(self.phases), point,
                              self.point_labels.get(point.id, "") if point else "", len(self.points),
                              record.event.title, status_label[status])
            prompt = prompt_without(phase.prompt, self.current_point)
            self.query_one("#prompt", Static).update(prompt or "(no prompt for this phase)")
        else:
            self.query_one("#phase-position", Label).update(" No agenda ")
            self.query_one("#prompt", Static).update("")
        self.query_one(KindLabel).kind = self.kind
        await self._show_findings()
        panel = self.query_one(RatingPanel)
        panel.show_ratings(self.points, self.ratings, self.unsaved_ratings, self.point_labels)
        if self.current_point is not None:
            panel.select_point(self.current_point.id)
        if phase is not None:
            panel.stage = ConfidenceStage.AFTER if phase.kind is PhaseKind.CLOSE else ConfidenceStage.BEFORE
        self._show_time()

    async def _show_findings(self) -> None:
        phase = self.current_phase
        phase_id = phase.id if phase else None
        mine = [f for f in self.findings.values() if f.phase_id == phase_id]
        await self.query_one(FindingsList).show_findings(mine)
        self._show_count()

    def _show_count(self) -> None:
        count = len(self.query_one(FindingsList).finding_ids())
        self.query_one("#findings-empty").display = count == 0
        self.query_one(FindingsList).display = count > 0
        total = len(self.findings)
        self.query_one("#findings-box").border_title = (
            f"Findings in this phase: {count} · event: {total} · newest first"
        )

    def _show_time(self) -> None:
        phase = self.current_phase
        if phase is None or self.timer is None:
            return
        elapsed = self.timer.elapsed()
        used = sum(self.phase_elapsed.get(p.id, 0.0) for p in self.phases if p.id != phase.id) + elapsed
        planned = sum(p.planned_minutes for p in self.phases)
        self.query_one(PhaseHeader).show_time(elapsed, phase.planned_minutes, used, planned, self.timer.running)

    # ------------------------------------------------------------------ the timer

    def tick(self) -> None:
        """Called every second (tests call it after moving the fake clock): redraw, and save every few seconds."""
        if self.timer is None:
            return
        self._show_time()
        if self.timer.running and self.clock() - self._last_time_save >= TIME_SAVE_EVERY:
            self._save_phase_time()

    def _save_phase_time(self) -> None:
        phase = self.current_phase
        if phase is None or self.timer is None:
            return
        elapsed = self.timer.elapsed()
        self.phase_elapsed[phase.id] = elapsed
        self._last_time_save = self.clock()
        key = ("time", phase.id)
        self._writes.offer(key, elapsed)
        self._flush_in_worker(key, partial(self.store.save_phase_time, phase.id), "phase-time")

    def action_toggle_timer(self) -> None:
        if self.timer is None or self.current_phase is None:
            return
        if self.timer.running:
            self.timer.pause()
            self._save_phase_time()
            self.app.notify("Timer paused. ctrl+s resumes it.", timeout=3)
        else:
            self.timer.start()
            self._last_time_save = self.clock()
        self._show_time()

    # ------------------------------------------------------------------ background writes

    def _flush_in_worker(self, key: Hashable, write: Callable[[Any], Any], what: str,
                         done: Callable[[], Any] | None = None) -> None:
        def flush() -> None:
            try:
                self._writes.flush(key, write)
            except Exception as error:  # noqa: BLE001
                self.app.call_from_thread(
                    self.app.notify, f"Could not save the {what}: {error}", severity="error", timeout=10
                )
                return
            if done is not None:
                self.app.call_from_thread(done)

        self.run_worker(flush, thread=True, group=f"write-{what}", exclusive=what == "draft",
                        exit_on_error=False)

    def _flush_everything_now(self) -> None:
        """Write pending timer, draft, phase and ratings on the way out; a worker might not run after unmount.

        This is the one place the UI thread calls the store directly: the screen is closing, and each
        pending item is a single small commit.
        """
        if self.record is None:
            return
        phase = self.current_phase
        if phase is not None and self.timer is not None:
            self._writes.offer(("time", phase.id), self.timer.elapsed())
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._writes.offer("draft", self._bar_text)
        for key in self._writes.keys():
            try:
                if key == "draft":
                    self._writes.flush(key, partial(self.store.save_draft, self.event_id))
                elif key == "phase":
                    self._writes.flush(key, partial(self.store.set_current_phase, self.event_id))
                elif isinstance(key, tuple) and key[0] == "time":
                    self._writes.flush(key, partial(self.store.save_phase_time, key[1]))
                elif isinstance(key, tuple) and key[0] == "rating":
                    self._writes.flush(key, partial(self.store.save_rating, self.event_id))
            except Exception:  # noqa: BLE001 - the app is closing; nothing left to tell
                pass

    def on_unmount(self) -> None:
        self._flush_everything_now()
        self.capture_writer.stop()  # findings still queued are written first

    # ------------------------------------------------------------------ the draft

    @on(Input.Changed, "#capture")
    def _draft_changed(self, event: Input.Changed) -> None:
        self._bar_text = event.value
        if self.record is None:
            return
        self._writes.offer("draft", event.value)
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(DRAFT_DEBOUNCE, self.save_draft_now)

    def save_draft_now(self) -> None:
        """Write the bar's text as the event's draft (latest wins)."""
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
        if self.record is None:
            return
        self._writes.offer("draft", self.capture_input.value)
        self._flush_in_worker("draft", partial(self.store.save_draft, self.event_id), "draft")

    # ------------------------------------------------------------------ capturing

    def action_capture(self) -> None:
        """Enter in the capture bar: save its text as a finding.

        Enter is a priority binding of the bar that names this action, so the key comes straight here
        instead of through the Input's Submitted message and its bubbling. Keys typed just before Enter
        may still be queued for the bar, though (a fast typist, a paste, a busy moment): then the text is
        read from the bar's own queue, after them. With nothing queued, the bar's text is already
        complete and is read at once, which saves a trip through the event loop on every capture.
        """
        bar = self.capture_input
        if bar.message_queue_size:
            bar.call_later(self._capture_bar_text)
        else:
            self._capture_bar_text()

    def _capture_bar_text(self) -> None:
        """Queue the bar's new text for the writer, which commits it at once.

        Text still being saved stays at the start of the bar until it is on disk, so anything typed after
        it (in the millisecond or so a commit takes) is a finding of its own.
        """
        submitted = self.capture_input.value
        for earlier in self._in_flight:
            if submitted.startswith(earlier):
                submitted = submitted[len(earlier):]
        if not submitted.strip():
            return
        if self.record is None:
            self.app.notify("Still opening the event; your text is kept. Press Enter again in a moment.",
                            severity="warning")
            return
        phase = self.current_phase
        try:
            finding = Finding(
                kind=self.kind,
                text=submitted.strip(),
                learning_point_id=phase.learning_point_id if phase else None,
                agency=self.agency_input.value,
                phase_id=phase.id if phase else None,
            )
        except ValidationError as error:
            self.app.notify("Not saved: " + "; ".join(validation_messages(error)), severity="error", timeout=10)
            return
        self._in_flight.append(submitted)
        if self._draft_timer is not None:
            # The draft is written once the capture is settled (cleared on success, kept on failure), so
            # the durable commit of the finding does not queue behind a draft write.
            self._draft_timer.stop()
            self._draft_timer = None
        self.capture_writer.submit((finding, submitted))

    def _save_finding(self, item: tuple[Finding, str]) -> Finding:
        """Runs on the capture writer's thread; returns once the row is committed."""
        finding, _submitted = item
        return self.store.add_finding(self.event_id, finding)

    @on(CaptureWriter.Saved)
    async def _capture_saved(self, message: CaptureWriter.Saved) -> None:
        """The finding is on disk: show it, and take its text out of the bar."""
        finding: Finding = message.saved
        _queued, submitted = message.item
        self._settled(submitted)
        self.findings[finding.id] = finding
        bar = self.capture_input
        if bar.value.startswith(submitted):
            bar.value = bar.value[len(submitted):].lstrip()
        elif bar.value.endswith(submitted):  # text before it failed to save and stays in the bar
            bar.value = bar.value[: -len(submitted)].rstrip()
        self.save_draft_now()
        phase = self.current_phase
        if finding.phase_id == (phase.id if phase else None):
            await self.query_one(FindingsList).add_finding(finding)
        self._show_count()

    @on(CaptureWriter.Failed)
    def _capture_failed(self, message: CaptureWriter.Failed) -> None:
        _finding, submitted = message.item
        self._settled(submitted)
        self.save_draft_now()  # the text stays in the bar, and as the draft, until it can be saved
        self.app.notify(f"Not saved, and still in the bar: {message.error}", severity="error", timeout=15)

    def _settled(self, submitted: str) -> None:
        if submitted in self._in_flight:
            self._in_flight.remove(submitted)

    def action_cycle_kind(self) -> None:
        self.kind = next_kind(self.kind)
        self.query_one(KindLabel).kind = self.kind

    @on(KindLabel.Clicked)
    def _kind_clicked(self) -> None:
        self.action_cycle_kind()
        self.capture_input.focus()

    @on(Input.Submitted, "#agency")
    def _agency_done(self, event: Input.Submitted) -> None:
        event.stop()
        self.capture_input.focus()

    # ------------------------------------------------------------------ phases

    def action_next_phase(self) -> None:
        self._go_to_phase(self.phase_index + 1)

    def action_previous_phase(self) -> None:
        self._go_to_phase(self.phase_index - 1)

    def _go_to_phase(self, index: int) -> None:
        if self.record is None or not self.phases:
            return
        if not 0 <= index < len(self.phases):
            self.app.bell()
            self.app.notify("This is the last phase." if index > 0 else "This is the first phase.", timeout=3)
            return
        self._save_phase_time()
        self.phase_index = index
        phase = self.phases[index]
        if self.timer is not None:
            self.timer.switch_to(self.phase_elapsed.get(phase.id, phase.elapsed_seconds))
        self._last_time_save = self.clock()
        self.kind = default_kind(phase.kind)
        self._remember_phase()
        self.save_draft_now()
        self.run_worker(self._show_phase, group="show-phase", exclusive=True)

    def _remember_phase(self) -> None:
        phase = self.current_phase
        self._writes.offer("phase", phase.id if phase else None)
        self._flush_in_worker("phase", partial(self.store.set_current_phase, self.event_id), "current phase")

    # ------------------------------------------------------------------ focus

    def action_focus_capture(self) -> None:
        self.capture_input.focus()

    def action_focus_agency(self) -> None:
        self.agency_input.focus()

    def action_focus_ratings(self) -> None:
        self.query_one(RatingPanel).focus()

    def action_focus_findings(self) -> None:
        findings = self.query_one(FindingsList)
        if findings.finding_ids():
            findings.focus()
        else:
            self.app.notify("No findings in this phase yet.", timeout=3)

    def action_leave(self) -> None:
        self.dismiss(None)

    def action_export_briefing(self) -> None:
        """Open the export screen for this event; every capture is already saved, so nothing waits."""
        self.app.open_export(self.event_id)  # type: ignore[attr-defined]

    @on(FindingsList.LeaveRequested)
    @on(RatingPanel.LeaveRequested)
    def _back_to_capture(self) -> None:
        self.capture_input.focus()

    # ------------------------------------------------------------------ edit, delete, undo

    @on(FindingsList.EditRequested)
    def _edit(self, event: FindingsList.EditRequested) -> None:
        original = event.finding

        def edited(text: str | None) -> None:
            if text is None:
                return
            changed = original.model_copy()
            try:
                changed.text = text.strip()
            except ValidationError as error:
                self.app.notify("Not saved: " + "; ".join(validation_messages(error)), severity="error")
                return
            self._run_store_change(
                partial(self.store.update_finding, changed),
                partial(self._finding_replaced, note="Edited. ctrl+z undoes it."),
                UndoStep("edit", partial(self.store.update_finding, original),
                         partial(self._finding_replaced, note="Edit undone.")),
            )

        self.app.push_screen(EditFindingDialog(original.text, SHORT_KIND_NAMES[original.kind]), edited)

    @on(FindingsList.DeleteRequested)
    def _delete(self, event: FindingsList.DeleteRequested) -> None:
        finding = event.finding
        self._run_store_change(
            partial(self.store.delete_finding, finding.id),
            lambda _result: self._finding_removed(finding),
            UndoStep("delete", partial(self.store.restore_finding, finding.id),
                     lambda _result: self._finding_restored(finding)),
        )

    async def _finding_replaced(self, finding: Finding, note: str) -> None:
        self.findings[finding.id] = finding
        self.query_one(FindingsList).replace_finding(finding)
        self.app.notify(note, timeout=3)

    async def _finding_removed(self, finding: Finding) -> None:
        self.findings.pop(finding.id, None)
        findings = self.query_one(FindingsList)
        await findings.remove_finding(finding.id)
        self._show_count()
        if not findings.finding_ids():
            self.capture_input.focus()
        self.app.notify("Deleted. ctrl+z brings it back.", timeout=4)

    async def _finding_restored(self, finding: Finding) -> None:
        self.findings[finding.id] = finding
        phase = self.current_phase
        if finding.phase_id == (phase.id if phase else None):
            await self.query_one(FindingsList).add_finding(finding)
        self._show_count()
        self.app.notify("Finding restored.", timeout=3)

    def _run_store_change(self, change: Callable[[], Any], after: Callable[[Any], Any], undo: UndoStep | None) -> None:
        """Run a store call in a worker; only once it has returned, update the screen and remember the undo."""

        def work_in_thread() -> None:
            try:
                result = change()
            except Exception as error:  # noqa: BLE001
                self.app.call_from_thread(self.app.notify, f"Not saved: {error}", severity="error", timeout=10)
                return
            self.app.call_from_thread(self._after_store_change, after, result, undo)

        self.run_worker(work_in_thread, thread=True, group="store-change", exit_on_error=False)

    async def _after_store_change(self, after: Callable[[Any], Any], result: Any, undo: UndoStep | None) -> None:
        if undo is not None:
            self.undo_stack.append(undo)
            del self.undo_stack[:-UNDO_LIMIT]
        outcome = after(result)
        if hasattr(outcome, "__await__"):
            await outcome

    def action_undo(self) -> None:
        """Undo the last store change (delete, edit, rating, action); the bar's own text is never touched."""
        if not self.undo_stack:
            self.app.notify("Nothing to undo.", timeout=3)
            return
        step = self.undo_stack.pop()
        if step.description == "rating":
            step.after(step.revert())
            return
        self._run_store_change(step.revert, step.after, None)

    # ------------------------------------------------------------------ ratings

    @on(RatingPanel.VoteRequested)
    def _vote(self, event: RatingPanel.VoteRequested) -> None:
        previous = self._rating_for(event.learning_point_id)
        changed = previous.with_vote(event.stage, event.score, event.delta)
        if changed.tallies(event.stage) == previous.tallies(event.stage):
            self.app.bell()
            return
        self._set_rating(changed, previous)

    @on(RatingPanel.RagRequested)
    def _rag(self, event: RatingPanel.RagRequested) -> None:
        previous = self._rating_for(event.learning_point_id)
        if previous.rag == event.rag:
            return
        self._set_rating(previous.model_copy(update={"rag": event.rag, "updated_at": utc_now()}), previous)

    def _rating_for(self, learning_point_id: uuid.UUID) -> Rating:
        return self.ratings.get(learning_point_id) or Rating(learning_point_id=learning_point_id)

    def _set_rating(self, rating: Rating, previous: Rating, *, remember: bool = True) -> None:
        """Show the new rating at once (marked 'saving…') and write it; the newest value per point wins."""
        point_id = rating.learning_point_id
        self.ratings[point_id] = rating
        self.unsaved_ratings.add(point_id)
        if remember:
            self.undo_stack.append(
                UndoStep("rating", lambda: previous, lambda old: self._set_rating(old, rating, remember=False))
            )
            del self.undo_stack[:-UNDO_LIMIT]
        self._refresh_ratings()
        key = ("rating", point_id)
        self._writes.offer(key, rating)

        def flush() -> None:
            try:
                written = self._writes.flush(key, partial(self.store.save_rating, self.event_id))
            except Exception as error:  # noqa: BLE001
                self.app.call_from_thread(self._rating_failed, point_id, str(error))
                return
            if written is not None:
                self.app.call_from_thread(self._rating_saved, *written)

        self.run_worker(flush, thread=True, group="write-rating", exit_on_error=False)

    def _rating_saved(self, written: Rating, saved: Rating) -> None:
        point_id = written.learning_point_id
        self.committed_ratings[point_id] = saved
        if self.ratings.get(point_id) is written:
            self.ratings[point_id] = saved
            self.unsaved_ratings.discard(point_id)
        self._refresh_ratings()

    def _rating_failed(self, point_id: uuid.UUID, message: str) -> None:
        committed = self.committed_ratings.get(point_id)
        if committed is None:
            self.ratings.pop(point_id, None)
        else:
            self.ratings[point_id] = committed
        self.unsaved_ratings.discard(point_id)
        self._refresh_ratings()
        self.app.notify(f"Rating not saved: {message}", severity="error", timeout=10)

    def _refresh_ratings(self) -> None:
        self.query_one(RatingPanel).show_ratings(self.points, self.ratings, self.unsaved_ratings, self.point_labels)

    # ------------------------------------------------------------------ actions

    def action_new_action(self) -> None:
        if self.record is None:
            return

        def saved(action: Action | None) -> None:
            if action is None:
                self.capture_input.focus()
                return
            self.actions.append(action)
            self.undo_stack.append(
                UndoStep("action", partial(self.store.delete_action, action.id),
                         lambda _result: self._action_removed(action))
            )
            self.app.notify(f"Action saved ({len(self.actions)} in this event). ctrl+z removes it.", timeout=4)
            self.capture_input.focus()

        point = self.current_point
        label = self.point_labels.get(point.id, "") if point else ""
        self.app.push_screen(ActionDialog(self.event_id, self.agencies, point, label), saved)

    def _action_removed(self, action: Action) -> None:
        self.actions = [a for a in self.actions if a.id != action.id]
        self.app.notify("Action removed.", timeout=3)
