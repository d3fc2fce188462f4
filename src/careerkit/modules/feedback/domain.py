"""Module 3, feedback: content, word matching, stalled promotions, shadows, contradictions.

Pure logic over content and answers: no widgets, no I/O beyond loading ``modules/feedback/content.toml``.
The real-feedback plan, the repeat-back scorer and the pair drill build on this in :mod:`careerkit.modules.feedback.drill`.
Answers other modules read (keep these shapes stable):

- ``feedback.promotion_stall`` is a :class:`PromotionStall`; its ``ranked`` list holds the causes,
  most likely first, each a :class:`RankedCause` (``id``, ``label``, ``share`` and ``base_rate`` in
  percent, ``reasons``, ``moves``).
- ``feedback.shadows`` is a :class:`Shadows`; ``superpowers`` lists the chosen superpower ids and
  ``pairs`` each chosen superpower with its shadow and rating (:class:`ShadowPair`).
"""

from __future__ import annotations

import math
import os
import re
import unicodedata
from collections.abc import Collection
from functools import cache, lru_cache
from typing import Literal

from pydantic import BaseModel, Field, computed_field, field_validator, model_validator

from careerkit.constants import ENV_CONTENT
from careerkit.content import KIT, Cited, ContentFile, ContentModel, Sourced, load_content
from careerkit.content.text import language, ref, texts

SHORT = 200
LONG = 2000
NEUTRAL = 2  # "Not sure" on the five-point scale of the promotion questions


# content
class KeyPoint(ContentModel):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    label: str
    cues: list[str] = Field(min_length=1)
    need: int = Field(1, ge=1)

    @model_validator(mode="after")
    def _need_fits(self) -> KeyPoint:
        if self.need > len(self.cues):
            raise ValueError(f"point {self.id} needs {self.need} cues but lists only {len(self.cues)}")  # not-learner-text: a content check, for the coach editing feedback.toml
        return self


class Statement(Cited):
    giver: str
    text: str
    hard: bool = False
    points: list[KeyPoint] = Field(min_length=1)


class SynonymGroup(Sourced):
    words: list[str] = Field(min_length=2)


class Marker(Sourced):
    id: str
    label: str
    phrases: list[str] = Field(min_length=1)


class Scoring(Sourced):
    coverage: int = Field(ge=0)
    no_defence: int = Field(ge=0)
    check: int = Field(ge=0)

    @model_validator(mode="after")
    def _sums_to_100(self) -> Scoring:
        if self.coverage + self.no_defence + self.check != 100:
            raise ValueError("scoring weights must add up to 100")  # not-learner-text: a content check, for the coach
        return self


class Tips(Sourced):
    off_topic: str
    defensive: str
    missed: str
    no_check: str
    good: str


class Suggestion(Sourced):
    """A label or text with where it comes from: the source's timestamp, or the kit's own marker."""

    id: str = ""
    label: str = ""
    text: str = ""

    def cited(self) -> str:
        return f"{self.text or self.label} {self.cite}"


class StallCause(Cited):
    label: str
    summary: str
    base_rate: float = Field(gt=0, lt=1)
    base_rate_note: str
    moves: list[Suggestion] = Field(min_length=1)


class StallQuestion(Cited):
    text: str
    weights: dict[str, float]


class Superpower(Cited):
    label: str
    shadow: str
    cues: list[str] = Field(default_factory=list)


class Choice(Sourced):
    id: str
    label: str
    hint: str = ""


class SourceNote(Sourced):
    label: str


class Relation(Sourced):
    """Whom a learner asks for feedback. The ``id`` is what an answer stores (the English word earlier versions
    stored, so saved answers stay valid); the ``label`` is what the learner reads, in their language."""

    id: str = Field(min_length=1)
    label: str = Field(min_length=1)


