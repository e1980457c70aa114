"""The fixed vocabularies of the domain (review types, statuses, kinds, RAG...) as plain StrEnums.

They live apart from the pydantic models in `lif_tui.models` (which re-exports them) so that code on the
start-up path, such as the events list, can use them without importing pydantic.
"""

from __future__ import annotations

from enum import StrEnum


class ReviewType(StrEnum):
    SCR = "SCR"
    LCSPR = "LCSPR"
    RAPID_REVIEW = "rapid review"
    THEMATIC = "thematic"
    NATIONAL = "national"
    MULTI_AGENCY_AUDIT = "multi-agency audit"
    OTHER = "other"


class ReviewStatus(StrEnum):
    OPEN = "open"
    PUBLISHED = "published"
    EMBARGOED = "embargoed"


class Marking(StrEnum):
    OFFICIAL = "OFFICIAL"
    OFFICIAL_SENSITIVE = "OFFICIAL-SENSITIVE"


class EventStatus(StrEnum):
    PLANNED = "planned"
    LIVE = "live"
    CLOSED = "closed"


class PhaseKind(StrEnum):
    WELCOME = "welcome"
    RECAP = "recap"
    VOICE = "voice of the child"
    LEARNING_POINT = "learning point"
    BARRIERS = "barriers"
    ACTIONS = "actions"
    CLOSE = "close"


class FindingKind(StrEnum):
    CHANGED = "what has changed"
    EVIDENCE = "evidence of impact"
    GOOD_PRACTICE = "good practice"
    BARRIER = "barrier or gap"
    VOICE = "voice of the child"
    KEY_MESSAGE = "key message"


class EvidenceType(StrEnum):
    POLICY = "policy or procedure"
    TRAINING = "training"
    AUDIT = "audit or data"
    CASE_EXAMPLE = "case example"
    PRACTITIONER_ACCOUNT = "practitioner account"


class RAG(StrEnum):
    RED = "red"
    AMBER = "amber"
    GREEN = "green"


class ActionStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in progress"
    DONE = "done"
    DROPPED = "dropped"


class ConfidenceStage(StrEnum):
    BEFORE = "before"
    AFTER = "after"
