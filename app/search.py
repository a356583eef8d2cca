"""Search that understands people: names, synonyms, lay words, symptoms and typos -> ranked, explained hits.

Pure: a Catalogue in, plain dataclasses out; built once per catalogue
(`SearchIndex.build`), then each query is a few dictionary look-ups plus one
rapidfuzz pass. Layers, strongest first, and what each scores at most:

1. concept: the query is, or contains, a name, synonym, alias or lay word
   (after folding case, punctuation, stop words and plurals): 1.0 down to ~0.8,
   or is part of one ("carpal tunnel" of "carpal tunnel syndrome"): <= 0.8;
   a group, symptom or lay word also brings in what it stands for, a little lower;
2. the same after correcting misspelt words ("fascitis" -> "fasciitis"): x 0.92;
3. text: every word of the query appears in a trigger point's symptom line: <= 0.72;
4. fuzzy: rapidfuzz over the whole query and every key, for partial typing: <= 0.7.

So a meaning match always outranks a fuzzy partial one, and every hit says
which word matched (`matched`) and how (`how`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from app.catalogue.index import Catalogue

MAX_QUERY = 200
KINDS = ("symptom", "condition", "muscle", "region", "trigger-point")
# Shown first on equal score: what people most often look for.
KIND_ORDER = {"symptom": 0, "condition": 1, "muscle": 2, "region": 3, "trigger-point": 4}
# How much of its score a concept passes on to what it stands for.
GROUP_MEMBER = 0.97
SYMPTOM_MEMBER = 0.9
LAY_TARGET = 0.96
TYPO_FACTOR = 0.92
PART_MAX = 0.8
TEXT_MAX = 0.72
FUZZY_MAX = 0.7
FUZZY_CUTOFF = 78.0
# Words that carry no meaning in a search ("pain in my knee" = "pain knee").
STOP_WORDS = frozenset(
    ("a", "an", "and", "the", "of", "in", "on", "at", "to", "my", "i", "me", "is", "it", "its", "im", "ive")
    + ("has", "have", "had", "with", "when", "while", "for", "from", "by", "or", "do", "does", "doing")
    + ("get", "gets", "getting", "feel", "feels", "feeling", "very", "really", "bit", "some")
)
# Everyday words folded into one ("sore shoulder" = "shoulder pain", "under" = "below").
FOLD = {
    **dict.fromkeys(("sore", "ache", "aching", "achy", "hurt", "hurting", "painful", "soreness"), "pain"),
    **dict.fromkeys(("under", "beneath", "underneath"), "below"),
    **dict.fromkeys(("tummy", "stomach"), "belly"),
    "teeth": "tooth",
}
_NON_WORD = re.compile(r"[^\w\s]+")


def words(text: str) -> tuple[str, ...]:
    """The searchable words of a text: lower case, no punctuation or stop words, plurals folded."""
    text = _NON_WORD.sub(lambda m: "" if m.group() in ("'", "’") else " ", text.lower())
    stems = (_stem(w) for w in text.split() if w not in STOP_WORDS)
    return tuple(FOLD.get(w, w) for w in stems)


def _stem(word: str) -> str:
    """Fold the commonest English plurals ("glutes", "cramps", "injuries"), leaving Latin endings ("-us", "-is")."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "os")):
        return word[:-1]
    return word


@dataclass(frozen=True)
class Hit:
    """One search result and why it matched."""

    kind: str
    id: str
    name: str
    detail: str  # what the hit is, in words: "muscle, neck"
    score: float
    matched: str
    how: str  # name | synonym | lay word | group | symptom | part | typo | text | fuzzy
    via: str | None = None  # the group, symptom or lay word that brought it in

    @property
    def order(self) -> tuple[float, int, str]:
        return (-self.score, KIND_ORDER[self.kind], self.name.lower())


@dataclass(frozen=True)
class Entity:
    kind: str
    id: str
    name: str
    detail: str


@dataclass(frozen=True)
class Key:
    """A searchable phrase and what it stands for."""

    text: str
    how: str  # name | synonym | lay word | group | symptom
    targets: tuple[tuple[int, float], ...]  # (entity index, share of the score it passes on)
    via: str | None = None


