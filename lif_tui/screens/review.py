"""Past events: every event with filters, and full-text search across everything recorded.

With the search box empty the screen lists events (newest first); typing in it switches to ranked
search results with the matches highlighted. Both lists arrive a page at a time from thread workers, and
the next page is fetched only when the cursor nears the end, so an archive of 500 events and 100,000
findings opens at once and scrolls without ever being loaded whole.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import ContentSwitcher, DataTable, Footer, Header, Input, Static

from lif_tui.db.browse import ArchiveFilter, browse_events, count_matching_events, filter_choices
from lif_tui.db.search import ArchiveHit, count_hits, search_archive
from lif_tui.screens.archive_format import ARCHIVE_CSS, clip, marked_text

if TYPE_CHECKING:
    from lif_tui.app import LifApp
    from lif_tui.db.bundle_merge import MergeReport
    from lif_tui.db.browse import FilterChoices
    from lif_tui.models import EventSummary

EVENTS_PAGE = 100
HITS_PAGE = 50
FETCH_AHEAD = 15
"""Fetch the next page when the cursor comes this close to the last loaded row."""
SEARCH_DELAY = 0.25
"""Seconds after the last keystroke before searching, so typing never waits on a query."""


class ReviewScreen(Screen[None]):
    """Browse, filter and search past events; enter opens one read-only at the chosen item."""

    HELP_TITLE = "Past events"
    CSS_PATH = ARCHIVE_CSS
    AUTO_FOCUS = None
    BINDINGS = [
        Binding("enter", "open", "Open", id="review.open", priority=True,
                tooltip="Search (in the search box), or open the selected event read-only at the selected item"),
        Binding("slash", "focus_search", "Search", id="review.search",
                tooltip="Type words, \"a phrase\" or a prefix* to search every finding, action and learning point"),
        Binding("f", "filters", "Filters", id="review.filters",
                tooltip="Narrow by review, theme, date range, status, agency or words"),
        Binding("c", "clear", "Clear", show=False, id="review.clear", tooltip="Clear the search and every filter"),
        Binding("t", "trends", "Trends", id="review.trends",
                tooltip="Ratings of a review's learning points across the events that revisited it"),
        Binding("a", "show_actions", "Actions", id="review.actions",
                tooltip="Every action across every event: overdue first, update status, add notes"),
        Binding("i", "import_bundles", "Import", show=False, id="review.import",
                tooltip="Import JSON bundles exported on another laptop (the newer copy of each row wins)"),
        Binding("b", "export_bundle", "Bundle", show=False, id="review.bundle",
                tooltip="Save the selected event as a JSON bundle, to move it to another laptop"),
        Binding("escape", "back", "Back", id="review.back",
                tooltip="Leave the search box, clear the search, or go back to the home screen"),
    ]

    def __init__(self, initial_query: str | None = None) -> None:
        super().__init__(id="review", classes="archive-screen")
        self.initial_query = initial_query
        self.filters = ArchiveFilter()
        self.events: list[EventSummary] = []
        self.hits: list[ArchiveHit] = []
        self.query_text = ""
        self._events_done = False
        self._hits_done = False
        self._loading = False
        self._generation = 0
        self._total: int | None = None
        self._search_timer: Timer | None = None
        self._choices: FilterChoices | None = None

    @property
    def lif(self) -> "LifApp":
        return self.app  # type: ignore[return-value]

    # ----------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="review-searchbar"):
            yield Static("Search", id="review-search-label")
            yield Input(
                self.initial_query or "",
                id="review-search",
                placeholder='words, "a phrase" or prefix* — accents optional',
                select_on_focus=False,
            )
        yield Static("", id="review-status", markup=False)
        with ContentSwitcher(initial="review-events", id="review-body"):
            yield DataTable(id="review-events", cursor_type="row", zebra_stripes=True)
            yield DataTable(id="review-results", cursor_type="row", zebra_stripes=True)
        yield Static("", id="review-detail", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self._add_event_columns()
        self._add_result_columns()
        self.watch(self.query_one("#review-events", DataTable), "scroll_y", self._on_events_scroll, init=False)
        self.watch(self.query_one("#review-results", DataTable), "scroll_y", self._on_results_scroll, init=False)
        if self.initial_query is None:
            self.query_one("#review-events").focus()
        else:
            self.query_one("#review-search").focus()
        if self.initial_query:
            self._start_search(self.initial_query)
        else:
            self.reload()

    def _widths(self) -> tuple[int, int]:
        """Title and reviews widths; below 100 columns the actions count gives way to the title."""
        width = max(self.size.width, 60)
        actions = 7 if width >= 100 else 0
        columns = 6 if actions else 5
        free = width - (10 + 8 + 8 + actions + 2 * columns + 2)
        reviews = max(10, free // 3)
        return free - reviews, reviews

    def _add_event_columns(self) -> None:
        table = self.query_one("#review-events", DataTable)
        title_width, reviews_width = self._widths()
        table.clear(columns=True)
        table.add_column("Date", width=10, key="date")
        table.add_column("Title", width=title_width, key="title")
        table.add_column("Status", width=8, key="status")
        table.add_column("Findings", width=8, key="findings")
        if self.size.width >= 100:
            table.add_column("Actions", width=7, key="actions")
        table.add_column("Reviews", width=reviews_width, key="reviews")

    def _result_widths(self) -> tuple[int, int, int]:
        """Event, kind and match widths; below 100 columns the event moves to the detail line."""
        width = max(self.size.width, 60)
        event = 20 if width >= 100 else 0
        kind = 22 if width >= 100 else 16
        columns = 4 if event else 3
        return event, kind, max(20, width - (10 + event + kind + 2 * columns + 2))

    def _add_result_columns(self) -> None:
        table = self.query_one("#review-results", DataTable)
        event, kind, snippet = self._result_widths()
        table.clear(columns=True)
        table.add_column("Date", width=10, key="date")
        if event:
            table.add_column("Event", width=event, key="event")
        table.add_column("Kind", width=kind, key="kind")
        table.add_column("Match", width=snippet, key="match")

    def on_resize(self) -> None:
        if not self.is_mounted:
            return
        self._add_event_columns()
        self._add_result_columns()
        self.query_one("#review-events", DataTable).add_rows(self._event_cells(e) for e in self.events)
        self.query_one("#review-results", DataTable).add_rows(self._hit_cells(h) for h in self.hits)

    # ----------------------------------------------------------------- events

    def reload(self) -> None:
        """Show the first page of events matching the filters (the search box is empty)."""
        self._generation += 1
        generation = self._generation
        self.query_text = ""
        self.events = []
        self._events_done = False
        self._total = None
        self.query_one("#review-body", ContentSwitcher).current = "review-events"
        self.query_one("#review-events", DataTable).clear()
        self._request_events(generation)
        self.lif.run_store(
            count_matching_events, self.lif.store, self.filters,
            on_done=lambda total: self._show_total(generation, total),
            description="count the events", group="review-count", exclusive=True,
        )

    def _request_events(self, generation: int) -> None:
        self._loading = True
        self.lif.run_store(
            browse_events, self.lif.store, self.filters, limit=EVENTS_PAGE, offset=len(self.events),
            on_done=lambda page: self._show_events(generation, page),
            on_error=lambda _error: self._stop_loading(),
            description="load past events", group="review-events",
        )

    def _stop_loading(self) -> None:
        self._loading = False

    def _show_events(self, generation: int, page: list[EventSummary]) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self.events += page
        self._events_done = len(page) < EVENTS_PAGE
        self.query_one("#review-events", DataTable).add_rows(self._event_cells(e) for e in page)
        self._show_status()
        self._show_detail()

    def _event_cells(self, summary: EventSummary) -> tuple[Any, ...]:
        title_width, reviews_width = self._widths()
        cells: list[Any] = [
            summary.event_date.isoformat(),
            clip(summary.title, title_width),
            str(summary.status),
            f"{summary.finding_count:>8}",
        ]
        if self.size.width >= 100:
            cells.append(f"{summary.action_count:>7}")
        cells.append(clip(", ".join(summary.review_pseudonyms), reviews_width))
        return tuple(cells)

    def _show_total(self, generation: int, total: int) -> None:
        if generation == self._generation:
            self._total = total
            self._show_status()

    # ----------------------------------------------------------------- search

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "review-search":
            return
        if self._search_timer is not None:
            self._search_timer.stop()
        text = event.value
        self._search_timer = self.set_timer(SEARCH_DELAY, lambda: self._start_search(text))

    def _start_search(self, text: str) -> None:
        text = text.strip()
        if text == self.query_text and (self.hits or not text):
            return
        if not text:
            self.reload()
            return
        self._generation += 1
        generation = self._generation
        self.query_text = text
        self.hits = []
        self._hits_done = False
        self._total = None
        self.query_one("#review-body", ContentSwitcher).current = "review-results"
        self.query_one("#review-results", DataTable).clear()
        self._request_hits(generation)

    def _request_hits(self, generation: int) -> None:
        self._loading = True
        self.lif.run_store(
            search_archive, self.lif.store, self.query_text, self.filters, limit=HITS_PAGE, offset=len(self.hits),
            on_done=lambda page: self._show_hits(generation, page),
            on_error=lambda _error: self._stop_loading(),
            description="search", group="review-search",
        )

    def _show_hits(self, generation: int, page: list[ArchiveHit]) -> None:
        if generation != self._generation:
            return
        self._loading = False
        first = not self.hits
        self.hits += page
        self._hits_done = len(page) < HITS_PAGE
        self.query_one("#review-results", DataTable).add_rows(self._hit_cells(h) for h in page)
        if first:
            query = self.query_text
            self.lif.run_store(
                count_hits, self.lif.store, query, self.filters,
                on_done=lambda total: self._show_total(generation, total),
                description="count the matches", group="review-count", exclusive=True,
            )
        self._show_status()
        self._show_detail()

    def _hit_cells(self, hit: ArchiveHit) -> tuple[Any, ...]:
        event_width, kind_width, snippet_width = self._result_widths()
        cells: list[Any] = [hit.event_date.isoformat() if hit.event_date else ""]
        if event_width:
            cells.append(clip(hit.event_title or "(no event)", event_width))
        cells += [clip(hit.detail or hit.kind_label, kind_width), marked_text(hit.parts, snippet_width)]
        return tuple(cells)

    # ----------------------------------------------------------------- status and detail

    def _show_status(self) -> None:
        scope = self.filters.describe()
        if self.query_text:
            quoted = f"“{self.query_text}”"
            if not self.hits and self._hits_done:
                head = f"No matches for {quoted}"
            elif self._total is not None:
                head = f"{self._total:,} match{'' if self._total == 1 else 'es'} for {quoted}"
            else:
                head = f"{len(self.hits)}{'' if self._hits_done else '+'} matches for {quoted}"
        elif not self.events and self._events_done:
            head = "No events match these filters" if scope else "No past events yet"
        elif self._total is not None:
            head = f"{self._total:,} event{'' if self._total == 1 else 's'}"
        else:
            head = f"{len(self.events)}{'' if self._events_done else '+'} events"
        where = f"filters: {scope}" if scope else "all events"
        self.query_one("#review-status", Static).update(f"{head} · {where} · f filters · c clears · i imports")

    def _current_table(self) -> DataTable:
        body = self.query_one("#review-body", ContentSwitcher)
        return self.query_one(f"#{body.current}", DataTable)

    def selected_event(self) -> EventSummary | None:
        table = self.query_one("#review-events", DataTable)
        row = table.cursor_row
        return self.events[row] if 0 <= row < len(self.events) else None

    def selected_hit(self) -> ArchiveHit | None:
        table = self.query_one("#review-results", DataTable)
        row = table.cursor_row
        return self.hits[row] if 0 <= row < len(self.hits) else None

    def _selected_event_id(self) -> tuple[uuid.UUID, str] | None:
        if self.query_text:
            hit = self.selected_hit()
            return (hit.event_id, hit.event_title) if hit and hit.event_id else None
        summary = self.selected_event()
        return (summary.id, summary.title) if summary else None

    def _show_detail(self) -> None:
        detail = self.query_one("#review-detail", Static)
        if self.query_text:
            hit = self.selected_hit()
            if hit is None:
                detail.update("")
                return
            line = Text.assemble((f"{hit.kind_label}: ", "bold"), marked_text(hit.parts))
            line.no_wrap = False
            where = f"{hit.event_title} ({hit.event_date:%d %b %Y})" if hit.event_date else "not yet revisited by an event"
            line.append(f"\n{hit.detail} · {where} · enter opens it there", style="dim")
            detail.update(line)
            return
        summary = self.selected_event()
        if summary is None:
            detail.update("")
            return
        reviews = ", ".join(summary.review_pseudonyms) or "no reviews linked"
        detail.update(
            f"{summary.title}\n{summary.partnership or 'no partnership set'} · {summary.marking} · "
            f"{_count(summary.finding_count, 'finding')} · {_count(summary.action_count, 'action')} · Reviews: {reviews}"
        )

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail()
        self._maybe_fetch_more(event.cursor_row)

    def _maybe_fetch_more(self, row: int) -> None:
        if self._loading:
            return
        if self.query_text:
            if not self._hits_done and row >= len(self.hits) - FETCH_AHEAD:
                self._request_hits(self._generation)
        elif not self._events_done and row >= len(self.events) - FETCH_AHEAD:
            self._request_events(self._generation)

    def _on_events_scroll(self) -> None:
        """Scrolling with the wheel fetches the next page too, not only moving the cursor."""
        if not self.query_text:
            table = self.query_one("#review-events", DataTable)
            self._maybe_fetch_more(int(table.scroll_y) + table.scrollable_content_region.height)

    def _on_results_scroll(self) -> None:
        if self.query_text:
            table = self.query_one("#review-results", DataTable)
            self._maybe_fetch_more(int(table.scroll_y) + table.scrollable_content_region.height)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    # ----------------------------------------------------------------- actions

    def _search_has_focus(self) -> bool:
        return self.focused is self.query_one("#review-search")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Letters typed into the search box are text, never commands.
        if action in {"filters", "clear", "trends", "show_actions", "import_bundles", "export_bundle"} and self.is_mounted:
            return not self._search_has_focus()
        return True

    def action_open(self) -> None:
        if self._search_has_focus():
            if self._search_timer is not None:
                self._search_timer.stop()
            self._start_search(self.query_one("#review-search", Input).value)
            self._current_table().focus()
            return
        from lif_tui.screens.event_readonly import EventReadOnlyScreen

        if self.query_text:
            hit = self.selected_hit()
            if hit is None:
                return
            if hit.event_id is None:
                self.notify("No event has revisited this learning point's review yet.", severity="warning")
                return
            self.app.push_screen(EventReadOnlyScreen(hit.event_id, focus=(hit.item_kind, hit.item_id)))
            return
        summary = self.selected_event()
        if summary is not None:
            self.app.push_screen(EventReadOnlyScreen(summary.id))

    def action_focus_search(self) -> None:
        self.query_one("#review-search", Input).focus()

    def action_back(self) -> None:
        search = self.query_one("#review-search", Input)
        if self._search_has_focus():
            if search.value:
                search.value = ""
                self._start_search("")
            self._current_table().focus()
            return
        if search.value:
            search.value = ""
            self._start_search("")
            return
        self.dismiss(None)

    def action_clear(self) -> None:
        self.filters = ArchiveFilter()
        search = self.query_one("#review-search", Input)
        if search.value:
            search.value = ""
        self.query_text = ""
        self.reload()

    def action_filters(self) -> None:
        from lif_tui.screens.archive_dialogs import FilterDialog

        def chosen(filters: ArchiveFilter | None) -> None:
            if filters is None or filters == self.filters:
                return
            self.filters = filters
            self._choices = None
            if self.query_text:
                text, self.query_text = self.query_text, ""
                self._start_search(text)
            else:
                self.reload()

        def show(choices: "FilterChoices") -> None:
            self._choices = choices
            self.app.push_screen(FilterDialog(self.filters, choices), callback=chosen)

        if self._choices is not None:
            show(self._choices)
        else:
            self.lif.run_store(filter_choices, self.lif.store, on_done=show, description="load the filter choices")

    def action_trends(self) -> None:
        from lif_tui.screens.trends import TrendsScreen

        self.app.push_screen(TrendsScreen())

    def action_show_actions(self) -> None:
        from lif_tui.screens.action_tracker import ActionTrackerScreen

        self.app.push_screen(ActionTrackerScreen())

    def action_import_bundles(self) -> None:
        from lif_tui.screens.archive_dialogs import PathDialog

        def chosen(path: Path | None) -> None:
            if path is not None:
                from lif_tui.bundle_transfer import import_bundles

                self.notify(f"Importing {path.name}…", timeout=3)
                self.lif.run_store(import_bundles, self.lif.store, [path], on_done=self._imported,
                                   description="import the bundle", group="review-transfer")

        self.app.push_screen(
            PathDialog(
                "Import event bundles",
                detail="A .json bundle exported with lif-tui, or a folder of them. Rows are matched by id and the "
                "newer copy wins; importing twice changes nothing. Every file is checked before any is written.",
                value=str(_exports_folder()) + "/",
                must_exist=True,
                action="Import",
            ),
            callback=chosen,
        )

    def _imported(self, report: "MergeReport") -> None:
        titles = ", ".join(dict.fromkeys(report.event_titles))
        self.notify(f"{titles}\n{report.summary()}.", title="Imported", timeout=10)
        self._choices = None
        if self.query_text:
            text, self.query_text = self.query_text, ""
            self._start_search(text)
        else:
            self.reload()

    def action_export_bundle(self) -> None:
        chosen_event = self._selected_event_id()
        if chosen_event is None:
            self.notify("Choose an event first.", severity="warning")
            return
        event_id, title = chosen_event
        summary = next((e for e in self.events if e.id == event_id), None)
        hit = self.selected_hit() if self.query_text else None
        when = summary.event_date if summary else (hit.event_date if hit else None)
        from lif_tui.bundle_transfer import export_bundle, suggested_bundle_path
        from lif_tui.screens.archive_dialogs import PathDialog

        suggestion = suggested_bundle_path(_exports_folder(), title, when) if when else _exports_folder() / "event.json"

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.lif.run_store(
                    export_bundle, self.lif.store, event_id, path,
                    on_done=lambda written: self.notify(str(written), title="Bundle saved", timeout=10),
                    description="save the bundle", group="review-transfer",
                )

        self.app.push_screen(
            PathDialog(
                f"Save “{title}” as a bundle",
                detail="The whole event, for lif-tui on another laptop. It holds everything the database holds "
                "about the event: keep it as safe as the database.",
                value=str(suggestion),
                action="Save",
            ),
            callback=chosen,
        )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _exports_folder() -> Path:
    from lif_tui.paths import default_exports_dir

    return default_exports_dir()
