"""The phase clock and the header that shows the phase, its timer and the learning point under discussion.

Time comes from an injectable monotonic clock (`app.clock`), so tests advance a fake clock instead of
sleeping, and a restart resumes from the elapsed seconds the store kept.
"""

from __future__ import annotations

import math
from typing import Callable

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Label

from lif_tui.models import LearningPoint, Phase, PhaseKind


def prompt_without(prompt: str, point: LearningPoint | None) -> str:
    """The prompt minus any paragraph that repeats the learning point, which the header already shows."""
    if point is None:
        return prompt.strip()
    paragraphs = [part.strip() for part in prompt.split("\n\n")]
    kept = [part for part in paragraphs if part and point.text.strip() not in part]
    return "\n\n".join(kept)


def format_duration(seconds: float) -> str:
    """12:03 under an hour, 1:02:11 from an hour: what a wall clock shows, no units to read."""
    whole = int(max(0.0, seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class PhaseClock:
    """Elapsed time of the current phase: what was stored plus the stretch since the clock last started."""

    def __init__(self, clock: Callable[[], float], elapsed: float = 0.0, *, running: bool = False) -> None:
        self._clock = clock
        self._base = max(0.0, elapsed)
        self._started: float | None = clock() if running else None

    @property
    def running(self) -> bool:
        return self._started is not None

    def elapsed(self) -> float:
        if self._started is None:
            return self._base
        return self._base + max(0.0, self._clock() - self._started)

    def start(self) -> None:
        if self._started is None:
            self._started = self._clock()

    def pause(self) -> None:
        self._base = self.elapsed()
        self._started = None

    def switch_to(self, elapsed: float) -> None:
        """Carry on counting (or stay paused) on another phase that has already used `elapsed` seconds."""
        running = self.running
        self._base = max(0.0, elapsed)
        self._started = self._clock() if running else None


PHASE_KIND_LABELS: dict[PhaseKind, str] = {
    PhaseKind.WELCOME: "Welcome",
    PhaseKind.RECAP: "Recap",
    PhaseKind.VOICE: "Voice of the child",
    PhaseKind.LEARNING_POINT: "Learning point",
    PhaseKind.BARRIERS: "Barriers",
    PhaseKind.ACTIONS: "Actions",
    PhaseKind.CLOSE: "Close",
}


class PhaseHeader(Vertical):
    """Three lines: where we are in the agenda, the timers, and the learning point under discussion."""

    DEFAULT_CSS = """
    PhaseHeader { height: 3; }
    PhaseHeader > Horizontal { height: 1; }
    PhaseHeader Label { width: auto; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def compose(self) -> ComposeResult:
        with Horizontal(id="phase-line"):
            yield Label("Loading the event…", id="phase-position")
            yield Label("", id="phase-title")
            yield Label("", id="event-title")
            yield Label("", id="event-status")
        with Horizontal(id="timer-line"):
            yield Label("", id="timer-phase")
            yield Label("", id="timer-overrun")
            yield Label("", id="timer-event")
            yield Label("", id="timer-state")
        yield Label("", id="learning-point")

    def show_phase(
        self,
        phase: Phase,
        position: int,
        count: int,
        point: LearningPoint | None,
        point_label: str,
        point_count: int,
        event_title: str,
        event_label: str,
    ) -> None:
        self.query_one("#phase-position", Label).update(f" Phase {position} of {count} ")
        self.query_one("#phase-title", Label).update(f" {PHASE_KIND_LABELS[phase.kind]} · {phase.title}")
        self.query_one("#event-title", Label).update(event_title)
        self.query_one("#event-status", Label).update(event_label)
        line = self.query_one("#learning-point", Label)
        if point is not None:
            line.update(f" {point_label} · {point.text}")
            line.set_class(False, "-none")
        else:
            count = f"{point_count} learning point{'s' if point_count != 1 else ''}"
            line.update(f" No single learning point in this phase · {count} to rate with ctrl+r")
            line.set_class(True, "-none")

    def show_time(
        self, elapsed: float, planned_minutes: int, event_used: float, event_planned_minutes: int, running: bool
    ) -> None:
        planned = planned_minutes * 60
        self.query_one("#timer-phase", Label).update(
            f" Phase {format_duration(elapsed)} of {format_duration(planned)} "
        )
        overrun = self.query_one("#timer-overrun", Label)
        over = elapsed - planned
        if over >= 1:
            overrun.update(f" +{format_duration(over)} over ")
        else:
            overrun.update(f" {format_duration(math.ceil(-over))} left ")
        overrun.set_class(over >= 1, "-over")
        event_planned = event_planned_minutes * 60
        self.query_one("#timer-event", Label).update(
            f" Event {format_duration(event_used)} of {format_duration(event_planned)} "
        )
        state = self.query_one("#timer-state", Label)
        state.update(" running ^s pauses " if running else " PAUSED ^s resumes ")
        state.set_class(not running, "-paused")
