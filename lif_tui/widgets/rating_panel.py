"""RAG rating and confidence tallies per learning point, entered with the number keys.

The panel holds only view state (which learning point, which stage, add or remove). Votes and RAG
choices go to the screen as messages; the screen saves them and hands the panel the new ratings.
"""

from __future__ import annotations

import uuid

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from lif_tui.models import RAG, ConfidenceStage, LearningPoint, Rating, tally_median

RAG_WORDS: dict[RAG | None, str] = {RAG.RED: "RED", RAG.AMBER: "AMBER", RAG.GREEN: "GREEN", None: "not set"}
"""RAG is always written as a word; colour only reinforces it."""

_HEAD_LINES = 6
"""Lines above the per-learning-point summary, so a click there can pick a learning point."""


def _fit(text: str, width: int) -> str:
    """Shorten from the left: the end ("… A LP1") is what tells learning points apart."""
    return text if len(text) <= width else "…" + text[len(text) - max(1, width - 1):]


def format_median(tallies: dict[int, int]) -> str:
    median = tally_median(tallies)
    if median is None:
        return "–"
    return f"{median:g}"


class RatingPanel(Widget, can_focus=True):
    """Tallies for one learning point at a time; a summary line for every learning point below."""

    HELP_TITLE = "Rating panel (ctrl+r)"

    COMPONENT_CLASSES = {
        "rating-panel--red",
        "rating-panel--amber",
        "rating-panel--green",
        "rating-panel--stage",
        "rating-panel--remove",
        "rating-panel--dim",
        "rating-panel--selected",
    }

    BINDINGS = [
        Binding("1", "vote(1)", "Vote", key_display="1-5", id="ratings.vote"),
        Binding("2", "vote(2)", "Vote 2", show=False, id="ratings.vote2"),
        Binding("3", "vote(3)", "Vote 3", show=False, id="ratings.vote3"),
        Binding("4", "vote(4)", "Vote 4", show=False, id="ratings.vote4"),
        Binding("5", "vote(5)", "Vote 5", show=False, id="ratings.vote5"),
        Binding("minus", "toggle_remove", "Remove a vote", key_display="-", id="ratings.remove"),
        Binding("b", "stage('before')", "Before", id="ratings.before"),
        Binding("a", "stage('after')", "After", id="ratings.after"),
        Binding("r", "rag('red')", "Red", id="ratings.red"),
        Binding("y", "rag('amber')", "Amber", id="ratings.amber"),
        Binding("g", "rag('green')", "Green", id="ratings.green"),
        Binding("x", "rag('')", "Clear RAG", id="ratings.clear"),
        Binding("up,left", "move(-1)", "Previous LP", show=False, id="ratings.previous"),
        Binding("down,right", "move(1)", "Next LP", show=False, id="ratings.next"),
        Binding("escape", "leave", "Back to capture", id="ratings.leave"),
    ]

    class VoteRequested(Message):
        """Add (delta 1) or remove (delta -1) one vote for `score` at `stage`."""

        def __init__(self, learning_point_id: uuid.UUID, stage: ConfidenceStage, score: int, delta: int) -> None:
            super().__init__()
            self.learning_point_id = learning_point_id
            self.stage = stage
            self.score = score
            self.delta = delta

    class RagRequested(Message):
        def __init__(self, learning_point_id: uuid.UUID, rag: RAG | None) -> None:
            super().__init__()
            self.learning_point_id = learning_point_id
            self.rag = rag

    class LeaveRequested(Message):
        """Escape in the panel: the screen puts focus back on the capture bar."""

    stage: reactive[ConfidenceStage] = reactive(ConfidenceStage.BEFORE)
    removing: reactive[bool] = reactive(False)
    selected: reactive[int] = reactive(0)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.points: list[LearningPoint] = []
        self.ratings: dict[uuid.UUID, Rating] = {}
        self.unsaved: set[uuid.UUID] = set()
        self.labels: dict[uuid.UUID, str] = {}

    # ------------------------------------------------------------------ data from the screen

    def show_ratings(
        self,
        points: list[LearningPoint],
        ratings: dict[uuid.UUID, Rating],
        unsaved: set[uuid.UUID],
        labels: dict[uuid.UUID, str] | None = None,
    ) -> None:
        """`labels` name each point ("LP2", or "Child V LP2" when several reviews share numbers)."""
        self.points = points
        self.labels = labels or {}
        self.ratings = ratings
        self.unsaved = unsaved
        self.selected = min(self.selected, max(0, len(points) - 1))
        self.refresh()

    def select_point(self, learning_point_id: uuid.UUID | None) -> None:
        for index, point in enumerate(self.points):
            if point.id == learning_point_id:
                self.selected = index
                return

    @property
    def current_point(self) -> LearningPoint | None:
        return self.points[self.selected] if self.points else None

    # ------------------------------------------------------------------ actions

    def action_vote(self, score: int) -> None:
        point = self.current_point
        if point is None:
            self.app.bell()
            return
        self.post_message(self.VoteRequested(point.id, self.stage, score, -1 if self.removing else 1))
        self.removing = False

    def action_toggle_remove(self) -> None:
        self.removing = not self.removing

    def action_stage(self, stage: str) -> None:
        self.stage = ConfidenceStage(stage)

    def action_rag(self, rag: str) -> None:
        point = self.current_point
        if point is None:
            self.app.bell()
            return
        self.post_message(self.RagRequested(point.id, RAG(rag) if rag else None))

    def action_move(self, step: int) -> None:
        if self.points:
            self.selected = (self.selected + step) % len(self.points)

    def action_leave(self) -> None:
        self.removing = False
        self.post_message(self.LeaveRequested())

    def on_click(self, event: events.Click) -> None:
        """A click on a learning point's summary line selects it."""
        line = event.y - self.gutter.top - _HEAD_LINES
        if 0 <= line < len(self.points):
            self.selected = line

    # ------------------------------------------------------------------ rendering

    def _label(self, point: LearningPoint) -> str:
        return self.labels.get(point.id, point.label)

    def _rag_style(self, rag: RAG | None):
        if rag is None:
            return self.get_component_rich_style("rating-panel--dim")
        return self.get_component_rich_style(f"rating-panel--{rag.value}")

    def render(self) -> Text:
        point = self.current_point
        if point is None:
            return Text("No learning points: link a review in set-up to rate.", style="italic")
        rating = self.ratings.get(point.id)
        rag = rating.rag if rating else None
        room = max(20, self.content_size.width or 34)
        text = Text()
        text.append(_fit(self._label(point), room - 16), style="bold")
        text.append("  RAG ")
        text.append(RAG_WORDS[rag], style=self._rag_style(rag))
        if point.id in self.unsaved:
            text.append("  saving…", style=self.get_component_rich_style("rating-panel--dim"))
        text.append("\n")
        text.append("Confidence  1  2  3  4  5  med\n", style=self.get_component_rich_style("rating-panel--dim"))
        for stage in (ConfidenceStage.BEFORE, ConfidenceStage.AFTER):
            tallies = rating.tallies(stage) if rating else {score: 0 for score in range(1, 6)}
            active = stage is self.stage
            marker = "▸" if active else " "
            row = f"{marker}{stage.value.capitalize():<10}" + "".join(f"{tallies[s]:>3}" for s in range(1, 6))
            row += f"{format_median(tallies):>5}\n"
            text.append(row, style=self.get_component_rich_style("rating-panel--stage") if active else "")
        if self.removing:
            text.append(f"REMOVE: 1-5 takes a vote off {self.stage.value}\n",
                        style=self.get_component_rich_style("rating-panel--remove"))
        else:
            text.append(f"1-5 adds to {self.stage.value.upper()}, - removes\n",
                        style=self.get_component_rich_style("rating-panel--dim"))
        width = min(max(len(self._label(p)) for p in self.points), room - 21) + 1
        text.append(f"{'LP':<{width + 1}}{'RAG':<7}{'before→after':>12}\n",
                    style=self.get_component_rich_style("rating-panel--dim"))
        for index, each in enumerate(self.points):
            each_rating = self.ratings.get(each.id)
            each_rag = each_rating.rag if each_rating else None
            before = format_median(each_rating.confidence_before) if each_rating else "–"
            after = format_median(each_rating.confidence_after) if each_rating else "–"
            selected = index == self.selected
            line_style = self.get_component_rich_style("rating-panel--selected") if selected else ""
            text.append(f"{'▸' if selected else ' '}{_fit(self._label(each), width - 1):<{width}}", style=line_style)
            text.append(f"{RAG_WORDS[each_rag]:<7}", style=self._rag_style(each_rag))
            text.append(f"{before:>5} → {after:<4}\n", style=line_style)
        text.rstrip()
        return text

    def watch_stage(self) -> None:
        self.refresh()

    def watch_removing(self) -> None:
        self.refresh()

    def watch_selected(self) -> None:
        self.refresh()
