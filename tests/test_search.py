"""Full-text search over the archive: words, phrases, prefixes, text that is not ASCII, and deletions."""

from __future__ import annotations

from datetime import date

import pytest

from archive_factories import action, record, review
from lif_tui.db.browse import ArchiveFilter, browse_events, count_matching_events, filter_choices
from lif_tui.db.search import count_hits, search_archive, split_marked
from lif_tui.models import EventStatus


@pytest.fixture
def archive(store):
    school = record(
        "School event",
        on=date(2025, 5, 1),
        findings=(
            "Diabetes training reached every school nurse.",
            "The café meeting with Zoë's team was a naïve first step.",
            "Appointments missed are now followed up by the GP.",
            "Text with [brackets] and diabetes inside.",
        ),
        agency="Education",
    )
    police = record(
        "Police event",
        on=date(2026, 2, 1),
        findings=("Officers now ask about diabetes care plans.", "A missed appointment is a child not brought."),
        actions=(action("Audit diabetes referrals", owner="Police"),),
        reviews=(review("Child Q", ("Type 1 diabetes can kill.",)),),
        agency="Police",
        status=EventStatus.LIVE,
    )
    for item in (school, police):
        store.save_event(item)
    return {"school": school, "police": police}


def texts(hits) -> set[str]:
    return {hit.snippet.replace("[", "").replace("]", "") for hit in hits}


def test_single_word_ranks_and_marks_every_kind(store, archive):
    hits = search_archive(store, "diabetes")
    kinds = {hit.item_kind for hit in hits}
    assert kinds == {"finding", "action", "learning_point"}
    assert len(hits) == count_hits(store, "diabetes") == 5
    assert all(any(matched and text.lower() == "diabetes" for text, matched in hit.parts) for hit in hits)
    assert [hit.rank for hit in hits] == sorted(hit.rank for hit in hits)
    learning_point = next(hit for hit in hits if hit.item_kind == "learning_point")
    assert learning_point.event_id == archive["police"].event.id  # opens the event that revisited the review
    assert learning_point.detail == "Child Q LP1"


def test_words_are_anded_and_case_folded(store):
    store.save_event(record(findings=("Health visitors share records", "Health visitors meet", "records only")))
    assert texts(search_archive(store, "HEALTH records")) == {"Health visitors share records"}


def test_phrase_needs_the_words_together(store):
    store.save_event(record(findings=("missed appointments matter", "appointments were missed")))
    hits = search_archive(store, '"missed appointments"')
    assert texts(hits) == {"missed appointments matter"}
    assert hits[0].snippet == "[missed appointments] matter"


def test_prefix(store, archive):
    found = texts(search_archive(store, "appoint*"))
    assert any("Appointments missed" in text for text in found)
    assert any("missed appointment is" in text for text in found)
    assert search_archive(store, "appoint") == []


@pytest.mark.parametrize("typed", ["café", "cafe", "CAFÉ", "Zoë", "zoe", "naïve", "naive", "Zoe\u0308"])
def test_non_ascii_and_diacritics_fold(store, archive, typed):
    hits = search_archive(store, typed)
    assert len(hits) == 1
    assert "naïve" in hits[0].snippet  # the stored text keeps its accents


def test_syntax_characters_are_harmless(store, archive):
    for typed in ['"', "AND", "OR NOT", "(*)", "col:diabetes", "^diabetes", "diabetes -nurse", "'; DROP TABLE findings"]:
        search_archive(store, typed)  # never raises
    assert search_archive(store, "") == [] and search_archive(store, "  ") == []


def test_literal_brackets_are_not_taken_for_matches(store, archive):
    hit = next(hit for hit in search_archive(store, "brackets"))
    assert [text for text, matched in hit.parts if matched] == ["brackets"]
    assert hit.snippet.count("[") == 2


def test_deleted_rows_and_deleted_events_are_not_found(store, archive):
    school = archive["school"]
    target = next(f for f in school.findings if f.text.startswith("Diabetes training"))
    store.delete_finding(target.id)
    assert "Diabetes training reached every school nurse." not in texts(search_archive(store, "diabetes"))
    store.restore_finding(target.id)
    assert "Diabetes training reached every school nurse." in texts(search_archive(store, "diabetes"))
    store.delete_event(archive["police"].event.id)
    hits = search_archive(store, "diabetes")
    assert {hit.event_id for hit in hits} == {school.event.id}
    assert count_hits(store, "diabetes") == len(hits) == 2


def test_paging_and_filters(store, archive):
    first, second = search_archive(store, "diabetes", limit=2), search_archive(store, "diabetes", limit=2, offset=2)
    assert len(first) == len(second) == 2 and not {h.item_id for h in first} & {h.item_id for h in second}
    police_only = search_archive(store, "diabetes", ArchiveFilter(status=EventStatus.LIVE))
    assert {hit.event_id for hit in police_only} == {archive["police"].event.id}
    by_agency = search_archive(store, "diabetes", ArchiveFilter(agency="education"))
    assert {hit.item_kind for hit in by_agency} == {"finding"} and len(by_agency) == 2
    assert search_archive(store, "diabetes", ArchiveFilter(date_to=date(2025, 12, 31)))[0].event_title == "School event"


def test_browse_filters_and_pages(store, archive):
    assert [e.title for e in browse_events(store)] == ["Police event", "School event"]
    assert count_matching_events(store, ArchiveFilter(text="café")) == 1
    assert [e.title for e in browse_events(store, ArchiveFilter(theme="neglect"))] == ["Police event"]
    assert [e.title for e in browse_events(store, ArchiveFilter(agency="Police"))] == ["Police event"]
    assert [e.title for e in browse_events(store, ArchiveFilter(date_from=date(2025, 1, 1), date_to=date(2025, 12, 31)))] == [
        "School event"
    ]
    assert [e.title for e in browse_events(store, limit=1, offset=1)] == ["School event"]
    review_id = archive["police"].reviews[0].id
    assert [e.title for e in browse_events(store, ArchiveFilter(review_id=review_id))] == ["Police event"]
    choices = filter_choices(store)
    assert choices.reviews == [(review_id, "Child Q")]
    assert "Neglect" in choices.themes and {"Education", "Police"} <= set(choices.agencies)


def test_split_marked():
    assert split_marked("a \x01b\x02 c") == (("a ", False), ("b", True), (" c", False))
    assert split_marked("") == ()
