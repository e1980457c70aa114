"""The sensitivity check: table-driven patterns, the watch list, and the record scan with refs."""

from __future__ import annotations

import time
from datetime import date, datetime, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lif_tui.demo import demo_records
from lif_tui.models import (
    Action,
    Attendance,
    Event,
    EventRecord,
    Finding,
    FindingKind,
    LearningPoint,
    Review,
    WatchList,
    clean_text,
)
from lif_tui.sensitivity import HitRef, SensitivityHit, check_record, check_text, nhs_number_is_valid

CASES: list[tuple[str, str | None, str | None]] = [
    # text, expected item (None: no hit), expected matched text
    ("Child T", None, None),
    ("Child T was not brought to clinic", None, None),
    ("BN1 1AA", "UK postcode", "BN1 1AA"),
    ("lives near SW1A 2AA now", "UK postcode", "SW1A 2AA"),
    ("lives near sw1a 2aa now", "UK postcode", "sw1a 2aa"),
    ("postcode BN11AA", "UK postcode", "BN11AA"),
    ("LP1 and LP2 were discussed", None, None),
    ("in Q3 the audit ran", None, None),
    ("see LP2 3rd bullet", None, None),
    ("NHS number 943 476 5919", "NHS number", "943 476 5919"),
    ("NHS number 943-476-5919", "NHS number", "943-476-5919"),
    ("NHS number 9434765919", "NHS number", "9434765919"),
    ("NHS number 943 476 5918", None, None),  # wrong check digit
    ("call 01273 123456", "phone number", "01273 123456"),
    ("mobile 07700 900123", "phone number", "07700 900123"),
    ("ring +44 7700 900123", "phone number", "+44 7700 900123"),
    ("ring +44 (0)20 7946 0018", "phone number", "+44 (0)20 7946 0018"),
    ("ring 020 7946 0018", "phone number", "020 7946 0018"),
    ("email duty.team@example.org.uk", "email address", "duty.team@example.org.uk"),
    ("NI number AB 12 34 56 C", "National Insurance number", "AB 12 34 56 C"),
    ("NI number ab123456c", "National Insurance number", "ab123456c"),
    ("NI number QQ123456C", None, None),  # Q is never a prefix letter
    ("seen on 14/03/2026", "full date", "14/03/2026"),
    ("seen on 14-03-2026", "full date", "14-03-2026"),
    ("seen on 2026-03-14", "full date", "2026-03-14"),
    ("seen on 14 March 2026", "full date", "14 March 2026"),
    ("seen on 14th March 2026", "full date", "14th March 2026"),
    ("seen on March 14, 2026", "full date", "March 14, 2026"),
    ("seen on 3 May at home", "full date", "3 May"),
    ("seen in March 2026", None, None),
    ("the 2 may be enough", None, None),
    ("see section 4.2.10", None, None),
    ("95% of 1,200 referrals", None, None),
]


@pytest.mark.parametrize("text,item,matched", CASES)
def test_patterns(text: str, item: str | None, matched: str | None) -> None:
    hits = check_text(text)
    if item is None:
        assert hits == [], hits
    else:
        assert [(h.item, text[h.start : h.end]) for h in hits] == [(item, matched)]


def test_full_date_suggests_month_and_year() -> None:
    (hit,) = check_text("the bruise was seen on 14/03/2026")
    assert hit.suggestion == "use month and year: March 2026"
    (hit,) = check_text("on the 2nd of June 2025")
    assert hit.suggestion == "use month and year: June 2025"


def test_nhs_check_digit() -> None:
    assert nhs_number_is_valid("9434765919")
    assert not nhs_number_is_valid("9434765918")
    assert not nhs_number_is_valid("123")