@dataclass(frozen=True)
class SearchIndex:
    entities: tuple[Entity, ...]
    keys: tuple[Key, ...]
    exact: dict[tuple[str, ...], tuple[int, ...]]  # words of a key -> key indexes
    by_word: dict[str, tuple[int, ...]]  # a word -> keys containing it
    key_words: tuple[frozenset[str], ...]
    vocabulary: tuple[str, ...]
    fuzzy_texts: tuple[str, ...]  # the normalized text of each key, for rapidfuzz
    prefixes: tuple[tuple[str, int], ...]  # (the key's text from one of its words on, key), sorted
    lines: tuple[tuple[int, str, frozenset[str]], ...] = ()  # (TrP entity, symptom line, its words)
    line_words: dict[str, tuple[int, ...]] = field(default_factory=dict)

    @classmethod
    def build(cls, c: Catalogue) -> SearchIndex:
        return _Builder(c).build()

    @classmethod
    def of(cls, c: Catalogue) -> SearchIndex:
        """The catalogue's index, built on first use and kept with that catalogue (as the lookup's is), so a
        compiled catalogue (app/queries/compiled.py) carries it."""
        found: SearchIndex | None = c.__dict__.get("_search_index")
        if found is None:
            found = c.__dict__["_search_index"] = cls.build(c)
        return found

    def search(self, query: str, limit: int = 20, kinds: Iterable[str] | None = None) -> list[Hit]:
        """Hits for a query, best first (deterministic); `kinds` keeps only those kinds."""
        query = query[:MAX_QUERY]
        asked = words(query)
        if not asked:
            return []
        best: dict[int, Hit] = {}
        whole = self._concepts(asked, 1.0, None, best)
        corrected = asked if whole else self._corrected(asked)
        if corrected != asked:
            whole = self._concepts(corrected, TYPO_FACTOR, " ".join(asked), best)
        self._text(corrected, best)
        if not whole:  # a name or word that is the whole query says what was meant; no near misses
            self._fuzzy(" ".join(asked), best)
        wanted = set(kinds) if kinds else None
        hits = [hit for hit in best.values() if wanted is None or hit.kind in wanted]
        return sorted(hits, key=lambda hit: hit.order)[:limit]

    def _concepts(self, asked: tuple[str, ...], factor: float, typed: str | None, best: dict[int, Hit]) -> bool:
        """Keys equal to the query score 1; keys all of whose words are in the query score by coverage.

        A key inside a longer matched key ("elbow" inside "golfer's elbow") is dropped: the longer one
        says what was meant. True when some key is the whole query.
        """
        asked_set = frozenset(asked)
        candidates: set[int] = set(self.exact.get(asked, ()))
        for word in asked_set:
            candidates.update(self.by_word.get(word, ()))
        matched = [k for k in candidates if self.key_words[k] <= asked_set]
        spans = {self.key_words[k] for k in matched}
        whole = asked_set in spans
        for k in candidates:
            if self.key_words[k] > asked_set:  # part of a longer name: "carpal tunnel" in "carpal tunnel syndrome"
                score = (PART_MAX - 0.1 + 0.1 * len(asked_set) / len(self.key_words[k])) * factor
                self._credit(k, score, typed, best, "part", direct_only=True)
        for k in matched:
            key_words = self.key_words[k]
            if any(key_words < other for other in spans):
                continue
            if key_words == asked_set:
                base = 1.0 if self.keys[k].how == "name" else 0.98
            else:
                base = 0.8 + 0.15 * len(key_words) / len(asked_set)
            self._credit(k, base * factor, typed, best)
        return whole

    def _credit(
        self,
        k: int,
        score: float,
        typed: str | None,
        best: dict[int, Hit],
        how: str | None = None,
        direct_only: bool = False,
    ) -> None:
        """Offer what key `k` names (and, unless `direct_only`, what it stands for) at `score`."""
        key = self.keys[k]
        how = "typo" if typed is not None else how or key.how
        matched = key.text if typed is None else f"{key.text} (for '{typed}')"
        for entity, share in key.targets:
            if direct_only and share < 1:
                continue
            via = key.via if share < 1 and key.how != "lay word" else None
            self._offer(entity, score * share, matched, how, via, best)

    def _offer(self, entity: int, score: float, matched: str, how: str, via: str | None, best: dict[int, Hit]) -> None:
        found = best.get(entity)
        if found is None or score > found.score + 1e-9:
            e = self.entities[entity]
            best[entity] = Hit(e.kind, e.id, e.name, e.detail, round(min(score, 1.0), 4), matched, how, via)

    def _corrected(self, asked: tuple[str, ...]) -> tuple[str, ...]:
        """Each unknown word of five letters or more replaced by the closest known word, if close enough."""
        fixed = []
        for word in asked:
            if word in self.by_word or word in self.line_words or len(word) < 5:
                fixed.append(word)
                continue
            match = process.extractOne(word, self.vocabulary, scorer=fuzz.ratio, score_cutoff=80)
            fixed.append(match[0] if match else word)
        return tuple(fixed)

    def _text(self, asked: tuple[str, ...], best: dict[int, Hit]) -> None:
        """Trigger points whose symptom line holds every word of the query (two or more words)."""
        wanted = frozenset(asked)
        if len(wanted) < 2:
            return
        lines: set[int] | None = None
        for word in wanted:
            found = set(self.line_words.get(word, ()))
            lines = found if lines is None else lines & found
            if not lines:
                return
        for i in sorted(lines or ()):
            entity, line, line_words = self.lines[i]
            score = TEXT_MAX * (0.85 + 0.15 * len(wanted) / len(line_words))
            self._offer(entity, score, line, "text", None, best)

    def _fuzzy(self, query: str, best: dict[int, Hit]) -> None:
        """Close spellings of whole keys, and keys with a word that starts with what was typed so far."""
        found: dict[int, float] = {}
        for _text, score, k in process.extract(
            query, self.fuzzy_texts, scorer=fuzz.ratio, limit=40, score_cutoff=FUZZY_CUTOFF
        ):
            found[k] = score
        if len(query) >= 3:
            start = bisect_left(self.prefixes, (query,))
            for tail, k in self.prefixes[start : start + 60]:
                if not tail.startswith(query):
                    break
                found[k] = max(found.get(k, 0.0), 90.0 + 10.0 * len(query) / len(tail))
        for k, score in found.items():
            key = self.keys[k]
            for entity, share in key.targets:
                if share == 1:
                    self._offer(entity, FUZZY_MAX * score / 100, key.text, "fuzzy", None, best)


