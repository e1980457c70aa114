"""The capture bar: the kind of the next finding, the text box that has focus, and the agency tag."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import reactive
from textual.suggester import SuggestFromList
from textual.widgets import Input, Static

from lif_tui.models import FindingKind, PhaseKind

KIND_ORDER: tuple[FindingKind, ...] = tuple(FindingKind)
"""The order the kind key cycles through, as DESIGN.md lists them."""

KIND_CLASSES: dict[FindingKind, str] = {
    FindingKind.CHANGED: "-changed",
    FindingKind.EVIDENCE: "-evidence",
    FindingKind.GOOD_PRACTICE: "-good-practice",
    FindingKind.BARRIER: "-barrier",
    FindingKind.VOICE: "-voice",
    FindingKind.KEY_MESSAGE: "-key-message",
}
"""CSS classes that colour a kind; the kind's name is always written too, so colour is never the only cue."""

SHORT_KIND_NAMES: dict[FindingKind, str] = {
    FindingKind.CHANGED: "Changed",
    FindingKind.EVIDENCE: "Evidence",
    FindingKind.GOOD_PRACTICE: "Good practice",
    FindingKind.BARRIER: "Barrier",
    FindingKind.VOICE: "Voice",
    FindingKind.KEY_MESSAGE: "Key message",
}


def default_kind(phase_kind: PhaseKind) -> FindingKind:
    """What people mostly say in each phase, so the facilitator rarely has to switch kind."""
    return {
        PhaseKind.VOICE: FindingKind.VOICE,
        PhaseKind.BARRIERS: FindingKind.BARRIER,
        PhaseKind.CLOSE: FindingKind.KEY_MESSAGE,
    }.get(phase_kind, FindingKind.CHANGED)


def next_kind(kind: FindingKind) -> FindingKind:
    return KIND_ORDER[(KIND_ORDER.index(kind) + 1) % len(KIND_ORDER)]


class KindLabel(Static):
    """Shows the current kind in words and colour; a click cycles it, like the kind key."""

    class Clicked(Message):
        """The kind label was clicked: the screen cycles the kind."""

    kind: reactive[FindingKind] = reactive(FindingKind.CHANGED)

    def render(self) -> str:
        return self.kind.value.capitalize()

    def watch_kind(self, kind: FindingKind) -> None:
        for name in KIND_CLASSES.values():
            self.remove_class(name)
        self.add_class(KIND_CLASSES[kind])

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Clicked())


class CaptureInput(Input):
    """The finding box. Enter runs the screen's `capture` action directly, as a priority binding.

    Why not Input.Submitted: that message bubbles through three message queues before the screen sees
    it, and the time from Enter to the committed row is what a facilitator feels in a fast discussion.
    The binding is only active while this box has focus.
    """

    HELP_TITLE = "Capture bar (esc)"
    BINDINGS = [
        Binding("enter", "screen.capture", "Save finding", priority=True, show=False, id="capture.save",
                tooltip="Save the text in the capture bar as a finding of the current kind."),
    ]


class CaptureBar(Horizontal):
    """Kind, finding text and agency on one three-line row at the foot of the screen."""

    DEFAULT_CSS = """
    CaptureBar { height: 3; }
    CaptureBar KindLabel { width: 22; height: 3; border: tall $accent; content-align: center middle;
                           text-style: bold; text-wrap: nowrap; text-overflow: ellipsis; }
    CaptureBar #capture { width: 1fr; }
    CaptureBar #agency { width: 26; }
    """

    def __init__(self, agencies: list[str] | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._agencies = agencies or []

    def compose(self) -> ComposeResult:
        kind = KindLabel(id="kind")
        kind.border_title = "kind"
        kind.border_subtitle = "^t"
        yield kind
        # Not select-on-focus: a restored draft must not be replaced by the next key pressed.
        capture = CaptureInput(
            placeholder="Type a finding, Enter saves it", id="capture", max_length=20_000, select_on_focus=False
        )
        capture.border_title = "finding"
        yield capture
        agency = Input(
            placeholder="agency",
            id="agency",
            max_length=300,
            suggester=SuggestFromList(self._agencies, case_sensitive=False),
        )
        agency.border_title = "agency ^g"
        yield agency

    def set_agencies(self, agencies: list[str]) -> None:
        self._agencies = agencies
        self.query_one("#agency", Input).suggester = SuggestFromList(agencies, case_sensitive=False)
