"""Model validation: the messages a facilitator sees when something they typed is wrong."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from pydantic import ValidationError

from lif_tui.models import (
    MAX_TEXT,
    SCHEMA_VERSION,
    Action,
    ConfidenceStage,
    Event,
    EventRecord,
    Finding,
    FindingKind,
    LearningPoint,
    Rating,
    Review,
    WatchList,
    tally_median,
    validation_messages,
)


def messages(excinfo: pytest.ExceptionInfo[ValidationError]) -> str:
    return " | ".join(validation_messages(excinfo.value))


def test_empty_title_is_refused_with_a_field_message() -> None:
    with pytest.raises(ValidationError) as excinfo:
        Event(title="   ", event_date="2026-03-12")
    assert messages(excinfo) == "title: cannot be empty"


@pytest.mark.parametrize("typed", ["12/03/2026", "2026-03-12", "12-03-2026", "12 March 2026"])
def test_uk_and_iso_dates_parse(typed: str) -> None:
    assert Event(title="T", event_date=typed).event_date == date(2026, 3, 12)


@pytest.mark.parametrize("typed", ["31/02/2026", "next Tuesday", "2026-13-01"])
def test_dates_that_do_not_parse_say_how_to_write_one(typed: str) -> None:
    with pytest.raises(ValidationError) as excinfo:
        Event(title="T", event_date=typed)
    text = messages(excinfo)
    assert text.startswith("event date:") and "is not a date" in text and "YYYY-MM-DD" in text


def test_ratings_outside_one_to_five_are_refused() -> None:
    rating = Rating(learning_point_id=uuid.uuid4())
    with pytest.raises(ValueError, match="outside 1–5"):
        rating.with_vote(ConfidenceStage.BEFORE, 6)
    with pytest.raises(ValueError, match="outside 1–5"):
        rating.with_vote(ConfidenceStage.AFTER, 0)
    with pytest.raises(ValidationError) as excinfo:
        Rating(learning_point_id=uuid.uuid4(), confidence_after={7: 1})
    assert "confidence after: confidence rating 7 is outside 1–5" in messages(excinfo)


def test_votes_accumulate_and_give_a_median() -> None:
    rating = Rating(learning_point_id=uuid.uuid4())
    for score in (2, 3, 3, 5):
        rating = rating.with_vote(ConfidenceStage.BEFORE, score)
    assert rating.confidence_before == {1: 0, 2: 1, 3: 2, 4: 0, 5: 1}
    assert rating.median_before == 3
    assert rating.median_after is None
    assert tally_median({1: 1, 2: 0, 3: 0, 4: 0, 5: 1}) == 3


def test_unknown_kinds_list_the_known_ones() -> None:
    with pytest.raises(ValidationError) as excinfo:
        Finding(kind="gossip", text="x")
    text = messages(excinfo)
    assert text.startswith("kind: is not one of the known values") and "'good practice'" in text
    with pytest.raises(ValidationError):
        Review(pseudonym="Child T", review_type="inquest")


def test_text_longer_than_the_bound_is_refused_with_its_length() -> None:
    Finding(kind=FindingKind.CHANGED, text="a" * MAX_TEXT)
    with pytest.raises(ValidationError) as excinfo:
        Finding(kind=FindingKind.CHANGED, text="a" * (MAX_TEXT + 1))
    assert "20,001 characters long; the limit is 20,000" in messages(excinfo)


def test_control_characters_are_removed_and_surrogates_replaced() -> None:
    finding = Finding(kind=FindingKind.CHANGED, text="line one\r\nline\x00 two\x1b[31m\ud800end\tok")
    assert finding.text == "line one\nline two[31m\ufffdend\tok"
    action = Action(text="check\x07")
    assert action.text == "check"


def test_a_finding_of_only_control_characters_counts_as_empty() -> None:
    with pytest.raises(ValidationError) as excinfo:
        Finding(kind=FindingKind.CHANGED, text="\x00\x01 ")
    assert "text: cannot be empty" in messages(excinfo)


def test_assignments_are_validated_too() -> None:
    event = Event(title="T", event_date="2026-03-12")
    with pytest.raises(ValidationError):
        event.title = ""


def test_learning_point_numbers_must_be_unique_within_a_review() -> None:
    with pytest.raises(ValidationError, match="used twice"):
        Review(
            pseudonym="Child T",
            learning_points=[LearningPoint(number=1, text="a"), LearningPoint(number=1, text="b")],
        )


def test_watch_list_keeps_only_salted_hashes() -> None:
    watch = WatchList().add(["Tobias  Rennick", ""])
    assert len(watch.hashes) == 1
    assert watch.contains("tobias rennick")
    assert not watch.contains("Tobias")
    assert "Tobias" not in watch.model_dump_json()
    other = WatchList().add(["Tobias Rennick"])
    assert other.hashes != watch.hashes, "each event has its own salt"


def test_record_carries_schema_version_and_refuses_newer() -> None:
    event = Event(title="T", event_date="2026-03-12")
    record = EventRecord(event=event)
    assert record.schema_version == SCHEMA_VERSION
    data = record.model_dump(mode="json")
    data["schema_version"] = SCHEMA_VERSION + 1
    with pytest.raises(ValidationError, match="upgrade lif-tui"):
        EventRecord.model_validate(data)


def test_record_refuses_a_link_to_a_review_it_does_not_hold() -> None:
    event = Event(title="T", event_date="2026-03-12", review_ids=[uuid.uuid4()])
    with pytest.raises(ValidationError, match="not in the record"):
        EventRecord(event=event)


def test_record_refuses_a_review_the_event_does_not_link() -> None:
    """The record's reviews are exactly the linked ones, so a store round trip gives the same record."""
    review = Review(pseudonym="Child T")
    with pytest.raises(ValidationError, match="not linked to the event"):
        EventRecord(event=Event(title="T", event_date="2026-03-12"), reviews=[review])


def test_unknown_fields_are_refused() -> None:
    with pytest.raises(ValidationError):
        Finding(kind=FindingKind.CHANGED, text="x", attendee_name="someone")


def test_overdue_only_counts_unfinished_actions() -> None:
    today = date(2026, 11, 26)
    assert Action(text="a", due_date="2026-11-25").is_overdue(today)
    assert not Action(text="a", due_date="2026-11-26").is_overdue(today)
    assert not Action(text="a", due_date="2026-01-01", status="done").is_overdue(today)
    assert not Action(text="a").is_overdue(today)
