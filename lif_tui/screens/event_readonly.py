"""One past event, read-only: findings by phase and learning point, ratings, actions, attendance, time.

Nothing here can change the event by accident; `e` reopens it in the facilitation screen for editing.
Opened from a search result, it starts on the tab and row of the item that matched.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static, TabbedContent, TabPane

from lif_tui.screens.archive_format import (
    ARCHIVE_CSS,
    clip,
    confidence_bar,
    due_text,
    minutes,
    rag_text,
    status_text,
)

if TYPE_CHECKING:
    from lif_tui.app import LifApp
    from lif_tui.models import EventRecord, Finding, LearningPoint

TABS = ("findings", "ratings", "actions", "attendance", "time")
ITEM_TABS = {"finding": "findings", "action": "actions", "learning_point": "ratings"}


class EventReadOnlyScreen(Screen[None]):
    """A past event to read. `focus` is (item kind, item id) of a search hit to start at."""

    HELP_TITLE = "Past event (read-only)"
    CSS_PATH = ARCHIVE_CSS
    BINDINGS = [
        Binding("e", "edit", "Edit", id="readonly.edit",
                tooltip="Reopen this event for editing in the facilitation screen"),
        *(
            Binding(str(number), f"show_tab('{tab}')", tab.capitalize(), id=f"readonly.tab_{tab}",
                    tooltip=f"Show the {tab}")
            for number, tab in enumerate(TABS, start=1)
        ),
        Binding("t", "trends", "Trends", id="readonly.trends",
                tooltip="This event's review across every event that revisited it"),
        Binding("x", "export", "Export", id="readonly.export", show=False,
                tooltip="Export the learning briefing, 7-minute briefing, bundle or CSV files"),
        Binding("b", "export_bundle", "Bundle", id="readonly.bundle", show=False,
                tooltip="Save this event as a JSON bundle, to move it to another laptop"),
        Binding("escape", "back", "Back", id="readonly.back", tooltip="Back to past events"),
    ]

    def __init__(self, event_id: uuid.UUID, *, focus: tuple[str, uuid.UUID] | None = None) -> None:
        super().__init__(id="event-readonly", classes="archive-screen")
        self.event_id = event_id
        self.focus_item = focus
        self.record: EventRecord | None = None
        self._row_text: dict[str, dict[str, Text | str]] = {tab: {} for tab in TABS}

    @property
    def lif(self) -> "LifApp":
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading…", id="readonly-summary", markup=False)
        with TabbedContent(id="readonly-tabs", initial="tab-findings"):
            for number, tab in enumerate(TABS, start=1):
                with TabPane(f"{number} {tab.capitalize()}", id=f"tab-{tab}"):
                    yield DataTable(id=f"readonly-{tab}", cursor_type="row", zebra_stripes=True)
        yield Static("", id="readonly-detail", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    def on_screen_resume(self) -> None:
        if self.record is not None:
            self.load()  # back from editing: show what changed

    def load(self) -> None:
        self.lif.run_store(self.lif.store.load_event, self.event_id, on_done=self._show,
                           description="load the event", group="readonly-load", exclusive=True)

    # ----------------------------------------------------------------- drawing

    def _show(self, record: "EventRecord") -> None:
        self.record = record
        event = record.event
        reviews = ", ".join(r.pseudonym for r in record.reviews if not r.is_deleted) or "no reviews linked"
        self.query_one("#readonly-summary", Static).update(
            f"{event.title}\n{event.event_date:%d %B %Y} · {event.status} · {event.marking} · "
            f"{event.venue or 'no venue'} · {record.total_attending} attending · Reviews: {reviews} · read-only, e edits"
        )
        self.sub_title = event.title
        labels = self._point_labels(record)
        self._fill_findings(record, labels)
        self._fill_ratings(record, labels)
        self._fill_actions(record, labels)
        self._fill_attendance(record)
        self._fill_time(record)
        self._go_to_focus()
        self._show_detail()

    @staticmethod
    def _point_labels(record: "EventRecord") -> dict[uuid.UUID, tuple[str, "LearningPoint"]]:
        several = len(record.event.review_ids) > 1
        out = {}
        for review in record.reviews:
            for point in review.active_learning_points():
                out[point.id] = (f"{review.pseudonym} {point.label}" if several else point.label, point)
        return out

    def _text_width(self, fixed: int) -> int:
        return max(20, max(self.size.width, 60) - fixed)

    def _fill_findings(self, record: "EventRecord", labels: dict) -> None:
        table = self.query_one("#readonly-findings", DataTable)
        table.clear(columns=True)
        wide = self.size.width >= 100
        table.add_column("Kind", width=18 if wide else 12, key="kind")
        table.add_column("Agency", width=20 if wide else 12, key="agency")
        if wide:
            table.add_column("Evidence", width=14, key="evidence")
        text_width = self._text_width((18 + 20 + 14 + 2 * 4 if wide else 12 + 12 + 2 * 3) + 4)
        table.add_column("Finding", width=text_width, key="text")
        texts = self._row_text["findings"] = {}
        phase_by_id = {phase.id: phase for phase in record.active_phases()}
        order = {phase.id: index for index, phase in enumerate(record.active_phases())}
        groups: dict[tuple[int, str], list[Finding]] = {}
        for finding in record.active_findings():
            position = order.get(finding.phase_id, len(order)) if finding.phase_id else len(order)
            point = str(finding.learning_point_id or "")
            groups.setdefault((position, point), []).append(finding)
        for (position, point), findings in sorted(groups.items(), key=lambda item: item[0]):
            phase = phase_by_id.get(findings[0].phase_id) if findings[0].phase_id else None
            heading = phase.title if phase else "Not in a phase"
            label = labels.get(findings[0].learning_point_id)
            if label and not (phase and phase.learning_point_id == findings[0].learning_point_id):
                heading += f" · {label[0]}"
            key = f"group-{position}-{point}"
            cells: list[Any] = [Text(f"▸ {len(findings)}", style="bold"), ""]
            if wide:
                cells.append("")
            cells.append(Text(clip(heading, text_width), style="bold"))
            table.add_row(*cells, key=key)
            texts[key] = heading
            for finding in findings:
                cells = [clip(str(finding.kind), 18 if wide else 12), clip(finding.agency or "–", 20 if wide else 12)]
                if wide:
                    cells.append(clip(str(finding.evidence_type), 14) if finding.evidence_type else "–")
                cells.append(clip(finding.text, text_width))
                table.add_row(*cells, key=str(finding.id))
                texts[str(finding.id)] = f"{finding.kind} · {finding.agency or 'no agency'}: {finding.text}"
        if not texts:
            table.add_row("", "", *([""] if wide else []), Text("No findings were recorded.", style="dim"), key="none")

    def _fill_ratings(self, record: "EventRecord", labels: dict) -> None:
        table = self.query_one("#readonly-ratings", DataTable)
        table.clear(columns=True)
        bars = 22
        point_width = self._text_width(10 + 2 * bars + 2 * 4 + 4)
        table.add_column("Learning point", width=point_width, key="point")
        table.add_column("RAG", width=10, key="rag")
        table.add_column("Confidence before", width=bars, key="before")
        table.add_column("Confidence after", width=bars, key="after")
        texts = self._row_text["ratings"] = {}
        for point_id, (label, point) in labels.items():
            rating = record.rating_for(point_id)
            before = sum(rating.confidence_before.values()) if rating else 0
            after = sum(rating.confidence_after.values()) if rating else 0
            table.add_row(
                clip(f"{label}: {point.text}", point_width),
                rag_text(rating.rag if rating else None),
                confidence_bar(rating.median_before if rating else None, before),
                confidence_bar(rating.median_after if rating else None, after),
                key=str(point_id),
            )
            texts[str(point_id)] = f"{label}: {point.text}" + (f" ({point.theme})" if point.theme else "")

    def _fill_actions(self, record: "EventRecord", labels: dict) -> None:
        table = self.query_one("#readonly-actions", DataTable)
        table.clear(columns=True)
        today = self.lif.today()
        table.add_column("Due", width=10, key="due")
        table.add_column("Status", width=22, key="status")
        table.add_column("Owner", width=18, key="owner")
        text_width = self._text_width(10 + 22 + 18 + 2 * 4 + 4)
        table.add_column("Action", width=text_width, key="text")
        texts = self._row_text["actions"] = {}
        for action in record.active_actions():
            overdue = action.is_overdue(today)
            table.add_row(
                due_text(action.due_date, overdue),
                status_text(action.status, overdue),
                clip(action.owner_agency or "–", 18),
                clip(action.text, text_width),
                key=str(action.id),
            )
            point = labels.get(action.learning_point_id)
            notes = "".join(f"\n  {note.noted_on:%d %b %Y}: {note.text}" for note in action.progress_notes)
            texts[str(action.id)] = (
                f"{action.text}\nOwner: {action.owner_agency or '–'} {action.owner_role}".rstrip()
                + (f" · {point[0]}" if point else "")
                + (f" · Measure: {action.measure}" if action.measure else "")
                + notes
            )
        if not texts:
            table.add_row("", "", "", Text("No actions were recorded.", style="dim"), key="none")

    def _fill_attendance(self, record: "EventRecord") -> None:
        table = self.query_one("#readonly-attendance", DataTable)
        table.clear(columns=True)
        table.add_column("Agency", width=34, key="agency")
        table.add_column("Role", width=30, key="role")
        table.add_column("Attending", width=9, key="count")
        table.add_column("Involved in the case", width=20, key="involved")
        for row in record.active_attendance():
            table.add_row(row.agency, row.role or "–", f"{row.count:>9}", "yes" if row.involved_in_case else "no", key=str(row.id))
        table.add_row(Text("Total", style="bold"), "", Text(f"{record.total_attending:>9}", style="bold"), "", key="total")

    def _fill_time(self, record: "EventRecord") -> None:
        table = self.query_one("#readonly-time", DataTable)
        table.clear(columns=True)
        title_width = self._text_width(8 + 8 + 14 + 2 * 4 + 4)
        table.add_column("Phase", width=title_width, key="phase")
        table.add_column("Planned", width=8, key="planned")
        table.add_column("Actual", width=8, key="actual")
        table.add_column("Difference", width=14, key="difference")
        planned_total = actual_total = 0.0
        for phase in record.active_phases():
            planned = phase.planned_minutes * 60
            planned_total += planned
            actual_total += phase.elapsed_seconds
            table.add_row(clip(phase.title, title_width), minutes(planned), minutes(phase.elapsed_seconds),
                          _difference(phase.elapsed_seconds - planned), key=str(phase.id))
        table.add_row(Text("Total", style="bold"), Text(minutes(planned_total), style="bold"),
                      Text(minutes(actual_total), style="bold"), _difference(actual_total - planned_total), key="total")

    # ----------------------------------------------------------------- selection

    def _go_to_focus(self) -> None:
        if self.focus_item is None:
            self.query_one("#readonly-findings", DataTable).focus()
            return
        kind, item_id = self.focus_item
        tab = ITEM_TABS.get(kind, "findings")
        self.action_show_tab(tab)
        table = self.query_one(f"#readonly-{tab}", DataTable)
        try:
            row = table.get_row_index(str(item_id))
        except Exception:  # the item was deleted since the search: stay at the top
            self.notify("That item is no longer in the event; it may have been deleted.", severity="warning")
            return
        table.move_cursor(row=row, animate=False, scroll=True)
        self.call_after_refresh(table.move_cursor, row=row, animate=False, scroll=True)

    def _active_tab(self) -> str:
        active = self.query_one("#readonly-tabs", TabbedContent).active
        return active.removeprefix("tab-") if active else "findings"

    def _show_detail(self) -> None:
        tab = self._active_tab()
        table = self.query_one(f"#readonly-{tab}", DataTable)
        detail = self.query_one("#readonly-detail", Static)
        if not table.row_count:
            detail.update("")
            return
        try:
            key = table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
        except Exception:
            detail.update("")
            return
        detail.update(self._row_text.get(tab, {}).get(key or "", ""))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail()

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self._show_detail()

    def on_resize(self) -> None:
        if self.record is not None:
            focus, self.focus_item = self.focus_item, None
            self._show(self.record)
            self.focus_item = focus

    # ----------------------------------------------------------------- actions

    def action_show_tab(self, tab: str) -> None:
        self.query_one("#readonly-tabs", TabbedContent).active = f"tab-{tab}"
        self.query_one(f"#readonly-{tab}", DataTable).focus()
        self._show_detail()

    def action_edit(self) -> None:
        from lif_tui.screens.facilitate import FacilitateScreen

        self.app.push_screen(FacilitateScreen(self.event_id))

    def action_trends(self) -> None:
        from lif_tui.screens.trends import TrendsScreen

        review_id = self.record.event.review_ids[0] if self.record and self.record.event.review_ids else None
        self.app.push_screen(TrendsScreen(review_id=review_id))

    def action_export(self) -> None:
        import importlib.util

        if importlib.util.find_spec("lif_tui.screens.export") is None:
            self.action_export_bundle()
            return
        self.lif.open_export(self.event_id)

    def action_export_bundle(self) -> None:
        if self.record is None:
            return
        from lif_tui.bundle_transfer import export_bundle, suggested_bundle_path
        from lif_tui.paths import default_exports_dir
        from lif_tui.screens.archive_dialogs import PathDialog

        event = self.record.event

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.lif.run_store(
                    export_bundle, self.lif.store, self.event_id, path,
                    on_done=lambda written: self.notify(str(written), title="Bundle saved", timeout=10),
                    description="save the bundle",
                )

        self.app.push_screen(
            PathDialog(
                f"Save “{event.title}” as a bundle",
                detail="The whole event, for lif-tui on another laptop. Keep it as safe as the database.",
                value=str(suggested_bundle_path(default_exports_dir(), event.title, event.event_date)),
                action="Save",
            ),
            callback=chosen,
        )

    def action_back(self) -> None:
        self.dismiss(None)


def _difference(seconds: float) -> Text:
    if abs(seconds) < 30:
        return Text("on time", style="dim")
    if seconds > 0:
        return Text(f"{minutes(seconds)} over", style="bold")
    return Text(f"{minutes(-seconds)} under")
