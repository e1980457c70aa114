"""Every action across every event: overdue first, filtered by status, owner agency and overdue.

Overdue is judged against `app.today()`. Status changes and dated progress notes are written through the
store in thread workers; the list then reloads with the cursor kept on the same action.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from lif_tui.db.action_tracker import (
    OPEN_STATUSES,
    ActionFilter,
    TrackedAction,
    add_progress_note,
    count_actions,
    list_actions,
    owner_agencies,
    set_action_status,
)
from lif_tui.models import ActionStatus
from lif_tui.screens.archive_format import ARCHIVE_CSS, OVERDUE_STYLE, clip, due_text, status_text

if TYPE_CHECKING:
    from lif_tui.app import LifApp

STATUS_FILTERS: tuple[tuple[str, frozenset[ActionStatus]], ...] = (
    ("any status", frozenset()),
    ("open or in progress", frozenset(OPEN_STATUSES)),
    ("open", frozenset({ActionStatus.OPEN})),
    ("in progress", frozenset({ActionStatus.IN_PROGRESS})),
    ("done", frozenset({ActionStatus.DONE})),
    ("dropped", frozenset({ActionStatus.DROPPED})),
)
"""What `s` cycles through."""

PAGE = 200
"""Actions fetched at a time; the next page comes when the cursor nears the end of what is loaded."""
FETCH_AHEAD = 20


class ActionTrackerScreen(Screen[None]):
    """Work through the actions: enter changes the status, n adds a dated progress note."""

    HELP_TITLE = "Action tracker"
    CSS_PATH = ARCHIVE_CSS
    BINDINGS = [
        Binding("enter", "change_status", "Status", id="tracker.status", priority=True,
                tooltip="Change the selected action's status: open, in progress, done or dropped"),
        Binding("n", "add_note", "Note", id="tracker.note", tooltip="Add a dated progress note to the selected action"),
        Binding("o", "toggle_overdue", "Overdue", id="tracker.overdue", tooltip="Show only overdue actions, or all again"),
        Binding("s", "cycle_status", "Status filter", id="tracker.status_filter",
                tooltip="Cycle the status filter: any, open or in progress, open, in progress, done, dropped"),
        Binding("w", "choose_owner", "Owner", id="tracker.owner", tooltip="Show only the actions one agency owns"),
        Binding("c", "clear", "Clear", id="tracker.clear", tooltip="Clear every filter"),
        Binding("v", "view_event", "View event", id="tracker.view",
                tooltip="Open the selected action's event read-only, at this action"),
        Binding("escape", "back", "Back", id="tracker.back", tooltip="Back to where you were"),
    ]

    def __init__(self, filters: ActionFilter | None = None) -> None:
        super().__init__(id="tracker", classes="archive-screen")
        self.filters = filters or ActionFilter(statuses=frozenset(OPEN_STATUSES))
        self.items: list[TrackedAction] = []
        self._keep: uuid.UUID | None = None
        self._keep_row = 0
        self._overdue_total = 0
        self._total: int | None = None
        self._loaded_once = False
        self._done = False
        self._loading = False
        self._generation = 0

    @property
    def lif(self) -> "LifApp":
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading…", id="tracker-filters", markup=False)
        yield DataTable(id="tracker-actions", cursor_type="row", zebra_stripes=True)
        yield Static("", id="tracker-detail", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self._add_columns()
        self.query_one("#tracker-actions").focus()
        self.reload()

    def on_screen_resume(self) -> None:
        if self._loaded_once:
            self.reload()

    def _widths(self) -> tuple[int, int, int, int]:
        """Status, owner, event and action widths; narrower screens drop the event and shorten the status."""
        width = max(self.size.width, 60)
        status = 22 if width >= 100 else 12
        owner = 20 if width >= 100 else 14
        event = 26 if width >= 140 else 0  # narrower: the event is on the detail line
        text = width - (10 + status + owner + event + 2 * (5 if event else 4) + 2)
        return status, owner, event, max(20, text)

    def _add_columns(self) -> None:
        table = self.query_one("#tracker-actions", DataTable)
        status, owner, event, text = self._widths()
        table.clear(columns=True)
        table.add_column("Due", width=10, key="due")
        table.add_column("Status", width=status, key="status")
        table.add_column("Owner", width=owner, key="owner")
        table.add_column("Action", width=text, key="text")
        if event:
            table.add_column("Event", width=event, key="event")

    def reload(self, keep: uuid.UUID | None = None) -> None:
        self._keep = keep or self._keep or (self.selected().action.id if self.selected() else None)
        if self.is_mounted:
            self._keep_row = self.query_one("#tracker-actions", DataTable).cursor_row
        self._generation += 1
        generation = self._generation
        today = self.lif.today()
        first_page = max(PAGE, self._keep_row + FETCH_AHEAD)  # enough rows to land back on the same one
        self._loading = True
        self.lif.run_store(list_actions, self.lif.store, self.filters, today=today, limit=first_page,
                           on_done=lambda items: self._show(generation, items, first_page),
                           on_error=lambda _error: self._stop_loading(),
                           description="load the actions", group="tracker-load", exclusive=True)
        self.lif.run_store(count_actions, self.lif.store, self.filters, today=today,
                           on_done=lambda total: self._show_total(generation, total),
                           description="count the actions", group="tracker-total", exclusive=True)
        overdue_filter = ActionFilter(owner_agency=self.filters.owner_agency, overdue_only=True)
        self.lif.run_store(count_actions, self.lif.store, overdue_filter, today=today, on_done=self._show_overdue_total,
                           description="count overdue actions", group="tracker-count", exclusive=True)

    def _stop_loading(self) -> None:
        self._loading = False

    def _show(self, generation: int, items: list[TrackedAction], asked: int) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self._loaded_once = True
        self._done = len(items) < asked
        self.items = items
        table = self.query_one("#tracker-actions", DataTable)
        table.clear()
        table.add_rows(self._cells(item) for item in items)
        # Stay on the same action; if it has left the list (say it is done now), stay on the same row.
        row = next((i for i, item in enumerate(items) if item.action.id == self._keep), min(self._keep_row, len(items) - 1))
        if row > 0:
            table.move_cursor(row=row, animate=False, scroll=True)
        self._keep = None
        self._show_filters()
        self._show_detail()

    def _fetch_more(self) -> None:
        generation = self._generation
        self._loading = True
        self.lif.run_store(list_actions, self.lif.store, self.filters, today=self.lif.today(), limit=PAGE,
                           offset=len(self.items), on_done=lambda page: self._append(generation, page),
                           on_error=lambda _error: self._stop_loading(),
                           description="load more actions", group="tracker-load")

    def _append(self, generation: int, page: list[TrackedAction]) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self._done = len(page) < PAGE
        self.items += page
        self.query_one("#tracker-actions", DataTable).add_rows(self._cells(item) for item in page)
        self._show_filters()

    def _show_total(self, generation: int, total: int) -> None:
        if generation == self._generation:
            self._total = total
            self._show_filters()

    def _show_overdue_total(self, total: int) -> None:
        self._overdue_total = total
        self._show_filters()

    def _cells(self, item: TrackedAction) -> tuple[Any, ...]:
        status, owner, event, text = self._widths()
        action = item.action
        status_cell = status_text(action.status, item.overdue)
        if item.overdue and status < 20:
            status_cell = Text("OVERDUE", style=OVERDUE_STYLE)  # the status itself is on the detail line
        cells: list[Any] = [
            due_text(action.due_date, item.overdue),
            status_cell,
            clip(action.owner_agency or "–", owner),
            Text(clip(action.text, text), style=OVERDUE_STYLE if item.overdue else ""),
        ]
        if event:
            cells.append(clip(item.event_title, event))
        return tuple(cells)

    def _show_filters(self) -> None:
        label = next((name for name, statuses in STATUS_FILTERS if statuses == self.filters.statuses), "custom")
        total = self._total if self._total is not None else len(self.items)
        parts = [f"{total} action{'s' if total != 1 else ''}", f"status: {label}"]
        if self.filters.owner_agency:
            parts.append(f"owner: {self.filters.owner_agency}")
        if self.filters.overdue_only:
            parts.append("overdue only")
        parts.append(f"{self._overdue_total} overdue on {self.lif.today():%d %b %Y}")
        self.query_one("#tracker-filters", Static).update(" · ".join(parts))

    def selected(self) -> TrackedAction | None:
        if not self.is_mounted:
            return None
        row = self.query_one("#tracker-actions", DataTable).cursor_row
        return self.items[row] if 0 <= row < len(self.items) else None

    def _show_detail(self) -> None:
        detail = self.query_one("#tracker-detail", Static)
        item = self.selected()
        if item is None:
            detail.update("No actions match these filters. c clears them." if self._loaded_once else "")
            return
        action = item.action
        text = Text()
        if item.overdue:
            text.append(f"OVERDUE ({action.status}) ", style=OVERDUE_STYLE)
        text.append(action.text, style="bold")
        owner = " ".join(part for part in (action.owner_agency, action.owner_role) if part) or "no owner"
        where = f"{item.event_title} ({item.event_date:%d %b %Y})" + (f" · {item.learning_point}" if item.learning_point else "")
        text.append(f"\n{owner} · {where}")
        if action.measure:
            text.append(f"\nHow we will know: {action.measure}", style="dim")
        if action.progress_notes:
            last = action.progress_notes[-1]
            more = f" (+{len(action.progress_notes) - 1} earlier)" if len(action.progress_notes) > 1 else ""
            text.append(f"\nLatest note {last.noted_on:%d %b %Y}: {last.text}{more}")
        detail.update(text)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail()
        if not self._done and not self._loading and event.cursor_row >= len(self.items) - FETCH_AHEAD:
            self._fetch_more()

    def on_resize(self) -> None:
        if self.is_mounted:
            row = self.query_one("#tracker-actions", DataTable).cursor_row
            self._add_columns()
            table = self.query_one("#tracker-actions", DataTable)
            table.add_rows(self._cells(item) for item in self.items)
            if self.items:
                table.move_cursor(row=min(row, len(self.items) - 1), animate=False)

    # ----------------------------------------------------------------- actions

    def _require(self) -> TrackedAction | None:
        item = self.selected()
        if item is None:
            self.notify("There is no action selected.", severity="warning")
        return item

    def action_change_status(self) -> None:
        item = self._require()
        if item is None:
            return
        from lif_tui.screens.archive_dialogs import ChoiceDialog

        def chosen(status: ActionStatus | None) -> None:
            if status is None or status == item.action.status:
                return
            self.lif.run_store(
                set_action_status, self.lif.store, item.action.id, status,
                on_done=lambda _: self._changed(item, f"Marked {status}"),
                description="change the status",
            )

        choices = [(str(status).capitalize(), status) for status in ActionStatus]
        self.app.push_screen(
            ChoiceDialog("Status of this action", choices, current=item.action.status, detail=clip(item.action.text, 200)),
            callback=chosen,
        )

    def action_add_note(self) -> None:
        item = self._require()
        if item is None:
            return
        from lif_tui.screens.archive_dialogs import NoteDialog

        today = self.lif.today()

        def written(text: str | None) -> None:
            if text:
                self.lif.run_store(
                    add_progress_note, self.lif.store, item.action.id, text, noted_on=today,
                    on_done=lambda _: self._changed(item, f"Note added, dated {today:%d %b %Y}"),
                    description="add the progress note",
                )

        self.app.push_screen(NoteDialog(item.action.text, today), callback=written)

    def _changed(self, item: TrackedAction, message: str) -> None:
        self.notify(message, title=clip(item.action.text, 40))
        self.reload(keep=item.action.id)

    def action_toggle_overdue(self) -> None:
        self._set_filters(overdue_only=not self.filters.overdue_only)

    def action_cycle_status(self) -> None:
        current = next((i for i, (_, statuses) in enumerate(STATUS_FILTERS) if statuses == self.filters.statuses), -1)
        self._set_filters(statuses=STATUS_FILTERS[(current + 1) % len(STATUS_FILTERS)][1])

    def action_choose_owner(self) -> None:
        from lif_tui.screens.archive_dialogs import ChoiceDialog

        def show(agencies: list[str]) -> None:
            choices = [("Any agency", ""), *((agency, agency) for agency in agencies)]

            def chosen(agency: str | None) -> None:
                if agency is not None:
                    self._set_filters(owner_agency=agency)

            self.app.push_screen(ChoiceDialog("Owner agency", choices, current=self.filters.owner_agency), callback=chosen)

        self.lif.run_store(owner_agencies, self.lif.store, on_done=show, description="load the owner agencies")

    def action_clear(self) -> None:
        self._set_filters(statuses=frozenset(), owner_agency="", overdue_only=False)

    def _set_filters(self, **changes: Any) -> None:
        from dataclasses import replace

        self.filters = replace(self.filters, **changes)
        self.reload()

    def action_view_event(self) -> None:
        item = self._require()
        if item is None:
            return
        from lif_tui.screens.event_readonly import EventReadOnlyScreen

        self.app.push_screen(EventReadOnlyScreen(item.event_id, focus=("action", item.action.id)))

    def action_back(self) -> None:
        self.dismiss(None)
