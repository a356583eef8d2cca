"""The three kinds of error and their audiences.

- DataError / CatalogueInvalid: the data is wrong; a list of file:line messages for its author.
- NotFound / BadRequest: the caller asked for something wrong; one clean message.
- anything else is a bug in triggermap and keeps its traceback, for us.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class DataError:
    """One problem in the data, addressed to the person editing the file."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


@dataclass(frozen=True)
class Misplaced:
    """A drawing problem found once the catalogue is built: a trigger point's X where it cannot be.

    The loader turns it into a DataError on the line of the marker (or of the trigger point).
    """

    trigger_point: str
    view: str
    message: str


class CatalogueInvalid(Exception):
    """The data folder does not make a valid catalogue."""

    def __init__(self, errors: Sequence[DataError]) -> None:
        self.errors = list(errors)
        super().__init__(f"{len(self.errors)} error(s) in the catalogue")

    def lines(self) -> list[str]:
        return [str(error) for error in self.errors]


class ProblemError(Exception):
    """An error answered as RFC 9457 problem+json."""

    status = 400
    title = "Bad request"

    def __init__(self, detail: str, **extra: object) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extra = extra


class NotFound(ProblemError):
    status = 404
    title = "Not found"


class BadRequest(ProblemError):
    status = 422
    title = "Invalid request"
