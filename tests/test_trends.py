"""The trend calculation: one review's learning points rated across the events that revisited it."""

from __future__ import annotations

from datetime import date

import pytest

from archive_factories import rating, record, review
from lif_tui.db.trends import review_trend, reviews_with_events
from lif_tui.errors import NotFoundError
from lif_tui.models import RAG


@pytest.fixture
def revisited(store):
    shared = review("Child Q", ("Missed appointments", "Information sharing"))
    lp1, lp2 = shared.learning_points
    # Saved out of date order on purpose: the trend must sort by event date.
    later = record(
        "Second look",
        on=date(2026, 6, 1),
        reviews=(shared,),
        ratings=(rating(lp1, RAG.GREEN, (0, 0, 1, 2, 3), (0, 0, 0, 1, 5)), rating(lp2, RAG.AMBER, (1, 1, 1, 0, 0), (0, 0, 0, 0, 0))),
    )
    earlier = record(
        "First look",
        on=date(2025, 6, 1),
        reviews=(shared,),
        ratings=(rating(lp1, RAG.RED, (3, 2, 1, 0, 0), (1, 2, 2, 1, 0)),),
    )
    unrelated = record("Other", on=date(2026, 1, 1), reviews=(review("Child R"),))
    for item in (later, earlier, unrelated):
        store.save_event(item)
    return shared, earlier, later


def test_reviews_with_events_counts_live_events(store, revisited):
    shared, earlier, later = revisited
    usage = reviews_with_events(store, minimum=2)
    assert [(u.pseudonym, u.event_count) for u in usage] == [("Child Q", 2)]
    assert (usage[0].first_date, usage[0].last_date) == (date(2025, 6, 1), date(2026, 6, 1))
    assert {u.pseudonym for u in reviews_with_events(store)} == {"Child Q", "Child R"}
    store.delete_event(earlier.event.id)
    assert reviews_with_events(store, minimum=2) == []


def test_trend_lines_up_ratings_in_date_order(store, revisited):
    shared, earlier, later = revisited
    trend = review_trend(store, shared.id)
    assert [e.title for e in trend.events] == ["First look", "Second look"]
    first_point, second_point = trend.points
    assert first_point.learning_point.number == 1
    assert [c.rag for c in first_point.cells] == [RAG.RED, RAG.GREEN]
    # Medians from tallies: (3,2,1,0,0) is 1,1,1,2,2,3 -> 1.5; (0,0,1,2,3) is 3,4,4,5,5,5 -> 4.5.
    assert [c.median_before for c in first_point.cells] == [1.5, 4.5]
    assert [c.median_after for c in first_point.cells] == [2.5, 5]
    assert first_point.confidence_series() == [2.5, 5]
    assert first_point.rag_series() == [1, 3]
    assert first_point.direction() == "improved"
    # LP2 was not rated at the first event; its after-confidence was not taken at the second.
    assert [c.rated for c in second_point.cells] == [False, True]
    assert second_point.cells[1].median_after is None and second_point.cells[1].votes_before == 3
    assert second_point.confidence_series() == [None, 2]
    assert second_point.direction() == ""


def test_direction_by_confidence_when_rag_is_unchanged(store):
    shared = review("Child S", ("Only point",))
    (point,) = shared.learning_points
    store.save_event(record("A", on=date(2025, 1, 1), reviews=(shared,), ratings=(rating(point, RAG.AMBER, (0, 0, 0, 0, 0), (0, 0, 0, 3, 0)),)))
    store.save_event(record("B", on=date(2026, 1, 1), reviews=(shared,), ratings=(rating(point, RAG.AMBER, (0, 0, 0, 0, 0), (0, 3, 0, 0, 0)),)))
    assert review_trend(store, shared.id).points[0].direction() == "worse"


def test_deleted_ratings_are_ignored_and_unknown_review_refused(store, revisited):
    shared, earlier, later = revisited
    reloaded = store.load_event(later.event.id)
    store.save_event(reloaded.model_copy(update={"ratings": reloaded.ratings[1:]}))  # LP1's rating removed (soft)
    cells = review_trend(store, shared.id).points[0].cells
    assert [c.rated for c in cells] == [True, False]
    with pytest.raises(NotFoundError):
        review_trend(store, "00000000-0000-0000-0000-000000000000")