class FeedbackContent(ContentFile):
    statements: list[Statement] = Field(min_length=1)
    synonyms: list[SynonymGroup]
    stopwords: list[str]
    defensive_markers: list[Marker]
    check_phrases: list[str] = Field(min_length=1)
    scoring: Scoring
    tips: Tips
    relations: list[Relation] = Field(min_length=1)
    formal_relation: str
    safety_moves: list[Suggestion]
    formal_phrases: list[str]
    closed_starters: list[str]
    open_starters: list[str] = Field(default_factory=list)
    example_question: str
    person_swaps: list[tuple[str, str]] = Field(default_factory=list)
    clause_joiners: list[str] = Field(default_factory=list)
    stall_scale: list[str] = Field(min_length=5, max_length=5)
    stall_causes: list[StallCause] = Field(min_length=1)
    stall_questions: list[StallQuestion] = Field(min_length=1)
    superpowers: list[Superpower] = Field(min_length=1)
    ratings: list[Choice] = Field(min_length=2)
    feedback_types: list[Choice] = Field(min_length=1)
    feedback_types_source: SourceNote

    @field_validator("relations", mode="before")
    @classmethod
    def _plain_relations(cls, value: object) -> object:
        """An older file lists relations as plain words: each word is then its own id and label."""
        if isinstance(value, list):
            return [{"id": v, "label": v, "origin": KIT} if isinstance(v, str) else v for v in value]
        return value

    @model_validator(mode="after")
    def _consistent(self) -> FeedbackContent:
        for what, ids in (
            ("statement", [s.id for s in self.statements]),
            ("superpower", [s.id for s in self.superpowers]),
            ("relation", [r.id for r in self.relations]),
            ("stall question", [q.id for q in self.stall_questions]),  # not-learner-text: a content check, for the coach
        ):
            dupes = sorted({i for i in ids if ids.count(i) > 1})
            if dupes:
                raise ValueError(f"{what} ids must be unique: {', '.join(dupes)}")  # not-learner-text: a content check
        causes = {c.id for c in self.stall_causes}
        for question in self.stall_questions:
            unknown = set(question.weights) - causes
            if unknown:
                raise ValueError(f"stall question {question.id} weighs unknown causes: {', '.join(sorted(unknown))}")  # not-learner-text: a content check
        if abs(sum(c.base_rate for c in self.stall_causes) - 1) > 0.01:
            raise ValueError("the stall causes' base rates must add up to 1")  # not-learner-text: a content check
        if self.formal_relation not in {r.id for r in self.relations}:
            raise ValueError("formal_relation must be one of the relations")  # not-learner-text: a content check
        seen: dict[tuple[str, ...], int] = {}
        for number, group in enumerate(self.synonyms, start=1):
            for phrase in {stem_phrase(word) for word in group.words}:
                if phrase in seen and seen[phrase] != number:
                    raise ValueError(f"'{' '.join(phrase)}' is in two synonym groups ({seen[phrase]} and {number})")  # not-learner-text: a content check
                seen[phrase] = number
        return self


def _setting() -> tuple[str, str | None]:
    """What the content depends on: the learner's language and the coach's content folder."""
    return language(), os.environ.get(ENV_CONTENT)


def content() -> FeedbackContent:
    """The module's content in the learner's language (``content.toml``, with ``content.es.toml`` merged on it)."""
    return load_content("feedback", FeedbackContent)


def statement(statement_id: str) -> Statement:
    for item in content().statements:
        if item.id == statement_id:
            return item
    raise KeyError(statement_id)


def _known(section: str) -> frozenset[str]:
    """The ids of one content list (``"superpowers"``...), built once per language: validators run for every
    answer."""
    return _known_in(section, _setting())


@cache
def _known_in(section: str, _setting: tuple[str, str | None]) -> frozenset[str]:
    return frozenset(item.id for item in getattr(content(), section))


def relation_label(relation_id: str) -> str:
    """How a saved relation ("Peer") reads in the learner's language; an unknown one as it was saved."""
    return next((r.label for r in content().relations if r.id == relation_id), relation_id)


def choice(value: str, allowed: Collection[str], what: str) -> str:
    """A choice must be one of the content's ids: otherwise the sentence ``choose.<what>`` of the pack, read only
    when the choice is not on the list (validators run on every keystroke)."""
    if value not in allowed:
        raise ValueError(texts("feedback")(f"choose.{what}"))
    return value


# matching words: stems, then synonym groups
WORD = re.compile(r"(?:[^\W_]|')+")  # letters and digits of any script, and apostrophes
SUFFIXES = (
    ("ations", "ate"), ("ation", "ate"), ("iveness", "ive"), ("ments", ""), ("ment", ""), ("ness", ""),
    ("ingly", ""), ("ings", ""), ("ing", ""), ("edly", ""), ("ies", "y"), ("ied", "y"), ("ers", ""),
    ("er", ""), ("ed", ""), ("ly", ""),
)
KEEP_MARKS = frozenset("ñ")  # a letter of its own in Spanish (año is not ano): never folded


