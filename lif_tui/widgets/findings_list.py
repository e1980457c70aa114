"""The findings captured in the current phase, newest first. Every row shown is already on disk."""

from __future__ import annotations

import uuid

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import ListItem, ListView, Static

from lif_tui.models import Finding
from lif_tui.widgets.capture_bar import KIND_CLASSES, SHORT_KIND_NAMES


class FindingText(Static):
    """A tick (it is committed), the kind in words and colour, the agency, then the text, wrapped."""

    COMPONENT_CLASSES = {f"finding-text-{name.lstrip('-')}" for name in KIND_CLASSES.values()} | {
        "finding-text--agency"
    }

    def __init__(self, finding: Finding) -> None:
        super().__init__(classes="finding-text")
        self.finding = finding

    def render(self) -> Text:
        finding = self.finding
        kind_style = self.get_component_rich_style(f"finding-text-{KIND_CLASSES[finding.kind].lstrip('-')}")
        text = Text()
        text.append("✓ ", style=kind_style)
        text.append(SHORT_KIND_NAMES[finding.kind], style=kind_style)
        if finding.agency:
            text.append(f" · {finding.agency}", style=self.get_component_rich_style("finding-text--agency"))
        text.append("  ")
        text.append(finding.text)
        return text


class FindingItem(ListItem):
    """One saved finding in the list."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(FindingText(finding))
        self.finding = finding

    def show(self, finding: Finding) -> None:
        self.finding = finding
        text = self.query_one(FindingText)
        text.finding = finding
        text.refresh(layout=True)


class FindingsList(ListView, inherit_bindings=False):
    """Newest first. Enter or e edits the highlighted finding, Delete removes it, ctrl+z undoes."""

    HELP_TITLE = "Findings list (ctrl+f)"

    # Not ListView's scroll keys: page up/down belong to the screen (previous/next phase).
    BINDINGS = [
        Binding("up", "cursor_up", "Newer", show=False, id="findings.up"),
        Binding("down", "cursor_down", "Older", show=False, id="findings.down"),
        Binding("enter", "select_cursor", "Edit", show=False, id="findings.select"),
        Binding("e", "edit", "Edit", id="findings.edit"),
        Binding("delete,d", "delete", "Delete", id="findings.delete"),
        Binding("escape", "leave", "Back to capture", id="findings.leave"),
        Binding("home", "first", "Newest", show=False, id="findings.first"),
        Binding("end", "last", "Oldest", show=False, id="findings.last"),
    ]

    class EditRequested(Message):
        def __init__(self, finding: Finding) -> None:
            super().__init__()
            self.finding = finding

    class DeleteRequested(Message):
        def __init__(self, finding: Finding) -> None:
            super().__init__()
            self.finding = finding

    class LeaveRequested(Message):
        """Escape in the list: the screen puts focus back on the capture bar."""

    async def show_findings(self, findings: list[Finding]) -> None:
        """Replace the rows with `findings`, newest first, keeping the highlight on the same finding if it stays."""
        current = self.highlighted_finding
        await self.clear()
        ordered = sorted(findings, key=lambda f: f.created_at, reverse=True)
        await self.extend(FindingItem(f) for f in ordered)
        ids = [f.id for f in ordered]
        self.index = None
        if current is not None and current.id in ids:
            self.index = ids.index(current.id)
        elif ordered:
            self.index = 0

    async def add_finding(self, finding: Finding) -> None:
        """Put a just-saved finding in its place by capture time (normally the top)."""
        position = sum(1 for item in self.children if isinstance(item, FindingItem)
                       and item.finding.created_at > finding.created_at)
        await self.insert(position, [FindingItem(finding)])
        self.index = None  # re-set so the highlight moves even when the index number stays the same
        self.index = position

    def replace_finding(self, finding: Finding) -> None:
        for item in self.children:
            if isinstance(item, FindingItem) and item.finding.id == finding.id:
                item.show(finding)

    async def remove_finding(self, finding_id: uuid.UUID) -> None:
        for position, item in enumerate(self.children):
            if isinstance(item, FindingItem) and item.finding.id == finding_id:
                await self.pop(position)
                return

    @property
    def highlighted_finding(self) -> Finding | None:
        item = self.highlighted_child
        return item.finding if isinstance(item, FindingItem) else None

    def finding_ids(self) -> list[uuid.UUID]:
        return [item.finding.id for item in self.children if isinstance(item, FindingItem)]

    def action_edit(self) -> None:
        if (finding := self.highlighted_finding) is not None:
            self.post_message(self.EditRequested(finding))

    def action_delete(self) -> None:
        if (finding := self.highlighted_finding) is not None:
            self.post_message(self.DeleteRequested(finding))

    def action_first(self) -> None:
        if len(self):
            self.index = 0

    def action_last(self) -> None:
        if len(self):
            self.index = len(self) - 1

    def action_leave(self) -> None:
        self.post_message(self.LeaveRequested())

    def on_list_view_selected(self, event: ListView.Selected) -> None:
        """Enter or a click on a row edits it."""
        event.stop()
        if isinstance(event.item, FindingItem):
            self.post_message(self.EditRequested(event.item.finding))