def test_watch_list_words_and_phrases_by_hash() -> None:
    watch = WatchList().add(["Ocean Primary", "Smith", "St Mary's"])
    assert "ocean primary" not in " ".join(watch.hashes)  # only hashes are stored
    text = "Staff at Ocean  Primary told Mrs Smith-Jones about St Mary's ward."
    hits = check_text(text, watch)
    assert [text[h.start : h.end] for h in hits] == ["Ocean  Primary", "Smith", "St Mary's"]
    assert all(h.item == "watch-list word" for h in hits)
    assert check_text("Nothing watched here", watch) == []
    assert check_text("Ocean Primary", WatchList()) == []


def _record(**finding_text: str) -> EventRecord:
    point = LearningPoint(number=2, text="Information sharing was weak")
    review = Review(pseudonym="Child T", learning_points=[point])
    event = Event(title="Test event", event_date=date(2026, 3, 12), review_ids=[review.id], purpose="To learn.")
    event = event.model_copy(update={"watch_list": event.watch_list.add(["Kingsmere College"])})
    findings = [
        Finding(kind=FindingKind.CHANGED, text=finding_text.get("changed", "Clinic letters now go to school."),
                learning_point_id=point.id, agency="Education"),
        Finding(kind=FindingKind.BARRIER, text="Deleted text with BN1 1AA", deleted_at=datetime.now(timezone.utc)),
    ]
    actions = [Action(text="Audit flags", measure=finding_text.get("measure", "Audit report in June 2027"))]
    return EventRecord(event=event, reviews=[review], findings=findings, actions=actions,
                       attendance=[Attendance(agency="Police", count=2)])


def test_clean_record_has_no_hits() -> None:
    assert check_record(_record()) == []


def test_demo_events_pass() -> None:
    for record in demo_records():
        assert check_record(record) == [], record.event.title


def test_record_hits_name_item_field_snippet_and_ref() -> None:
    record = _record(changed="The family moved to BN1 1AA and Kingsmere College in spring.", measure="Review on 14/03/2027")
    hits = check_record(record)
    assert {h.item for h in hits} == {"UK postcode", "watch-list word", "full date"}
    postcode = next(h for h in hits if h.item == "UK postcode")
    assert isinstance(postcode, SensitivityHit)
    assert postcode.field == "finding 1 (what has changed, LP2)"
    assert "BN1 1AA" in postcode.snippet and len(postcode.snippet) <= 62
    assert postcode.ref == HitRef("finding", record.findings[0].id, "text")
    date_hit = next(h for h in hits if h.item == "full date")
    assert date_hit.field == "action 1: measure"
    assert date_hit.suggestion == "use month and year: March 2027"
    assert date_hit.ref is not None and date_hit.ref.kind == "action"
    assert "watch-list word in finding 1" in next(h for h in hits if h.item == "watch-list word").as_line()


def test_deleted_rows_are_not_scanned() -> None:
    record = _record()
    assert all("Deleted" not in hit.snippet for hit in check_record(record))


def test_event_and_review_fields_are_scanned() -> None:
    record = _record()
    review = record.reviews[0].model_copy(update={"summary": "Contact was via jo@example.org"})
    event = record.event.model_copy(update={"purpose": "Call 01273 123456"})
    record = record.model_copy(update={"reviews": [review], "event": event})
    fields = {hit.field for hit in check_record(record)}
    assert fields == {"event: purpose", "review Child T: summary"}


def test_check_is_fast_on_long_text() -> None:
    watch = WatchList().add(["Ocean Primary"])
    text = ("Health visitor saw the family on 3 May in BN1 1AA with 01273 123456. " * 300)[:20_000]
    start = time.perf_counter()
    hits = check_text(text, watch)
    assert time.perf_counter() - start < 1.0
    assert len(hits) > 500


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.characters(codec=None, blacklist_categories=()), max_size=300))
def test_any_text_is_checked_without_error(text: str) -> None:
    watch = WatchList().add(["Ocean Primary"])
    cleaned = clean_text(text)
    for match in check_text(text, watch):
        assert 0 <= match.start < match.end <= len(cleaned)
        assert match.item and match.suggestion