def fold(text: str) -> str:
    """Accents folded away ('qué' reads as 'que', 'decisión' as 'decision'), so a learner who types without
    them is matched all the same; 'ñ' is kept."""
    if text.isascii():
        return text
    folded = []
    for char in unicodedata.normalize("NFC", text):
        if char in KEEP_MARKS:
            folded.append(char)
        else:
            folded.extend(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    return "".join(folded)


def _lower_words(text: str) -> list[str]:
    text = unicodedata.normalize("NFC", text.lower()).replace("\u2019", "'").replace("\u2018", "'")
    return WORD.findall(text.replace("-", " "))


def normalise(text: str) -> str:
    """Lower case, accents folded, straight apostrophes, hyphens and punctuation (including '¿' and '¡') as
    spaces, single spaces."""
    return " ".join(fold(word) for word in _lower_words(text))


def as_typed(text: str, phrase: str) -> str | None:
    """The words of ``text`` that match ``phrase``, lower case but with the learner's own accents, or None."""
    words = _lower_words(text)
    folded = [fold(word) for word in words]
    target = normalise(phrase).split()
    for start in range(len(words) - len(target) + 1) if target else ():
        if folded[start : start + len(target)] == target:
            return " ".join(words[start : start + len(target)])
    return None


def stem(word: str) -> str:
    """A word's stem in the learner's language: 'interrupted', 'interrupting' and 'interrupts' share one, and so
    do 'interrumpiste', 'interrumpía' and 'interrumpir'."""
    return _stem(word, language())


@lru_cache(maxsize=50_000)
def _stem(word: str, lang: str) -> str:
    return _spanish_stem(word) if lang == "es" else _english_stem(word)


@cache
def _snowball(lang: str):
    import snowballstemmer  # only once a Spanish word is matched

    return snowballstemmer.stemmer(lang)


def _spanish_stem(word: str) -> str:
    """Snowball's Spanish stemmer on the folded word. A stem left ending in 'i' loses it: a learner who types
    'interrumpi' or 'decidi' (no accent) means 'interrumpí', 'decidí', which then share 'interrump', 'decid'."""
    word = fold(word.strip("'"))
    stemmed = fold(_snowball("spanish").stemWord(word))
    if len(stemmed) > 3 and stemmed.endswith("i"):
        stemmed = stemmed[:-1]
    return stemmed


def _english_stem(word: str) -> str:
    """A light, consistent suffix-stripper: 'interrupted', 'interrupting' and 'interrupts' share a stem.

    Kept rather than Snowball's English stemmer, whose stems differ ('organisations': 'organis', not
    'organisat'), so English matching stays exactly as the kit's tests and coaches know it."""
    word = word.strip("'")
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) <= 3:
        return word
    for suffix, replacement in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + replacement
            break
    else:
        if word.endswith("s") and not word.endswith(("ss", "us", "is")):
            word = word[:-1]
    if word.endswith("e") and len(word) >= 4:
        word = word[:-1]
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
        word = word[:-1]
    return word


def stem_phrase(text: str) -> tuple[str, ...]:
    lang = language()
    return tuple(_stem(w, lang) for w in normalise(text).split())


def stopword_stems() -> frozenset[str]:
    """The stems of the content's stopwords, built once per language."""
    return _stops_in(_setting())


@cache
def _stops_in(_setting: tuple[str, str | None]) -> frozenset[str]:
    return frozenset(stem(w) for w in content().stopwords)


def _contains(tokens: tuple[str, ...], phrase: tuple[str, ...], gap: int = 1) -> bool:
    """Whether the words of ``phrase`` occur in order, with at most ``gap`` other words between two of them."""
    if not phrase:
        return False
    for start, token in enumerate(tokens):
        if token != phrase[0]:
            continue
        at = start
        for word in phrase[1:]:
            window = tokens[at + 1 : at + 2 + gap]
            if word not in window:
                break
            at += 1 + window.index(word)
        else:
            return True
    return False


def _groups() -> tuple[tuple[tuple[str, ...], ...], ...]:
    return _groups_in(_setting())


@cache
def _groups_in(_setting: tuple[str, str | None]) -> tuple[tuple[tuple[str, ...], ...], ...]:
    return tuple(tuple(sorted({stem_phrase(w) for w in g.words})) for g in content().synonyms)


def alternatives(cue: str) -> tuple[tuple[str, ...], ...]:
    """Every stemmed phrase that counts as the cue: its synonym group, or the cue alone."""
    phrase = stem_phrase(cue)
    for group in _groups():
        if phrase in group:
            return group
    return (phrase,)


def mentions(text: str, cue: str) -> bool:
    """Whether ``text`` says ``cue`` or one of its synonyms, in any inflection."""
    tokens = stem_phrase(text)
    return any(_contains(tokens, alt) for alt in alternatives(cue))


