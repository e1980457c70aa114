"""Did the learning stick? One review's learning points, rated at each event that revisited it.

Left: the reviews, most revisited first. Right: for each learning point, a table of events in date order
with the RAG rating and the confidence medians drawn as bars, and whether things improved.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from lif_tui.db.trends import PointTrend, ReviewTrend, ReviewUsage, review_trend, reviews_with_events
from lif_tui.screens.archive_format import ARCHIVE_CSS, clip, confidence_bar, rag_text

if TYPE_CHECKING:
    from lif_tui.app import LifApp

DIRECTION_TEXT = {
    "improved": ("▲ improved", "bold green"),
    "worse": ("▼ worse", "bold red"),
    "same": ("● no change", "bold"),
}


class TrendsScreen(Screen[None]):
    """Choose a review on the left; its learning points' ratings across events fill the right."""

    HELP_TITLE = "Trends"
    CSS_PATH = ARCHIVE_CSS
    BINDINGS = [
        Binding("tab", "switch_side", "Reviews/points", id="trends.switch", priority=True,
                tooltip="Move between the list of reviews and the learning points"),
        Binding("escape", "back", "Back", id="trends.back", tooltip="Back to past events"),
    ]

    def __init__(self, review_id: uuid.UUID | None = None) -> None:
        super().__init__(id="trends", classes="archive-screen")
        self.review_id = review_id
        self.usages: list[ReviewUsage] = []
        self.trend: ReviewTrend | None = None

    @property
    def lif(self) -> "LifApp":
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="trends-main"):
            yield OptionList(id="trends-reviews")
            with VerticalScroll(id="trends-body"):
                yield Static("Loading…", id="trends-heading", markup=False)
                yield Static("", id="trends-points")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#trends-reviews").border_title = "Reviews (events)"
        self.query_one("#trends-reviews").focus()
        self.lif.run_store(reviews_with_events, self.lif.store, on_done=self._show_reviews, description="load the reviews")

    def _show_reviews(self, usages: list[ReviewUsage]) -> None:
        self.usages = usages
        options = self.query_one("#trends-reviews", OptionList)
        options.clear_options()
        if not usages:
            self.query_one("#trends-heading", Static).update(
                "No reviews yet. Link a review to an event in set-up; once two events have revisited it, "
                "this screen shows whether its learning stuck."
            )
            return
        options.add_options(
            Option(
                Text.assemble(
                    (usage.pseudonym, "bold" if usage.event_count > 1 else ""),
                    (f" ({usage.event_count})", "dim"),
                    no_wrap=True,
                    overflow="ellipsis",
                ),
                id=str(usage.review_id),
            )
            for usage in usages
        )
        wanted = next((i for i, u in enumerate(usages) if u.review_id == self.review_id), 0)
        options.highlighted = wanted
        self._load(usages[wanted].review_id)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id and (self.trend is None or str(self.trend.review_id) != event.option.id):
            self._load(uuid.UUID(event.option.id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.query_one("#trends-body").focus()

    def _load(self, review_id: uuid.UUID) -> None:
        self.review_id = review_id
        self.lif.run_store(review_trend, self.lif.store, review_id, on_done=self._show_trend,
                           description="load the trend", group="trends-load", exclusive=True)

    def _show_trend(self, trend: ReviewTrend) -> None:
        if trend.review_id != self.review_id:
            return
        self.trend = trend
        events = trend.events
        if len(events) > 1:
            span = f"{events[0].event_date:%b %Y} to {events[-1].event_date:%b %Y}"
            heading = f"{trend.pseudonym}: {len(events)} events, {span}. Confidence is the median of 1-5 votes."
        else:
            heading = (
                f"{trend.pseudonym}: revisited by one event so far. When a later event revisits it, each "
                "learning point's ratings line up here in date order."
            )
        self.query_one("#trends-heading", Static).update(heading)
        self.query_one("#trends-points", Static).update(self._render_points(trend))
        self.query_one("#trends-body", VerticalScroll).scroll_home(animate=False)

    def _render_points(self, trend: ReviewTrend) -> Table:
        width = max(40, self.query_one("#trends-body").size.width - 2)
        outer = Table.grid(padding=(0, 0))
        outer.add_column()
        for point in trend.points:
            outer.add_row(self._point_title(point, width))
            outer.add_row(self._point_table(point, width))
            change = self._point_change(point)
            if change.plain:
                outer.add_row(change)
            outer.add_row("")
        if not trend.points:
            outer.add_row(Text("This review has no learning points yet.", style="dim"))
        return outer

    @staticmethod
    def _point_title(point: PointTrend, width: int) -> Text:
        lp = point.learning_point
        title = Text(f"{lp.label} ", style="bold")
        title.append(clip(lp.text, max(10, width - len(title.plain))), style="bold")
        return title

    @staticmethod
    def _point_change(point: PointTrend) -> Text:
        """"▲ improved: amber → green, confidence 3 → 4", or nothing until two events have rated it."""
        direction = point.direction()
        if not direction:
            return Text("")
        words, style = DIRECTION_TEXT[direction]
        rated = [cell for cell in point.cells if cell.rated]
        first, last = rated[0], rated[-1]
        text = Text(words, style=style)
        if first.rag and last.rag:
            text.append(f": RAG {first.rag} → {last.rag}")
        series = [value for value in point.confidence_series() if value is not None]
        if len(series) >= 2:
            text.append(f"{',' if first.rag and last.rag else ':'} confidence {series[0]:g} → {series[-1]:g}")
        return text

    @staticmethod
    def _point_table(point: PointTrend, width: int) -> Table:
        wide = width >= 80
        table = Table(box=None, padding=(0, 1), show_edge=False, header_style="bold")
        table.add_column("Date", no_wrap=True)
        if wide:
            table.add_column("Event", no_wrap=True, max_width=max(10, width - 70))
        table.add_column("RAG", no_wrap=True)
        table.add_column("Before", no_wrap=True)
        table.add_column("After", no_wrap=True)
        bar = 10 if wide else 5
        for cell in point.cells:
            row = [cell.event.event_date.strftime("%b %Y" if wide else "%b %y")]
            if wide:
                row.append(clip(cell.event.title, max(10, width - 70)))
            if cell.rated:
                row += [
                    rag_text(cell.rag),
                    confidence_bar(cell.median_before, cell.votes_before if wide else 0, width=bar),
                    confidence_bar(cell.median_after, cell.votes_after if wide else 0, width=bar),
                ]
            else:
                row += [Text("not rated", style="dim"), Text(""), Text("")]
            table.add_row(*row)
        return table

    def on_resize(self) -> None:
        if self.trend is not None:
            self.query_one("#trends-points", Static).update(self._render_points(self.trend))

    def action_switch_side(self) -> None:
        reviews = self.query_one("#trends-reviews")
        (self.query_one("#trends-body") if reviews.has_focus else reviews).focus()

    def action_back(self) -> None:
        self.dismiss(None)
