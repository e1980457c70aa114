"""Set-up, attendance tab: who is in the room, by agency and role, never by name."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Button, Checkbox, Input, Label, Static

from lif_tui.models import STANDARD_AGENCIES, Attendance
from lif_tui.screens.form import FieldError, errors_by_field

_row_numbers = itertools.count(1)


@dataclass(frozen=True)
class AttendanceValues:
    """What is typed in one row, kept as text so nothing the person typed is lost."""

    agency: str
    role: str
    count: str
    involved: bool

    @property
    def blank(self) -> bool:
        return not self.agency.strip() and not self.role.strip() and self.count.strip() in ("", "1")


def _involved_label(involved: bool) -> str:
    """Yes or no in words, so the answer never rests on the tick's colour alone."""
    return "yes" if involved else "no"


class AttendanceRow(Vertical):
    """One row: agency (suggestions from the standard list, free text allowed), role, number, involved."""

    def __init__(self, attendance: Attendance | None = None) -> None:
        self.row_number = next(_row_numbers)
        super().__init__(classes="attendance-row", id=f"attendance-row-{self.row_number}")
        self.original = attendance

    @property
    def error_key(self) -> str:
        return f"attendance.{self.row_number}"

    def compose(self) -> ComposeResult:
        row = self.original
        with Horizontal(classes="attendance-fields"):
            yield Input(
                row.agency if row else "",
                placeholder="Agency (type; → accepts)",
                suggester=SuggestFromList(STANDARD_AGENCIES, case_sensitive=False),
                compact=True,
                classes="agency",
            )
            yield Input(row.role if row else "", placeholder="Role", compact=True, classes="role")
            yield Input(str(row.count) if row else "1", type="integer", compact=True, classes="count")
            involved = row.involved_in_case if row else False
            yield Checkbox(_involved_label(involved), involved, compact=True, classes="involved")
            yield Button("✕", classes="remove-row", compact=True, tooltip="Remove this row")
        yield FieldError(self.error_key)

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.checkbox.label = _involved_label(event.value)

    def values(self) -> AttendanceValues:
        return AttendanceValues(
            agency=self.query_one(".agency", Input).value,
            role=self.query_one(".role", Input).value,
            count=self.query_one(".count", Input).value,
            involved=self.query_one(".involved", Checkbox).value,
        )

    def build(self) -> Attendance | str:
        """The row as an Attendance, or the message that explains what is wrong with it."""
        values = self.values()
        try:
            count = int(values.count.strip())
        except ValueError:
            return "number attending: enter a whole number, 1 or more"
        base = self.original.model_dump(exclude={"agency", "role", "count", "involved_in_case"}) if self.original else {}
        try:
            return Attendance.model_validate(
                {**base, "agency": values.agency, "role": values.role, "count": count, "involved_in_case": values.involved}
            )
        except ValidationError as error:
            messages = errors_by_field(error, prefix="row", fields=(), labels={"count": "number attending"})
            return "; ".join(messages.values())


class AttendanceEditor(Vertical):
    """All attendance rows; ctrl+n adds a row and ctrl+r removes the one with the focus."""

    HELP_TITLE = "attendance"
    BINDINGS = [
        Binding("ctrl+n", "add_row", "Add row", id="setup.attendance.add", tooltip="Add an attendance row"),
        Binding(
            "ctrl+r",
            "remove_row",
            "Remove row",
            id="setup.attendance.remove",
            tooltip="Remove the attendance row with the focus",
        ),
    ]

    def __init__(self, rows: list[Attendance]) -> None:
        super().__init__(id="attendance-editor")
        self.initial_rows = rows

    def compose(self) -> ComposeResult:
        yield Static(
            "Agencies and roles only, never names. Type an agency to see a suggestion from the standard list "
            "(→ accepts it), or write your own.",
            classes="pane-intro",
        )
        with Horizontal(classes="attendance-header"):
            yield Label("Agency", classes="agency")
            yield Label("Role", classes="role")
            yield Label("Number", classes="count")
            yield Label("In the case", classes="involved")
            yield Label("", classes="remove-spacer")
        with Vertical(id="attendance-rows"):
            for row in self.initial_rows or [None]:
                yield AttendanceRow(row)
        with Horizontal(classes="pane-buttons"):
            yield Button("Add row (ctrl+n)", id="add-attendance", compact=True)
            yield Static("", id="attendance-total", markup=False)

    def on_mount(self) -> None:
        self.update_total()

    def rows(self) -> list[AttendanceRow]:
        return list(self.query(AttendanceRow))

    def values(self) -> list[AttendanceValues]:
        return [row.values() for row in self.rows()]

    def build(self) -> tuple[list[Attendance], dict[str, str]]:
        """Every non-blank row as Attendance, and the messages for rows that are not valid."""
        built, errors = [], {}
        for row in self.rows():
            if row.values().blank:
                continue
            result = row.build()
            if isinstance(result, str):
                errors[row.error_key] = result
            else:
                built.append(result)
        return built, errors

    def update_total(self) -> None:
        people, agencies = 0, set()
        for values in self.values():
            if values.agency.strip():
                agencies.add(values.agency.strip().casefold())
                people += int(values.count) if values.count.strip().isdigit() else 0
        self.query_one("#attendance-total", Static).update(
            f"{people} attending from {len(agencies)} {'agency' if len(agencies) == 1 else 'agencies'}"
        )

    def on_input_changed(self) -> None:
        self.update_total()

    async def action_add_row(self) -> None:
        row = AttendanceRow()
        await self.query_one("#attendance-rows").mount(row)
        row.query_one(".agency", Input).focus()
        row.scroll_visible()
        self.update_total()

    async def action_remove_row(self) -> None:
        focused = self.screen.focused
        row = next((node for node in (focused.ancestors_with_self if focused else []) if isinstance(node, AttendanceRow)), None)
        if row is None:
            self.notify("Move to the row to remove first.", severity="warning")
            return
        rows = self.rows()
        index = rows.index(row)
        await row.remove()
        remaining = self.rows()
        if remaining:
            remaining[min(index, len(remaining) - 1)].query_one(".agency", Input).focus()
        else:
            self.query_one("#add-attendance", Button).focus()
        self.update_total()

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "add-attendance":
            event.stop()
            await self.action_add_row()
        elif event.button.has_class("remove-row"):
            event.stop()
            row = next(node for node in event.button.ancestors if isinstance(node, AttendanceRow))
            await row.remove()
            self.update_total()