def concepts(text: str) -> set[str]:
    """The ideas in a text: synonym groups it mentions ('g3') and its other non-stop-word stems."""
    tokens = stem_phrase(text)
    stops = stopword_stems()
    found = {f"g{i}" for i, group in enumerate(_groups()) if any(_contains(tokens, p) for p in group)}
    return found | {t for t in tokens if t not in stops and len(t) > 2}


# why isn't my promotion happening? [00:26:26]-[00:29:41]
class RankedCause(BaseModel):
    id: str
    label: str
    share: float = Field(title=ref("feedback", "promotion_stall.fields.share"))
    base_rate: float = Field(title=ref("feedback", "promotion_stall.fields.base_rate"))
    base_rate_note: str
    reasons: list[str]
    moves: list[str]


def diagnose(answers: dict[str, int]) -> list[RankedCause]:
    """Rank the four causes: each starts at its base rate and each answer moves it.

    An answer on the five-point scale counts from -1 ('Not true') to +1 ('True'), times the question's
    weight for a cause; a cause's weight is ``base_rate * exp(evidence)``, shown as a share in percent.
    With every answer 'Not sure' the ranking is the base rates: a development area first, about half.
    """
    c, t = content(), texts("feedback")
    evidence = {cause.id: 0.0 for cause in c.stall_causes}
    reasons: dict[str, list[str]] = {cause.id: [] for cause in c.stall_causes}
    for question in c.stall_questions:
        answer = answers.get(question.id, NEUTRAL)
        lean = (answer - NEUTRAL) / NEUTRAL
        for cause_id, weight in question.weights.items():
            evidence[cause_id] += weight * lean
            if weight * lean > 0:
                reasons[cause_id].append(t("promotion_stall.reason", question=question.text,
                                           answer=c.stall_scale[answer].lower(), cite=question.cite))
    raw = {cause.id: cause.base_rate * math.exp(evidence[cause.id]) for cause in c.stall_causes}
    total = sum(raw.values())
    ranked = [
        RankedCause(
            id=cause.id, label=cause.label, share=round(100 * raw[cause.id] / total, 1),
            base_rate=round(100 * cause.base_rate, 1), base_rate_note=cause.base_rate_note,
            reasons=reasons[cause.id] or [t("promotion_stall.no_reason", rate=f"{100 * cause.base_rate:.0f}%")],
            moves=[m.cited() for m in cause.moves],
        )
        for cause in c.stall_causes
    ]
    return sorted(ranked, key=lambda r: (-r.share, r.id))


class PromotionStall(BaseModel):
    """``feedback.promotion_stall``: answers to the questions (0-4) and, computed, the ranked causes."""

    answers: dict[str, int] = Field(default_factory=dict, title=ref("feedback", "promotion_stall.fields.answers"))
    first_move: str = Field("", max_length=LONG, title=ref("feedback", "promotion_stall.fields.first_move"))

    @field_validator("answers")
    @classmethod
    def _known_questions(cls, value: dict[str, int]) -> dict[str, int]:
        known = _known("stall_questions")
        for question_id, answer in value.items():
            if question_id not in known:
                raise ValueError(texts("feedback")("promotion_stall.unknown_question", question=question_id))
            if not 0 <= answer <= 4:
                raise ValueError(texts("feedback")("promotion_stall.one_of_five"))
        return value

    @computed_field
    @property
    def ranked(self) -> list[RankedCause]:
        return diagnose(self.answers)


# shadows of superpowers [00:53:11]-[00:56:35]
class ShadowPair(BaseModel):
    id: str
    superpower: str
    shadow: str
    rating: str
    hint: str
    timestamp: str


class Shadows(BaseModel):
    """``feedback.shadows``: chosen superpower ids, a rating per superpower, and (computed) their shadows."""

    superpowers: list[str] = Field(default_factory=list, title=ref("feedback", "shadows.fields.superpowers"))
    ratings: dict[str, str] = Field(default_factory=dict, title=ref("feedback", "shadows.fields.ratings"))
    notes: str = Field("", max_length=LONG, title=ref("feedback", "shadows.fields.notes"))

    @field_validator("superpowers")
    @classmethod
    def _known_superpowers(cls, value: list[str]) -> list[str]:
        known = _known("superpowers")
        return [choice(v, known, "superpower") for v in dict.fromkeys(value)]

    @field_validator("ratings")
    @classmethod
    def _known_ratings(cls, value: dict[str, str]) -> dict[str, str]:
        powers = _known("superpowers")
        levels = _known("ratings")
        for power, level in value.items():
            choice(power, powers, "superpower")
            choice(level, levels, "rating")
        return value

    @computed_field
    @property
    def pairs(self) -> list[ShadowPair]:
        return shadow_pairs(self)


