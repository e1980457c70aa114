"""Errors that reach a person. The CLI maps them to exit codes; the TUI shows their text."""


class LifError(Exception):
    """Base class: the message is written for the facilitator and names what to do."""

    exit_code = 2


class UsageError(LifError):
    """The command was asked for something it cannot do as written (exit code 1)."""

    exit_code = 1


class DataError(LifError):
    """The data or a file is not as expected: corrupt, missing, unreadable or invalid (exit code 2)."""

    exit_code = 2


class StoreError(DataError):
    """The database could not be opened or written; the message names the path."""


class NotFoundError(DataError):
    """No event (or item) matches what was asked for."""


class SensitiveContentError(LifError):
    """The sensitivity check found hits and the export was not allowed to go ahead (exit code 3)."""

    exit_code = 3
