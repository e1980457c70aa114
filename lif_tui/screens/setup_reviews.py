"""Set-up, reviews tab: link existing reviews, or add a new one with its learning points.

Pasting several lines into the learning-points box makes several learning points, one per line. A new
review is only kept in memory until the event is saved, so nothing is written half-way.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from pydantic import ValidationError
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, Select, SelectionList, Static, TextArea
from textual.widgets.selection_list import Selection

from lif_tui.agenda import LearningPointsError, parse_learning_points, read_learning_points
from lif_tui.models import Review, ReviewType
from lif_tui.screens.form import FieldError, FormField, errors_by_field, focus_field, show_errors

NEW_REVIEW_FIELDS = ("pseudonym", "review_type", "year", "summary", "learning_points")


@dataclass(frozen=True)
class NewReviewValues:
    pseudonym: str
    review_type: str
    year: str
    summary: str
    learning_points: str

    @property
    def blank(self) -> bool:
        return not (self.pseudonym.strip() or self.year.strip() or self.summary.strip() or self.learning_points.strip())


def review_label(review: Review) -> Text:
    """Plain Text, never markup: pseudonyms and years are shown exactly as typed."""
    points = len(review.active_learning_points())
    year = f", {review.year}" if review.year else ""
    label = Text(review.pseudonym, style="bold")
    label.append(f" ({review.review_type}{year}): {points} learning point{'s' if points != 1 else ''}")
    return label


class ReviewsEditor(Vertical):
    """The linked reviews (a selection list, in the agenda's order) and the form for a new review."""

    HELP_TITLE = "reviews"
    BINDINGS = [
        Binding(
            "ctrl+n",
            "add_review",
            "Add review",
            id="setup.reviews.add",
            tooltip="Add the new review typed below and link it to this event",
        ),
    ]

    class LinkedChanged(Message):
        """The set or order of linked reviews changed (the agenda may need regenerating)."""

    def __init__(self, known: list[Review], linked: list[uuid.UUID]) -> None:
        super().__init__(id="reviews-editor")
        order = {review_id: index for index, review_id in enumerate(linked)}
        self.known: dict[uuid.UUID, Review] = {
            review.id: review
            for review in sorted(known, key=lambda r: (order.get(r.id, len(order)), r.pseudonym.casefold()))
        }
        self.initial_linked = linked

    def compose(self) -> ComposeResult:
        yield Static(
            "Linked reviews: space ticks or unticks; the agenda takes their learning points in this order.",
            classes="pane-intro",
        )
        yield SelectionList[str](
            *(
                Selection(review_label(review), str(review.id), review.id in self.initial_linked)
                for review in self.known.values()
            ),
            id="review-list",
        )
        yield Static("No reviews stored yet: add the first one below.", id="no-reviews", classes="field-hint")
        yield Static("", id="linked-summary", markup=False)
        yield FieldError("reviews")
        yield Static("Add a new review", classes="section-title")
        yield FormField(
            "Pseudonym", Input(placeholder="e.g. Child T", compact=True, id="new-pseudonym"), key="new_review.pseudonym"
        )
        yield FormField(
            "Type",
            Select(
                [(kind.value, kind.value) for kind in ReviewType],
                value=ReviewType.SCR.value,
                allow_blank=False,
                compact=True,
                id="new-type",
            ),
            key="new_review.review_type",
        )
        yield FormField("Year", Input(placeholder="e.g. 2018/19", compact=True, id="new-year"), key="new_review.year")
        yield FormField(
            "Summary",
            TextArea(compact=True, soft_wrap=True, id="new-summary"),
            key="new_review.summary",
            hint="A short, anonymised summary: no names, places or exact dates.",
        )
        yield FormField(
            "Learning points",
            TextArea(compact=True, soft_wrap=True, id="new-points"),
            key="new_review.learning_points",
            hint="Paste or type one per line. \"Theme: text\" sets a theme; \"3.\" keeps the review's numbering.",
        )
        with Horizontal(classes="pane-buttons"):
            yield Button("Add review (ctrl+n)", id="add-review", compact=True)
            yield Static("", id="points-preview", markup=False)

    def on_mount(self) -> None:
        self.query_one("#no-reviews").display = not self.known
        self.query_one("#review-list").display = bool(self.known)
        self.update_linked_summary()

    def update_linked_summary(self) -> None:
        """Say in words which reviews are linked, so it never rests on the tick's colour alone."""
        names = [review.pseudonym for review in self.linked_reviews()]
        self.query_one("#linked-summary", Static).update(
            f"Linked, in agenda order: {', '.join(names)}." if names else "No review is linked to this event yet."
        )

    # ----------------------------------------------------------------- values

    def linked_ids(self) -> list[uuid.UUID]:
        selection = self.query_one("#review-list", SelectionList)
        chosen = set(selection.selected)
        return [review_id for review_id in self.known if str(review_id) in chosen]

    def linked_reviews(self) -> list[Review]:
        return [self.known[review_id] for review_id in self.linked_ids()]

    def new_review_values(self) -> NewReviewValues:
        review_type = self.query_one("#new-type", Select).value
        return NewReviewValues(
            pseudonym=self.query_one("#new-pseudonym", Input).value,
            review_type=str(review_type),
            year=self.query_one("#new-year", Input).value,
            summary=self.query_one("#new-summary", TextArea).text,
            learning_points=self.query_one("#new-points", TextArea).text,
        )

    def build_new_review(self) -> tuple[Review | None, dict[str, str]]:
        """The review typed in the form (None if the form is blank), or the messages for its fields."""
        values = self.new_review_values()
        if values.blank:
            return None, {}
        errors: dict[str, str] = {}
        try:
            points = parse_learning_points(values.learning_points)
        except LearningPointsError as error:
            points = []
            errors["new_review.learning_points"] = "; ".join(error.messages[:3])
        if not points and "new_review.learning_points" not in errors:
            errors["new_review.learning_points"] = "add at least one learning point, one per line"
        try:
            review = Review.model_validate(
                {
                    "pseudonym": values.pseudonym,
                    "review_type": values.review_type,
                    "year": values.year,
                    "summary": values.summary,
                    "learning_points": points,
                }
            )
        except ValidationError as error:
            errors.update(errors_by_field(error, prefix="new_review", fields=NEW_REVIEW_FIELDS))
            return None, errors
        if errors:
            return None, errors
        duplicate = next(
            (r for r in self.known.values() if r.pseudonym.casefold() == review.pseudonym.casefold()), None
        )
        if duplicate is not None:
            return None, {
                "new_review.pseudonym": f"a review called {duplicate.pseudonym} is already in the list above; tick it there"
            }
        return review, {}

    async def add_review(self, review: Review) -> None:
        """Put the new review at the end of the linked ones, ticked, and clear the form."""
        self.known[review.id] = review
        selection = self.query_one("#review-list", SelectionList)
        selection.add_option(Selection(review_label(review), str(review.id), True))
        selection.display = True
        self.query_one("#no-reviews").display = False
        self.query_one("#new-pseudonym", Input).value = ""
        self.query_one("#new-year", Input).value = ""
        self.query_one("#new-summary", TextArea).load_text("")
        self.query_one("#new-points", TextArea).load_text("")
        self.update_linked_summary()
        self.post_message(self.LinkedChanged())

    # ----------------------------------------------------------------- events

    async def action_add_review(self) -> None:
        review, errors = self.build_new_review()
        first = show_errors(self, errors, prefix="new_review.")
        if first is not None:
            focus_field(first)
            return
        if review is None:
            self.notify("Type the pseudonym and the learning points first.", severity="warning")
            self.query_one("#new-pseudonym", Input).focus()
            return
        await self.add_review(review)
        self.notify(
            f"Added {review.pseudonym} with {len(review.learning_points)} learning points, linked to this event. "
            "It is stored when you save (ctrl+s).",
            title="Review added",
        )

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "add-review":
            event.stop()
            await self.action_add_review()

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        event.stop()
        self.update_linked_summary()
        self.post_message(self.LinkedChanged())

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.id == "new-points":
            self.update_preview()

    def update_preview(self) -> None:
        parsed = read_learning_points(self.query_one("#new-points", TextArea).text)
        preview = self.query_one("#points-preview", Static)
        if not parsed:
            preview.update("")
            return
        labels = ", ".join(f"LP{p.number}" + (f" ({p.theme})" if p.theme else "") for p in parsed[:4])
        more = f" and {len(parsed) - 4} more" if len(parsed) > 4 else ""
        preview.update(f"{len(parsed)} learning point{'s' if len(parsed) != 1 else ''}: {labels}{more}")
