"""Set-up: create or edit an event's details, reviews, attendance, agenda, questions and watch list.

The form keeps everything as typed. ctrl+s builds the whole EventRecord; if any part is not valid,
every message is shown beside its field and nothing is saved. A valid record is saved with one
`store.save_event` call in a thread worker. Sensitive words are hashed into the watch list on save
and then cleared from the screen: the words themselves are never stored.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.lazy import Lazy
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import (
    Button,
    Header,
    Input,
    LoadingIndicator,
    Select,
    Static,
    TabbedContent,
    TabPane,
    TextArea,
)

from lif_tui.agenda import AgendaTemplate, agenda_is_stale, build_agenda, parse_lines, suggest_template
from lif_tui.errors import NotFoundError
from lif_tui.models import (
    DEFAULT_REFLECTION_QUESTIONS,
    Event,
    EventRecord,
    EventStatus,
    Marking,
    Review,
    WatchList,
)
from lif_tui.screens.form import (
    FieldError,
    FormField,
    errors_by_field,
    first_focusable,
    focus_field,
    show_errors,
)
from lif_tui.screens.footer import AdaptiveFooter
from lif_tui.screens.setup_agenda import AgendaEditor
from lif_tui.screens.setup_attendance import AttendanceEditor
from lif_tui.screens.setup_reviews import ReviewsEditor

if TYPE_CHECKING:
    from lif_tui.app import LifApp
    from lif_tui.db.store import Store

EVENT_FIELDS = ("title", "event_date", "venue", "partnership", "facilitator", "marking", "status", "purpose")
TABS = ("details", "reviews", "attendance", "agenda", "questions")


@dataclass(frozen=True)
class SetupData:
    """What the form needs, loaded in one worker call."""

    record: EventRecord | None
    """The event being edited, or the duplicate it starts from; None for a blank new event."""
    is_new: bool
    reviews: list[Review]
    """Every stored review, to link."""
    default_partnership: str


def load_setup_data(store: "Store", event_id: uuid.UUID | None, template: EventRecord | None) -> SetupData:
    """Runs in a worker: the event (when editing), every review, and the latest partnership name."""
    record = store.load_event(event_id) if event_id is not None else template
    reviews = store.list_reviews()
    if record is not None:
        # A linked review missing from the list (deleted since) stays linked rather than vanishing on save.
        listed = {review.id for review in reviews}
        reviews += [review for review in record.reviews if review.id not in listed]
    latest = store.list_events(limit=1)
    return SetupData(
        record=record,
        is_new=event_id is None,
        reviews=reviews,
        default_partnership=latest[0].partnership if latest else "",
    )


def save_keeping_captures(store: "Store", record: EventRecord) -> EventRecord:
    """Runs in a worker: save set-up without touching findings, ratings or actions captured meanwhile.

    `save_event` soft-deletes child rows missing from the record, so the captures are re-read first.
    """
    try:
        current = store.load_event(record.event.id)
    except NotFoundError:
        current = None
    if current is not None:
        record = record.model_copy(
            update={"findings": current.findings, "ratings": current.ratings, "actions": current.actions}
        )
    store.save_event(record)
    return record


class FormPane(VerticalScroll, can_focus=False):
    """A tab's scrolling body. It never takes the focus itself, so keys reach the editors inside it."""