def shadow_pairs(answer: Shadows) -> list[ShadowPair]:
    """Each chosen superpower with its likely shadow and what its rating suggests."""
    powers = {s.id: s for s in content().superpowers}
    levels = {r.id: r for r in content().ratings}
    pairs, t = [], texts("feedback")
    for power_id in answer.superpowers:
        power = powers[power_id]
        rating = answer.ratings.get(power_id, "")
        hint = levels[rating].hint.format(shadow=power.shadow.lower()) if rating else t("shadows.rate_it")
        pairs.append(ShadowPair(id=power_id, superpower=power.label, shadow=power.shadow, rating=rating, hint=hint,
                                timestamp=power.cite))  # a facilitator's own superpower cites its origin
    return pairs


# contradictory feedback [00:57:30]
class FeedbackItem(BaseModel):
    giver: str = Field("", max_length=SHORT, title=ref("feedback", "contradictions.fields.giver"))
    kind: str = Field("coaching", title=ref("feedback", "contradictions.fields.kind"))
    about: str = Field("", max_length=LONG, title=ref("feedback", "contradictions.fields.about"))
    direction: Literal["affirms", "challenges"] = Field(
        "challenges", title=ref("feedback", "contradictions.fields.direction"))
    strength: str = Field("", max_length=SHORT, title=ref("feedback", "contradictions.fields.strength"))

    @field_validator("kind")
    @classmethod
    def _kind(cls, value: str) -> str:
        return choice(value, _known("feedback_types"), "kind")


class ContradictionLog(BaseModel):
    """``feedback.contradictions``: claimed strengths, feedback items, and a reflection."""

    strengths: list[str] = Field(default_factory=list, max_length=8,
                                 title=ref("feedback", "contradictions.fields.strengths"))
    items: list[FeedbackItem] = Field(default_factory=list, max_length=30,
                                      title=ref("feedback", "contradictions.fields.items"),
                                      json_schema_extra={"item": ref("feedback", "contradictions.fields.item")})
    reflection: str = Field("", max_length=LONG, title=ref("feedback", "contradictions.fields.reflection"))

    @field_validator("strengths")
    @classmethod
    def _tidy(cls, value: list[str]) -> list[str]:
        for strength in value:
            if len(strength) > SHORT:
                raise ValueError(texts("feedback")("contradictions.strength_too_long", limit=SHORT))
        return [s.strip() for s in value if s.strip()]


class Contradiction(BaseModel):
    item: int  # index into the log's items
    strength: str
    sentence: str


class ContradictionMatrix(BaseModel):
    strengths: list[str]
    items: list[str]  # short labels of the feedback items
    cells: list[list[Literal["contradicts", "affirms", ""]]]  # one row per strength
    contradictions: list[Contradiction]


def strength_concepts(strength: str) -> set[str]:
    """A claimed strength's ideas, plus the cues of a superpower it names ('Great collaborator')."""
    found = concepts(strength)
    for power in content().superpowers:
        if found & concepts(power.label) or normalise(strength) == power.id:
            found |= concepts(power.label) | {c for cue in power.cues for c in concepts(cue)}
    return found


def touches(item: FeedbackItem, strength: str) -> bool:
    """Whether a feedback item is about a strength: named by the learner, else shared ideas in the words."""
    if item.strength.strip():
        return item.strength.strip().lower() == strength.strip().lower()
    return bool(strength_concepts(strength) & concepts(item.about))


def find_contradictions(log: ContradictionLog) -> ContradictionMatrix:
    """Strengths x feedback: which items affirm a strength, which contradict it (never to be dismissed)."""
    cells, found, t = [], [], texts("feedback")
    for strength in log.strengths:
        row: list[Literal["contradicts", "affirms", ""]] = []
        for index, item in enumerate(log.items):
            if not touches(item, strength):
                row.append("")
            elif item.direction == "affirms":
                row.append("affirms")
            else:
                row.append("contradicts")
                who = item.giver.strip() or t("contradictions.someone")
                found.append(Contradiction(
                    item=index, strength=strength,
                    sentence=t("contradictions.contradiction", who=who, strength=strength, about=item.about.strip()),
                ))
        cells.append(row)
    labels = [t("contradictions.item_label", number=i + 1, giver=item.giver.strip() or t("contradictions.someone_short"))
              for i, item in enumerate(log.items)]
    return ContradictionMatrix(strengths=log.strengths, items=labels, cells=cells, contradictions=found)
