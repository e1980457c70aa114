"""Home: the events list, newest first, and the keys that start everything else.

The list loads in a thread worker, a first small page first so the screen is useful at once even with
hundreds of events, then the rest in larger pages. At start-up the CLI has read that first page already
(`LifApp.take_first_page`), so it is in the very first frame.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Header, Static

from lif_tui.screens.footer import AdaptiveFooter

if TYPE_CHECKING:
    from lif_tui.app import LifApp
    from lif_tui.event_summary import EventSummary
    from lif_tui.models import EventRecord

FIRST_PAGE = 60
"""Rows in the first page: more than fill a 40-line terminal, few enough to come back in milliseconds."""
NEXT_PAGE = 500


def reviews_label(pseudonyms: list[str], limit: int = 30) -> str:
    """"Child V, Child W +3": as many names as fit in `limit`, then how many more."""
    shown: list[str] = []
    for index, name in enumerate(pseudonyms):
        rest = len(pseudonyms) - index - 1
        candidate = ", ".join([*shown, name]) + (f" +{rest}" if rest else "")
        if shown and len(candidate) > limit:
            return ", ".join(shown) + f" +{len(pseudonyms) - len(shown)}"
        shown.append(name)
    return ", ".join(shown)


class HomeScreen(Screen[None]):
    """The events list. Enter opens the selected event for facilitation."""

    HELP_TITLE = "Home: events"
    SUB_TITLE = "events"
    AUTO_FOCUS = "#events"
    BINDINGS = [
        Binding("n", "new_event", "New", id="home.new", tooltip="Set up a new event"),
        Binding(
            "enter",
            "open_event",
            "Open",
            id="home.open",
            priority=True,
            tooltip="Facilitate the selected event, resuming at its last phase",
        ),
        Binding("s", "setup_event", "Set-up", id="home.setup", tooltip="Edit the selected event's set-up"),
        Binding(
            "d",
            "duplicate_event",
            "Duplicate",
            id="home.duplicate",
            tooltip="Start a new event on the same reviews, from a copy of the selected one",
        ),
        Binding(
            "x,delete",
            "delete_event",
            "Delete",
            id="home.delete",
            tooltip="Delete the selected event (asks first; u undoes)",
        ),
        Binding("u", "undo_delete", "Undo", id="home.undo", tooltip="Bring back the event just deleted"),
        Binding("r", "review", "Review", id="home.review", tooltip="Review past events, trends and actions"),
        Binding(
            "slash",
            "search",
            "Search",
            id="home.search",
            tooltip="Search every past finding, action and learning point",
        ),
        Binding(
            "e",
            "export",
            "Export",
            id="home.export",
            show=False,
            tooltip="Export the selected event's learning briefing, bundle or CSV files",
        ),
    ]

    def __init__(self) -> None:
        super().__init__(id="home")
        self._summaries: list[EventSummary] = []
        self._generation = 0
        self._select_after_load: uuid.UUID | None = None
        self._deleted: list[EventSummary] = []
        self._first_load_done = False
        self._resumed_from_modal = False
        self._table_width = 0

    @property
    def lif(self) -> "LifApp":
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header()
        table: DataTable[str] = DataTable(id="events", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static("", id="events-empty", markup=False)
        yield Static("", id="event-detail", markup=False)
        yield AdaptiveFooter()

    def on_mount(self) -> None:
        self.query_one("#events-empty").display = False
        self._add_columns()

    # ----------------------------------------------------------------- loading

    def on_screen_resume(self) -> None:
        if self._resumed_from_modal and self._first_load_done:
            self._resumed_from_modal = False
            return
        self.reload()

    def on_screen_suspend(self) -> None:
        self._resumed_from_modal = isinstance(self.app.screen, ModalScreen)

    def reload(self, select: uuid.UUID | None = None) -> None:
        """Reload the list in a worker; keep the cursor on `select`, else on the current event."""
        self._select_after_load = select or self._select_after_load or self.selected_id()
        self._generation += 1
        first_page = self.lif.take_first_page()
        if first_page is not None:  # read before the app started: shown in the very first paint
            self._show_page(self._generation, 0, FIRST_PAGE, first_page)
        else:
            self._request_page(self._generation, 0, FIRST_PAGE)

    def _request_page(self, generation: int, offset: int, limit: int) -> None:
        self.lif.run_store(
            self.lif.store.list_events,
            limit=limit,
            offset=offset,
            on_done=lambda page: self._show_page(generation, offset, limit, page),
            description="load the events",
            group="home-events",
        )

    def _show_page(self, generation: int, offset: int, limit: int, page: list[EventSummary]) -> None:
        if generation != self._generation:
            return  # a newer reload has started
        table = self.query_one("#events", DataTable)
        if offset == 0:
            self._summaries = []
            table.clear()
            self._add_columns()
        self._summaries += page
        table.add_rows(self._cells(summary) for summary in page)
        self._place_cursor()
        if offset == 0:
            self._show_empty_state()
            if not self._first_load_done:
                self._first_load_done = True
                # After the table's own repaint, so the rows are really on screen.
                table.call_after_refresh(self.lif.first_screen_ready)
        if len(page) == limit:
            self._request_page(generation, offset + len(page), NEXT_PAGE)

    def _place_cursor(self) -> None:
        wanted = self._select_after_load
        if wanted is None:
            return
        for index, summary in enumerate(self._summaries):
            if summary.id == wanted:
                table = self.query_one("#events", DataTable)
                table.move_cursor(row=index, animate=False, scroll=True)
                self._select_after_load = None
                self._show_detail()
                return

    def _show_empty_state(self) -> None:
        empty = not self._summaries
        self.query_one("#events").display = not empty
        self.query_one("#event-detail").display = not empty
        message = self.query_one("#events-empty", Static)
        message.display = empty
        if empty:
            message.update(
                "No events yet.\n\nPress n to set up your first evidencing-impact event: its details, the "
                "review and its learning points, who is coming, and the agenda.\n\n"
                "Press r to review past events, F1 for every key, ctrl+p for the command palette."
            )
        else:
            self._show_detail()

    # ----------------------------------------------------------------- table

    def _column_widths(self) -> tuple[int, int]:
        """Title and reviews widths that fill the screen; date, status and findings are fixed."""
        width = max(self.size.width, 60)
        fixed = 10 + 7 + 8 + 2 * 5 + 2  # three fixed columns, cell padding, scrollbar
        free = width - fixed
        reviews = max(10, free // 4)  # the title tells events apart; the detail line lists every review
        return free - reviews, reviews

    def _add_columns(self) -> None:
        table = self.query_one("#events", DataTable)
        title_width, reviews_width = self._column_widths()
        self._table_width = self.size.width
        table.clear(columns=True)
        table.add_column("Date", width=10, key="date")
        table.add_column("Title", width=title_width, key="title")
        table.add_column("Status", width=7, key="status")
        table.add_column("Findings", width=8, key="findings")
        table.add_column("Reviews", width=reviews_width, key="reviews")

    def _cells(self, summary: EventSummary) -> tuple[Text, ...]:
        """Cells as Text, never markup: a title typed with [brackets] must show as typed."""
        _title_width, reviews_width = self._column_widths()
        return (
            Text(summary.event_date.isoformat()),
            Text(summary.title, overflow="ellipsis", no_wrap=True),
            Text(str(summary.status), style="bold" if summary.status == "live" else ""),
            Text(str(summary.finding_count), justify="right"),
            Text(reviews_label(summary.review_pseudonyms, reviews_width), overflow="ellipsis", no_wrap=True),
        )

    def on_resize(self) -> None:
        if self._summaries and self.size.width != self._table_width:
            table = self.query_one("#events", DataTable)
            row = table.cursor_row
            self._add_columns()
            table.add_rows(self._cells(summary) for summary in self._summaries)
            table.move_cursor(row=row, animate=False)

    def selected(self) -> EventSummary | None:
        table = self.query_one("#events", DataTable)
        if not self._summaries or not table.display:
            return None
        row = table.cursor_row
        return self._summaries[row] if 0 <= row < len(self._summaries) else None

    def selected_id(self) -> uuid.UUID | None:
        summary = self.selected()
        return summary.id if summary else None

    def on_data_table_row_highlighted(self) -> None:
        self._show_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_event()

    def _show_detail(self) -> None:
        summary = self.selected()
        detail = self.query_one("#event-detail", Static)
        if summary is None:
            detail.update("")
            return
        reviews = ", ".join(summary.review_pseudonyms) or "no reviews linked yet"
        parts = [
            summary.title,
            summary.partnership or "no partnership set",
            str(summary.marking),
            f"{summary.finding_count} findings",
            f"{summary.action_count} actions",
            f"Reviews: {reviews}",
        ]
        detail.update(" · ".join(parts))

    # ----------------------------------------------------------------- actions

    def _require_selection(self) -> EventSummary | None:
        summary = self.selected()
        if summary is None:
            self.notify("There is no event to choose yet. Press n to set one up.", severity="warning")
        return summary

    def action_new_event(self) -> None:
        self.lif.open_setup(callback=self._after_setup)

    def action_open_event(self) -> None:
        if summary := self._require_selection():
            self.lif.open_facilitate(summary.id)

    def action_setup_event(self) -> None:
        if summary := self._require_selection():
            self.lif.open_setup(summary.id, callback=self._after_setup)

    def _after_setup(self, saved: uuid.UUID | None) -> None:
        if saved is not None:
            self._select_after_load = saved

    def action_duplicate_event(self) -> None:
        summary = self._require_selection()
        if summary is None:
            return
        self.lif.run_store(
            self.lif.store.load_event,
            summary.id,
            on_done=self._open_duplicate,
            description="load the event to duplicate",
        )

    def _open_duplicate(self, record: "EventRecord") -> None:
        from lif_tui.agenda import duplicate_event

        copy = duplicate_event(record, today=self.lif.today())
        self.lif.open_setup(template=copy, callback=self._after_setup)

    def action_delete_event(self) -> None:
        summary = self._require_selection()
        if summary is None:
            return
        from lif_tui.screens.dialogs import ConfirmDialog

        detail = f"{summary.event_date:%d %B %Y}, {summary.finding_count} findings."
        detail += " It leaves the list but nothing is erased: press u straight after to bring it back."

        def answered(yes: bool | None) -> None:
            if yes:
                self.lif.run_store(
                    self.lif.store.delete_event,
                    summary.id,
                    on_done=lambda _: self._deleted_event(summary),
                    description="delete the event",
                )

        self.app.push_screen(
            ConfirmDialog(f"Delete “{summary.title}”?", detail=detail, yes="Delete", no="Keep", destructive=True),
            callback=answered,
        )

    def _deleted_event(self, summary: EventSummary) -> None:
        self._deleted.append(summary)
        row = self.query_one("#events", DataTable).cursor_row
        neighbours = [s for s in self._summaries if s.id != summary.id]
        if neighbours:
            self._select_after_load = neighbours[min(row, len(neighbours) - 1)].id
        self.reload(select=self._select_after_load)
        self.refresh_bindings()
        self.notify(f"Deleted “{summary.title}”. Press u to undo.", title="Event deleted")

    def action_undo_delete(self) -> None:
        if not self._deleted:
            self.notify("Nothing to undo.", severity="warning")
            return
        summary = self._deleted.pop()
        self.refresh_bindings()

        def restored(_: object) -> None:
            self.reload(select=summary.id)
            self.notify(f"Restored “{summary.title}”.", title="Undone")

        def failed(_: object) -> None:
            self._deleted.append(summary)
            self.refresh_bindings()

        self.lif.run_store(
            self.lif.store.restore_event,
            summary.id,
            on_done=restored,
            on_error=failed,
            description="restore the event",
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo_delete":
            return bool(self._deleted)  # hidden from the footer until there is something to undo
        return True

    def action_review(self) -> None:
        self.lif.open_review()

    def action_search(self) -> None:
        self.lif.open_review(initial_query="")

    def action_export(self) -> None:
        if summary := self._require_selection():
            self.lif.open_export(summary.id)