class SetupScreen(Screen["uuid.UUID | None"]):
    """Create (event_id None, optionally from a `template` record) or edit an event.

    Dismisses with the id of the saved event, or None when nothing was saved.
    """

    HELP_TITLE = "Set-up"
    SUB_TITLE = "set-up"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="setup.save", tooltip="Check the whole form and save it"),
        Binding(
            "escape",
            "back",
            "Back",
            id="setup.back",
            tooltip="Back to the events; asks first if something is not saved",
        ),
        # F3-F7 are printed on the tabs themselves, so the footer keeps its room for the other keys.
        *(
            Binding(
                f"f{number + 2}",
                f"show_tab('{tab}')",
                f"{tab.capitalize()} tab",
                id=f"setup.tab.{tab}",
                show=False,
                priority=True,
                tooltip=f"Go to the {tab} tab (works inside text boxes too)",
            )
            for number, tab in enumerate(TABS, start=1)
        ),
        # Priority, so the focus moves before the next key is handled: typing fast (or pasting) "text,
        # tab, more text" then lands each part in its own field.
        Binding("tab", "app.focus_next", "Next field", id="setup.next", show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", "Previous field", id="setup.previous", show=False, priority=True),
        Binding(
            "ctrl+pagedown",
            "next_tab(1)",
            "Next tab",
            id="setup.tab.next",
            show=False,
            priority=True,
            tooltip="Go to the next tab",
        ),
        Binding(
            "ctrl+pageup",
            "next_tab(-1)",
            "Previous tab",
            id="setup.tab.previous",
            show=False,
            priority=True,
            tooltip="Go to the previous tab",
        ),
    ]

    def __init__(self, event_id: uuid.UUID | None = None, *, template: EventRecord | None = None) -> None:
        super().__init__(id="setup")
        self.event_id = event_id
        self.template = template
        self._data: SetupData | None = None
        self._base: EventRecord | None = None
        self._saved_id: uuid.UUID | None = None
        self._baseline: Any = None
        self._saving = False
        self._clear_watch_list = False
        self._ready = False
        """True once every tab of the loaded form is mounted; keys that reach into it wait for this."""
        self._details_baseline: Any = None
        self._pending_tab: str | None = None

    @property
    def lif(self) -> "LifApp":
        return self.app  # type: ignore[return-value]

    # ----------------------------------------------------------------- loading

    def on_mount(self) -> None:
        self.lif.run_store(
            load_setup_data,
            self.lif.store,
            self.event_id,
            self.template,
            on_done=self._loaded,
            on_error=lambda _: self.dismiss(None),
            description="load the event for set-up",
        )

    async def _loaded(self, data: SetupData) -> None:
        self._data = data
        self._base = data.record
        await self.recompose()
        # The details tab is on screen now and can be typed in; take its baseline before any key is read.
        self._details_baseline = self._details_fingerprint()
        self.query_one("#title", Input).focus()
        self._wait_for_tabs()

    def _wait_for_tabs(self) -> None:
        """The lazy tabs mount over the next frames; the form is ready once all of them are there."""
        if len(self.query(FormPane)) < len(TABS):
            self.call_after_refresh(self._wait_for_tabs)
            return
        self._ready = True
        # A duplicate is an unsaved copy: leaving it should ask. A blank form or a loaded event need not.
        self._baseline = None if self.template is not None else self._fingerprint()
        if self.template is None:
            self._baseline = (self._details_baseline, self._baseline[1])
        self._update_watch_count()
        self._editor(AgendaEditor).update_summary(self._editor(ReviewsEditor).linked_reviews())
        if self._pending_tab:
            self.action_show_tab(self._pending_tab)
            self._pending_tab = None
        if self.template is not None:
            self.notify(
                "This is a copy on the same reviews. Check the title and date, then press ctrl+s to save it.",
                title="Duplicated",
            )

    # ----------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        yield Header()
        if self._data is None:
            yield LoadingIndicator()
            yield AdaptiveFooter()
            return
        record = self._data.record
        event = record.event if record else None
        yield Static(self._banner(), id="setup-banner", markup=False)
        yield FieldError("")
        with TabbedContent(initial="details", id="setup-tabs"):
            with TabPane("F3 Details", id="details"):
                with FormPane(classes="pane"):
                    yield from self._details_fields(event)
            # The other tabs mount just after the first paint, so the details show at once.
            with TabPane("F4 Reviews", id="reviews"):
                with Lazy(FormPane(classes="pane")):
                    yield ReviewsEditor(self._data.reviews, list(event.review_ids) if event else [])
            with TabPane("F5 Attendance", id="attendance"):
                with Lazy(FormPane(classes="pane")):
                    yield AttendanceEditor(record.active_attendance() if record else [])
            with TabPane("F6 Agenda", id="agenda"):
                with Lazy(FormPane(classes="pane")):
                    yield AgendaEditor(
                        record.active_phases() if record else [],
                        suggest_template(record.reviews if record else []),
                    )
            with TabPane("F7 Questions & watch list", id="questions"):
                with Lazy(FormPane(classes="pane")):
                    yield from self._questions_fields(event)
        yield AdaptiveFooter()

    def _banner(self) -> str:
        if self._saved_id is not None or (self._data and not self._data.is_new):
            return "Editing the set-up · ctrl+s saves · F3…F7 or a click changes tab"
        if self.template is not None:
            return f"New event, copied from “{self.template.event.title.removesuffix(' (copy)')}” · ctrl+s saves"
        return "New event · fill the tabs in any order · ctrl+s saves · F3…F7 changes tab"

    def _details_fields(self, event: Event | None) -> ComposeResult:
        today = self.lif.today()
        partnership = event.partnership if event else (self._data.default_partnership if self._data else "")
        yield FormField("Title", Input(event.title if event else "", compact=True, id="title"), key="title")
        yield FormField(
            "Date",
            Input((event.event_date if event else today).isoformat(), compact=True, id="event-date"),
            key="event_date",
            hint="YYYY-MM-DD or DD/MM/YYYY",
        )
        yield FormField("Venue", Input(event.venue if event else "", compact=True, id="venue"), key="venue")
        yield FormField(
            "Partnership", Input(partnership, compact=True, id="partnership"), key="partnership"
        )
        yield FormField(
            "Facilitator",
            Input(event.facilitator if event else "", placeholder="a role, e.g. Learning lead", compact=True, id="facilitator"),
            key="facilitator",
            hint="A role is enough; no name is needed.",
        )
        yield FormField(
            "Marking",
            Select(
                [(marking.value, marking) for marking in Marking],
                value=event.marking if event else Marking.OFFICIAL_SENSITIVE,
                allow_blank=False,
                compact=True,
                id="marking",
            ),
            key="marking",
        )
        yield FormField(
            "Status",
            Select(
                [(status.value, status) for status in EventStatus],
                value=event.status if event else EventStatus.PLANNED,
                allow_blank=False,
                compact=True,
                id="status",
            ),
            key="status",
        )
        yield FormField(
            "Purpose",
            TextArea(event.purpose if event else "", compact=True, soft_wrap=True, id="purpose"),
            key="purpose",
            hint="Why we are holding this event: it opens the learning briefing.",
        )

    def _questions_fields(self, event: Event | None) -> ComposeResult:
        questions = event.reflection_questions if event else list(DEFAULT_REFLECTION_QUESTIONS)
        yield FormField(
            "Reflection questions",
            TextArea("\n".join(questions), compact=True, soft_wrap=True, id="reflection-questions"),
            key="reflection_questions",
            hint="One per line. Teams discuss them after reading the briefing.",
        )
        yield FormField(
            "Resources",
            TextArea("\n".join(event.resources) if event else "", compact=True, soft_wrap=True, id="resources"),
            key="resources",
            hint="One per line: procedures, leaflets, training.",
        )
        yield FormField(
            "Sensitive words",
            TextArea(compact=True, soft_wrap=True, id="watch-words"),
            key="watch_list",
            hint=(
                "Names, schools, GP practices, streets: one per line. The export check looks for them. "
                "They are saved only as salted hashes and cleared from this screen."
            ),
        )
        with Horizontal(classes="pane-buttons"):
            yield Static("", id="watch-count", markup=False)
            yield Button("Clear the watch list", id="clear-watch-list", compact=True)

    def on_tabbed_content_tab_activated(self) -> None:
        self._update_watch_count()

    # ----------------------------------------------------------------- reading the form

    def _editor(self, kind: type[Widget]) -> Any:
        return self.query_one(kind)

    def _event_values(self) -> dict[str, Any]:
        return {
            "title": self.query_one("#title", Input).value,
            "event_date": self.query_one("#event-date", Input).value,
            "venue": self.query_one("#venue", Input).value,
            "partnership": self.query_one("#partnership", Input).value,
            "facilitator": self.query_one("#facilitator", Input).value,
            "marking": self.query_one("#marking", Select).value,
            "status": self.query_one("#status", Select).value,
            "purpose": self.query_one("#purpose", TextArea).text,
        }

    def _text(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", TextArea).text

    def _details_fingerprint(self) -> Any:
        return tuple(self._event_values().items())

    def _fingerprint(self) -> Any:
        """Everything typed, as plain values: the form is dirty when this differs from after loading."""
        return (
            self._details_fingerprint(),
            (
                tuple(self._editor(ReviewsEditor).linked_ids()),
                self._editor(ReviewsEditor).new_review_values(),
                tuple(self._editor(AttendanceEditor).values()),
                tuple(self._editor(AgendaEditor).values()),
                self._text("reflection-questions"),
                self._text("resources"),
                self._text("watch-words"),
                self._clear_watch_list,
            ),
        )

    def is_dirty(self) -> bool:
        if not self._ready:
            return self._details_baseline is not None and self._details_fingerprint() != self._details_baseline
        return self._fingerprint() != self._baseline

    def has_unsaved_changes(self) -> bool:
        """Asked by the app before quitting."""
        return self.is_dirty()

    def _watch_list(self) -> WatchList:
        base = self._base.event.watch_list if self._base and not self._clear_watch_list else WatchList()
        return base

    def _update_watch_count(self) -> None:
        if not self._ready:
            return
        stored = len(self._watch_list().hashes)
        pending = len(parse_lines(self._text("watch-words")))
        text = f"{stored} word{'s' if stored != 1 else ''} on the watch list (stored as hashes)."
        if self._clear_watch_list:
            text += " It will be cleared when you save."
        if pending:
            text += f" {pending} new word{'s' if pending != 1 else ''} will be added when you save."
        self.query_one("#watch-count", Static).update(text)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.id == "watch-words":
            self._update_watch_count()

    def build_record(self) -> tuple[EventRecord | None, dict[str, str]]:
        """The whole record from the form, or (None, messages by field key). Pure apart from reading widgets."""
        errors: dict[str, str] = {}
        reviews_editor: ReviewsEditor = self._editor(ReviewsEditor)
        new_review, review_errors = reviews_editor.build_new_review()
        errors.update(review_errors)
        linked = reviews_editor.linked_reviews() + ([new_review] if new_review else [])

        words = parse_lines(self._text("watch-words"))
        base_event = self._base.event.model_dump(exclude=set(EVENT_FIELDS)) if self._base else {}
        values = {
            **base_event,
            **self._event_values(),
            "review_ids": [review.id for review in linked],
            "reflection_questions": parse_lines(self._text("reflection-questions")),
            "resources": parse_lines(self._text("resources")),
        }
        try:
            values["watch_list"] = self._watch_list().add(words)
        except ValidationError:
            errors["watch_list"] = "the watch list holds at most 1,000 words; remove some"
            values["watch_list"] = self._watch_list()
        event: Event | None = None
        try:
            event = Event.model_validate(values)
        except ValidationError as error:
            found = errors_by_field(
                error, fields=(*EVENT_FIELDS, "reflection_questions", "resources", "watch_list", "review_ids")
            )
            if "review_ids" in found:
                found["reviews"] = found.pop("review_ids")
            errors.update(found)

        attendance, attendance_errors = self._editor(AttendanceEditor).build()
        errors.update(attendance_errors)
        agenda_editor: AgendaEditor = self._editor(AgendaEditor)
        phases, phase_errors = agenda_editor.build()
        errors.update(phase_errors)
        if errors or event is None:
            return None, errors

        if not phases:
            phases = build_agenda(linked, agenda_editor.selected_template())
        phase_ids = {phase.id for phase in phases}
        if event.current_phase_id not in phase_ids:
            event = event.model_copy(update={"current_phase_id": None})
        base = self._base
        try:
            record = EventRecord(
                event=event,
                reviews=linked,
                attendance=attendance,
                phases=phases,
                findings=base.findings if base else [],
                ratings=base.ratings if base else [],
                actions=base.actions if base else [],
            )
        except ValidationError as error:
            return None, {"": "; ".join(str(item["msg"]) for item in error.errors())}
        return record, {}

    # ----------------------------------------------------------------- saving

    def _show_errors(self, errors: dict[str, str]) -> FieldError | None:
        first = show_errors(self, errors)
        if first is None:
            return None
        pane = next((node for node in first.ancestors if isinstance(node, TabPane)), None)
        if pane is not None and pane.id:
            # Drop the focus first: a focused widget in the old pane would switch the tab straight back.
            self.set_focus(None)
            self.query_one("#setup-tabs", TabbedContent).active = pane.id
        self.call_after_refresh(focus_field, first)
        self.call_after_refresh(first.scroll_visible)
        return first

    def _errors_by_tab(self) -> str:
        """"Details 2, Attendance 1": where the shown messages are, since only one tab is in view."""
        counts: dict[str, int] = {}
        for field_error in self.query(FieldError):
            if not field_error.display:
                continue
            pane = next((node for node in field_error.ancestors if isinstance(node, TabPane)), None)
            name = pane.id.capitalize() if pane is not None and pane.id else "Form"
            counts[name] = counts.get(name, 0) + 1
        return ", ".join(f"{name} {count}" for name, count in counts.items())

    def action_save(self) -> None:
        if not self._ready or self._saving:
            return
        record, errors = self.build_record()
        if record is None:
            self._show_errors(errors)
            count = len(errors)
            self.notify(
                f"{count} thing{'s' if count != 1 else ''} to fix before saving ({self._errors_by_tab()}); each is "
                "marked beside its field. Nothing was saved.",
                title="Not saved",
                severity="warning",
            )
            return
        show_errors(self, {})
        self._saving = True
        self.lif.run_store(
            save_keeping_captures,
            self.lif.store,
            record,
            on_done=self._saved,
            on_error=self._save_failed,
            description="save the event",
        )

    async def _saved(self, record: EventRecord) -> None:
        self._saving = False
        self._base = record
        self._saved_id = record.event.id
        self._clear_watch_list = False
        reviews_editor: ReviewsEditor = self._editor(ReviewsEditor)
        pending = [review for review in record.reviews if review.id not in reviews_editor.known]
        for review in pending:
            await reviews_editor.add_review(review)
        agenda_editor: AgendaEditor = self._editor(AgendaEditor)
        agenda_editor.set_phases(record.phases, keep_highlight=True)
        for row, attendance in zip(
            (row for row in self._editor(AttendanceEditor).rows() if not row.values().blank), record.attendance
        ):
            row.original = attendance
        self.query_one("#watch-words", TextArea).load_text("")
        self._update_watch_count()
        agenda_editor.update_summary(record.reviews)
        self.query_one("#setup-banner", Static).update(self._banner())
        self._baseline = self._fingerprint()
        stale = agenda_is_stale(record.phases, record.reviews)
        self.notify(
            f"“{record.event.title}”: {len(record.reviews)} reviews, {len(record.phases)} phases, "
            f"{record.total_attending} attending."
            + (" The agenda does not match the learning points: ctrl+g on the Agenda tab updates it." if stale else ""),
            title="Saved",
            severity="warning" if stale else "information",
        )

    def _save_failed(self, _error: object) -> None:
        self._saving = False

    # ----------------------------------------------------------------- agenda and reviews

    async def on_agenda_editor_generate_requested(self, message: AgendaEditor.GenerateRequested) -> None:
        message.stop()
        editor: AgendaEditor = self._editor(AgendaEditor)
        reviews = self._editor(ReviewsEditor).linked_reviews()
        template = editor.selected_template()
        current = editor.current_phases()
        keep = current if template is editor.template else [
            phase.model_copy(update=_fresh_texts(phase, reviews, template)) for phase in current
        ]
        phases = build_agenda(reviews, template, keep=keep)
        dropped = [phase for phase in current if phase.id not in {p.id for p in phases}]

        async def apply(yes: bool | None = True) -> None:
            if not yes:
                return
            editor.template = template
            editor.set_phases(phases)
            editor.query_one("#phase-list").focus()
            editor.update_summary(reviews)
            self.notify(
                f"{len(phases)} phases from the {template} template"
                + (f", {sum(1 for p in phases if p.learning_point_id)} for learning points." if phases else "."),
                title="Agenda",
            )

        if dropped:
            from lif_tui.screens.dialogs import ConfirmDialog

            used = [phase for phase in dropped if phase.elapsed_seconds]
            detail = ", ".join(f"“{phase.title}”" for phase in dropped[:4]) + (" and more" if len(dropped) > 4 else "")
            if used:
                detail += f". {len(used)} of them already have time recorded."
            self.app.push_screen(
                ConfirmDialog(
                    f"Regenerate the agenda? {len(dropped)} phase(s) are not in the template any more.",
                    detail=f"Removed: {detail}",
                    yes="Regenerate",
                    no="Keep",
                    destructive=True,
                ),
                callback=apply,
            )
        else:
            await apply()

    def on_reviews_editor_linked_changed(self, message: ReviewsEditor.LinkedChanged) -> None:
        message.stop()
        if not self._ready:
            return
        reviews = self._editor(ReviewsEditor).linked_reviews()
        agenda: AgendaEditor = self._editor(AgendaEditor)
        agenda.follow_reviews(reviews)
        agenda.update_summary(reviews)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "clear-watch-list":
            event.stop()
            self._clear_watch_list = True
            self._update_watch_count()

    # ----------------------------------------------------------------- navigation

    def action_show_tab(self, tab: str) -> None:
        if not self._ready:
            self._pending_tab = tab  # pressed while the tabs were still mounting: go there when they are
            return
        tabs = self.query_one("#setup-tabs", TabbedContent)
        self.set_focus(None)
        tabs.active = tab
        pane = tabs.get_pane(tab)

        def focus_first() -> None:
            # The agenda opens on its list of phases once there are some; other tabs on their first field.
            phases = pane.query("#phase-list")
            control = phases.first() if phases and phases.first().display else first_focusable(pane)
            if control is not None:
                control.focus()

        self.call_after_refresh(focus_first)

    def action_next_tab(self, step: int) -> None:
        if not self._ready:
            return
        current = self.query_one("#setup-tabs", TabbedContent).active
        index = TABS.index(current) if current in TABS else 0
        self.action_show_tab(TABS[(index + step) % len(TABS)])

    def action_back(self) -> None:
        if not self.is_dirty():
            self.dismiss(self._saved_id)
            return
        from lif_tui.screens.dialogs import ConfirmDialog

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(self._saved_id)

        self.app.push_screen(
            ConfirmDialog(
                "Leave without saving?",
                detail="The changes on this screen have not been saved and will be lost. ctrl+s saves them.",
                yes="Discard changes",
                no="Keep editing",
                destructive=True,
            ),
            callback=answered,
        )


def _fresh_texts(phase: Any, reviews: list[Review], template: AgendaTemplate) -> dict[str, Any]:
    """When the template changes, matching phases take the new template's words but keep id and time."""
    fresh = {
        (p.kind, p.learning_point_id): p for p in build_agenda(reviews, template)
    }.get((phase.kind, phase.learning_point_id))
    if fresh is None:
        return {}
    return {"title": fresh.title, "prompt": fresh.prompt, "planned_minutes": fresh.planned_minutes}
