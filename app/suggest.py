"""Fuzzy matching: "did you mean" suggestions and typo-tolerant search."""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz, process, utils

MAX_QUERY = 200


def closest(word: str, choices: Iterable[str], limit: int = 3, cutoff: float = 60) -> list[str]:
    """The known ids closest to an unknown one, best first."""
    word = word[:MAX_QUERY]
    matches = process.extract(
        word, list(choices), scorer=fuzz.WRatio, processor=utils.default_process, limit=limit, score_cutoff=cutoff
    )
    return [match for match, _score, _index in matches]
