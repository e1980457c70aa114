"""Small builders of events for the archive tests (search, trends, action tracker, merge, retention)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from lif_tui.models import (
    RAG,
    Action,
    ActionStatus,
    Attendance,
    Event,
    EventRecord,
    EventStatus,
    Finding,
    FindingKind,
    LearningPoint,
    Phase,
    PhaseKind,
    Rating,
    Review,
)

T0 = datetime(2026, 1, 1, 9, 0, tzinfo=timezone.utc)


def review(pseudonym: str = "Child Q", points: tuple[str, ...] = ("Missed appointments were not followed up.",)) -> Review:
    return Review(
        pseudonym=pseudonym,
        themes=["Neglect"],
        learning_points=[
            LearningPoint(number=n, text=text, theme="Was not brought", created_at=T0, updated_at=T0)
            for n, text in enumerate(points, start=1)
        ],
        created_at=T0,
        updated_at=T0,
    )


def record(
    title: str = "Event",
    *,
    on: date = date(2026, 3, 1),
    findings: tuple[str, ...] = (),
    actions: tuple[Action, ...] = (),
    reviews: tuple[Review, ...] = (),
    ratings: tuple[Rating, ...] = (),
    status: EventStatus = EventStatus.CLOSED,
    agency: str = "Education",
) -> EventRecord:
    stamp = datetime.combine(on, datetime.min.time(), tzinfo=timezone.utc)
    phase = Phase(position=0, kind=PhaseKind.WELCOME, title="Welcome", planned_minutes=10, created_at=stamp, updated_at=stamp)
    return EventRecord(
        event=Event(
            title=title,
            event_date=on,
            status=status,
            review_ids=[r.id for r in reviews],
            created_at=stamp,
            updated_at=stamp,
        ),
        reviews=list(reviews),
        attendance=[Attendance(agency=agency, role="Teacher", count=3, created_at=stamp, updated_at=stamp)],
        phases=[phase],
        findings=[
            Finding(
                kind=FindingKind.CHANGED,
                text=text,
                agency=agency,
                phase_id=phase.id,
                created_at=stamp + timedelta(minutes=i),
                updated_at=stamp + timedelta(minutes=i),
            )
            for i, text in enumerate(findings)
        ],
        ratings=list(ratings),
        actions=list(actions),
    )


def action(
    text: str,
    *,
    due: date | None = None,
    status: ActionStatus = ActionStatus.OPEN,
    owner: str = "Police",
) -> Action:
    return Action(text=text, due_date=due, status=status, owner_agency=owner, owner_role="Lead", created_at=T0, updated_at=T0)


def rating(point: LearningPoint, rag: RAG | None, before: tuple[int, ...], after: tuple[int, ...]) -> Rating:
    return Rating(
        learning_point_id=point.id,
        rag=rag,
        confidence_before=dict(zip(range(1, 6), before)),
        confidence_after=dict(zip(range(1, 6), after)),
        created_at=T0,
        updated_at=T0,
    )


def revisit(original: EventRecord, *, on: date, title: str, improve: int = 1) -> EventRecord:
    """A later event on the same reviews: same learning point ids, each rated again `improve` steps better.

    It is how trends arise in real use: duplicating an event for a follow-up keeps its reviews.
    """
    from lif_tui.models import Event

    stamp = datetime.combine(on, datetime.min.time(), tzinfo=timezone.utc)
    order = [RAG.RED, RAG.AMBER, RAG.GREEN]
    ratings = []
    for old in original.ratings:
        rag = order[min(2, order.index(old.rag) + improve)] if old.rag else None
        shift = lambda tallies: {score: tallies.get(score - improve, 0) if score < 5 else sum(  # noqa: E731
            count for s, count in tallies.items() if s >= 5 - improve) for score in range(1, 6)}
        ratings.append(
            Rating(learning_point_id=old.learning_point_id, rag=rag, confidence_before=shift(old.confidence_before),
                   confidence_after=shift(old.confidence_after), created_at=stamp, updated_at=stamp)
        )
    return EventRecord(
        event=Event(title=title, event_date=on, status=EventStatus.CLOSED, review_ids=list(original.event.review_ids),
                    partnership=original.event.partnership, created_at=stamp, updated_at=stamp),
        reviews=original.reviews,
        attendance=[Attendance(agency="Education", role="Teacher", count=9, created_at=stamp, updated_at=stamp)],
        findings=[Finding(kind=FindingKind.EVIDENCE, text="Diabetes awareness has held up a year on.", agency="Education",
                          created_at=stamp, updated_at=stamp)],
        ratings=ratings,
    )