class _Builder:
    """Collects entities and keys from a catalogue."""

    def __init__(self, c: Catalogue) -> None:
        self.c = c
        self.entities: list[Entity] = []
        self.index_of: dict[tuple[str, str], int] = {}
        self.keys: list[Key] = []

    def entity(self, kind: str, ident: str, name: str, detail: str) -> int:
        self.index_of[(kind, ident)] = len(self.entities)
        self.entities.append(Entity(kind, ident, name, detail))
        return len(self.entities) - 1

    def key(self, text: str, how: str, targets: Sequence[tuple[int, float]], via: str | None = None) -> None:
        if words(text) and targets:
            self.keys.append(Key(text, how, tuple(dict.fromkeys(targets)), via))

    def region_targets(self, base: str, share: float) -> list[tuple[int, float]]:
        return [(self.index_of[("region", r)], share) for r in self.c.regions_of(base)]

    def build(self) -> SearchIndex:
        c = self.c
        for s in c.symptoms.values():
            e = self.entity("symptom", s.id, s.name, "symptom")
            muscles = dict.fromkeys(c.trigger_points[tp].muscle for tp in s.trigger_points)
            self.key(s.name, "name", [(e, 1.0)])
            for w in s.lay_words:
                self.key(w, "lay word", [(e, 1.0)])
            # Listed after their symptom, in the symptom's own order (most typical first).
            members = [(e, 1.0)]
            for rank, m in enumerate(muscles):
                members.append((self.muscle_index(m), SYMPTOM_MEMBER - 0.005 * rank))
            for text in (s.name, *s.lay_words):
                self.key(text, "symptom", members[1:], via=s.name)
        for x in c.conditions.values():
            e = self.entity("condition", x.id, x.name, "condition")
            self.key(x.name, "name", [(e, 1.0)])
            for alias in x.aliases:
                self.key(alias, "synonym", [(e, 1.0)])
        for muscle in c.muscles.values():
            e = self.muscle_index(muscle.id)
            self.key(muscle.name, "name", [(e, 1.0)])
            for synonym in muscle.synonyms:
                self.key(synonym, "synonym", [(e, 1.0)])
        for spec in c.region_specs.values():
            for r in c.regions_of(spec.id):
                region = c.regions[r]
                e = self.entity("region", r, region.name, f"body region, {region.area}")
                self.key(region.name, "name", [(e, 1.0)])
                self.key(spec.name, "synonym", [(e, 1.0)])
                for alias in spec.aliases:
                    self.key(alias, "synonym", [(e, 1.0)])
        for t in c.trigger_points.values():
            e = self.entity("trigger-point", t.id, t.name, "trigger point")
            self.key(t.name, "name", [(e, 1.0)])
            for synonym in c.muscles[t.muscle].synonyms:
                self.key(f"{synonym} {t.label}", "synonym", [(e, 1.0)])
        for g in c.groups.values():
            members = [(self.muscle_index(m), GROUP_MEMBER) for m in g.muscles]
            for text in (g.name, *g.words):
                self.key(text, "group", members, via=g.name)
        for lay in c.lay_words:
            targets: list[tuple[int, float]] = []
            targets += [(self.index_of[("condition", i)], LAY_TARGET) for i in lay.conditions]
            targets += [(self.index_of[("symptom", i)], LAY_TARGET) for i in lay.symptoms]
            targets += [(self.muscle_index(i), LAY_TARGET * 0.97) for i in lay.muscles]
            for group_id in lay.groups:
                targets += [(self.muscle_index(m), LAY_TARGET * 0.97) for m in c.groups[group_id].muscles]
            for base in lay.regions:
                targets += self.region_targets(base, LAY_TARGET * 0.95)
            targets += [(self.index_of[("trigger-point", i)], LAY_TARGET * 0.94) for i in lay.trigger_points]
            for w in lay.words:
                self.key(w, "lay word", targets)
        return self.finish()

    def muscle_index(self, muscle_id: str) -> int:
        found = self.index_of.get(("muscle", muscle_id))
        if found is None:
            m = self.c.muscles[muscle_id]
            found = self.entity("muscle", muscle_id, m.name, f"muscle, {m.area}")
        return found

    def finish(self) -> SearchIndex:
        exact: dict[tuple[str, ...], list[int]] = defaultdict(list)
        by_word: dict[str, list[int]] = defaultdict(list)
        key_words = []
        for k, key in enumerate(self.keys):
            ws = words(key.text)
            exact[ws].append(k)
            key_words.append(frozenset(ws))
            for w in set(ws):
                by_word[w].append(k)
        fuzzy_texts = [" ".join(words(key.text)) for key in self.keys]
        prefixes = []
        for k, text in enumerate(fuzzy_texts):
            tails = text.split(" ")
            prefixes += [(" ".join(tails[i:]), k) for i in range(len(tails))]
        lines: list[tuple[int, str, frozenset[str]]] = []
        line_words: dict[str, list[int]] = defaultdict(list)
        for t in self.c.trigger_points.values():
            for line in t.symptoms:
                line_set = frozenset(words(line))
                for w in line_set:
                    line_words[w].append(len(lines))
                lines.append((self.index_of[("trigger-point", t.id)], line, line_set))
        return SearchIndex(
            entities=tuple(self.entities),
            keys=tuple(self.keys),
            exact={k: tuple(v) for k, v in exact.items()},
            by_word={w: tuple(v) for w, v in by_word.items()},
            key_words=tuple(key_words),
            vocabulary=tuple(sorted(set(by_word) | set(line_words))),
            fuzzy_texts=tuple(fuzzy_texts),
            prefixes=tuple(sorted(prefixes)),
            lines=tuple(lines),
            line_words={w: tuple(v) for w, v in line_words.items()},
        )
