"""The career story [00:24:30]: text logic shared with the press release (see ``careerkit.modules.lanes.press_release``).

Pure functions over what the participant wrote: count "I" against "we", and find claims with no
number, artefact or outcome behind them. The checker only ever suggests; it never rewrites a
participant's words.

Every word the checks look for is content, in the ``[story]`` table of ``modules/lanes/content.toml`` (English) and
of ``content.es.toml`` (Spanish, read when ``CAREERKIT_LANG=es``): who "I" and "we" are, the hedges, fillers, vague
phrases, artefacts, outcomes, number words and units, the words that date a year, and the abbreviations that do not
end a sentence. Only the shapes stay here: quotes (straight, curly, « »), digits, years 1950-2099, word boundaries.

In English, "I" and "we" are counted in any case and in contractions (I'm, we've); "I think", "I really believe"
(a hedge right after "I", fillers skipped) is an opinion, counted apart; "i.e." and a "(i)" list marker are no
pronoun.

In Spanish, what is counted is the pronoun written as a word, accents included, in any case: "I" is yo, me, mi,
mis, mí, conmigo; "we" is nosotros, nosotras, nos, nuestro, nuestra, nuestros, nuestras. A hedge is a phrase, with
or without the pronoun before it: "creo que", "yo creo que", "me parece que", "a mí me parece que" count as one
opinion, and their "yo" or "me" is not an I-statement. What is not counted: the verb alone, as Spanish usually says
it ("lancé", "lanzamos": the person is in the ending, and endings are too ambiguous to count), and a pronoun joined
to a verb ("contratarme", "dejarnos"). "mi" and "nuestro" count although they are possessives ("mi jefa dijo"):
the count is a mirror for the participant, not a grammar. A "nosotros" between quotes (« », “ ” or " ") is
someone else's and is counted apart.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from careerkit.content import Cited, ContentFile, Sourced, load_content
from careerkit.content.text import ref, resolve, texts

SHORT = 200
LONG = 2000


# content
class StoryWords(Sourced):
    """The story checker's lexicon, one per language (see the module docstring)."""

    first_person: list[str]  # the words that count as "I": the participant doing
    first_person_plural: list[str]  # the words that count as "we"
    contractions: list[str]  # endings after an apostrophe that keep the pronoun: I'm, we've
    hedges: list[str]  # right after "I" (fillers skipped), an opinion: "I think"
    hedge_phrases: list[str]  # an opinion wherever it stands, with or without "I" just before: "creo que"
    fillers: list[str]  # words (or two-word phrases) skipped between "I" and a hedge: "I really think"
    vague_phrases: list[str]
    artefacts: list[str]
    outcomes: list[str]
    number_words: list[str]
    number_units: list[str]  # right after the digits, they make a number a measure: 30%, 3x, $2M
    year_words: list[str]  # just before a year, they make it a date: "in 2023"
    abbreviations: list[str]  # a full stop that does not end a sentence: "e.g."


class PressReleasePart(Cited):
    label: str
    hint: str


class StoryContent(ContentFile):
    """The story's part of ``lanes.toml`` (the lanes module validates the whole file strictly)."""

    model_config = ConfigDict(extra="ignore", frozen=True)
    story: StoryWords
    press_release_parts: list[PressReleasePart]


def content() -> StoryContent:
    """The story's content in the learner's language (``load_content`` caches it per language)."""
    return load_content("lanes", StoryContent)


def words() -> StoryWords:
    return content().story


# text helpers
QUOTED = re.compile(r"\"[^\"\n]*\"|“[^”]*”|«[^»]*»")
ROMAN_LIST = re.compile(r"\(\s*$")
YEAR = re.compile(r"^(19[5-9]\d|20\d\d)$")
WORD = re.compile(r"[\w'’]+")
NEVER = r"(?!x)x"  # an empty word list matches nothing


def quoted_segments(text: str) -> list[str]:
    """Text between double quotes (straight, curly or guillemets): someone else's words."""
    return [m.group(0) for m in QUOTED.finditer(text)]


def without_quotes(text: str) -> str:
    """The text with every quoted segment blanked out (same length, so positions still match)."""
    return QUOTED.sub(lambda m: " " * len(m.group(0)), text)


def split_sentences(text: str, story_words: StoryWords | None = None) -> list[str]:
    """Sentences and list lines of ``text``; an abbreviation ("e.g.", "p. ej.") and decimals like 3.5 do not end
    a sentence."""
    abbreviation = _patterns(story_words or words())["abbreviation"]
    sentences: list[str] = []
    for line in re.split(r"\n+", text):
        line = re.sub(r"^\s*(?:[-*•]|\d+[.)])\s+", "", line).strip()
        start = 0
        for match in re.finditer(r"[.!?]+[\"”’»)]*(?=\s+|$)", line):
            end = match.end()
            if abbreviation.search(line[:end]):
                continue
            piece = line[start:end].strip()
            if piece:
                sentences.append(piece)
            start = end
        rest = line[start:].strip()
        if rest:
            sentences.append(rest)
    return sentences


def _alternatives(words: tuple[str, ...]) -> str:
    """The words as one regex alternation, longest first (so "helped with" wins over "helped")."""
    ordered = sorted({w.strip().lower() for w in words if w.strip()}, key=len, reverse=True)
    return "|".join(re.escape(w) for w in ordered) or NEVER


def _phrase_pattern(phrases: list[str]) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w/])(?:{_alternatives(tuple(phrases))})(?![\w/])", re.IGNORECASE)


@cache
def _compiled(lexicon: tuple[tuple[str, ...], ...]) -> dict[str, re.Pattern[str]]:
    (singular, plural, contractions, hedge_phrases, vague, artefacts, outcomes, numbers, units,
     abbreviations) = lexicon
    people = _alternatives(singular + plural)
    ends = _alternatives(contractions)
    return {
        # group 1 the pronoun, group 2 a contraction's ending (I'm, we've)
        "pronoun": re.compile(rf"(?<![\w'’/])({people})(?:['’]({ends}))?(?![\w'’/])", re.IGNORECASE),
        # a hedge phrase, with the "I" that may stand just before it ("yo creo que")
        "hedge_phrase": re.compile(
            rf"(?<![\w'’/])(?:(?:{_alternatives(singular)})\s+)?(?:{_alternatives(hedge_phrases)})(?![\w'’/])",
            re.IGNORECASE),
        "vague": _phrase_pattern(list(vague)),
        "artefact": _phrase_pattern(list(artefacts)),
        "outcome": _phrase_pattern(list(outcomes)),
        "number_word": _phrase_pattern(list(numbers)),
        "number": re.compile(rf"(?<![\w.])([$€£]?)(\d[\d,.]*)(\s?(?:{_alternatives(units)})?)(?![\w])",
                             re.IGNORECASE),
        "abbreviation": re.compile(rf"(?<!\w)(?:{_alternatives(abbreviations)})$", re.IGNORECASE),
    }


def _patterns(sw: StoryWords) -> dict[str, re.Pattern[str]]:
    return _compiled(tuple(tuple(getattr(sw, name)) for name in (
        "first_person", "first_person_plural", "contractions", "hedge_phrases", "vague_phrases", "artefacts",
        "outcomes", "number_words", "number_units", "abbreviations")))


# I against we
class PronounCount(BaseModel):
    """How often the participant speaks as "I" (doing), "I think" (an opinion) and "we"."""

    i: int = 0
    we: int = 0
    hedged: int = 0
    quoted_we: int = 0

    def __add__(self, other: PronounCount) -> PronounCount:
        return PronounCount(
            i=self.i + other.i, we=self.we + other.we, hedged=self.hedged + other.hedged,
            quoted_we=self.quoted_we + other.quoted_we,
        )


def _is_hedge(after: str, sw: StoryWords) -> bool:
    """Whether a hedge ("think") follows "I" within three words, fillers ("really", "kind of") skipped."""
    following = [w.lower() for w in WORD.findall(after)[:3]]
    fillers = sorted((f.lower().split() for f in sw.fillers if f.strip()), key=len, reverse=True)
    skipped = True
    while following and skipped:
        skipped = False
        for filler in fillers:
            if following[: len(filler)] == filler:
                del following[: len(filler)]
                skipped = True
                break
    return bool(following) and following[0] in {h.lower() for h in sw.hedges}


def count_pronouns(text: str, story_words: StoryWords | None = None) -> PronounCount:
    """Count "I" and "we" as the language's lexicon names them (see the module docstring): "I think" counts as a
    hedge, not an I-statement; a "we" inside a quotation is someone else's and is counted apart."""
    sw = story_words or words()
    pats = _patterns(sw)
    plural = {w.lower() for w in sw.first_person_plural}
    quoted_we = sum(
        1 for segment in quoted_segments(text) for m in pats["pronoun"].finditer(segment) if m.group(1).lower() in plural
    )
    plain = without_quotes(text)
    count = PronounCount(quoted_we=quoted_we)
    count.hedged = len(pats["hedge_phrase"].findall(plain))
    plain = pats["hedge_phrase"].sub(lambda m: " " * len(m.group(0)), plain)  # "yo creo que": its "yo" is no I
    for match in pats["pronoun"].finditer(plain):
        word = match.group(1)
        if word.lower() in plural:
            count.we += 1
            continue
        after = plain[match.end():]
        if re.match(r"\.\s?e\.", after, re.IGNORECASE) or (
            word == "i" and ROMAN_LIST.search(plain[: match.start()]) and after.lstrip().startswith(")")
        ):
            continue  # "i.e." and a "(i)" list marker are not the pronoun
        if match.group(2) is None and _is_hedge(after, sw):
            count.hedged += 1
        else:
            count.i += 1
    return count


# vague claims
class Evidence(BaseModel):
    numbers: list[str] = []
    artefacts: list[str] = []
    outcomes: list[str] = []

    @property
    def any(self) -> bool:
        return bool(self.numbers or self.artefacts or self.outcomes)


def _is_year(sentence: str, start: int, end: int, digits: str, year_words: set[str]) -> bool:
    """A 1950-2099 number dates a claim ("in 2023", "2019-2022", "(2021)") unless it counts something ("2000 users")."""
    if not YEAR.match(digits):
        return False
    before = sentence[:start].rstrip()
    after = sentence[end:].lstrip()
    previous = WORD.findall(before)[-1:] or [""]
    return (
        previous[0].lower() in year_words
        or before.endswith(("-", "–", "(", "/"))
        or after[:1] in {"", "-", "–", ")", "/", ",", ":", ";", "."}
    )


def find_numbers(sentence: str, story_words: StoryWords | None = None) -> list[str]:
    """Numbers that can back a claim: 30%, $2M, 3x, 12 people, "two teams". A bare year or quarter is not one."""
    sw = story_words or words()
    pats = _patterns(sw)
    year_words = {w.lower() for w in sw.year_words}
    found = []
    for match in pats["number"].finditer(sentence):
        currency, digits, unit = match.group(1), match.group(2).rstrip(".,"), match.group(3).strip()
        # read what follows the digits, not the comma or full stop the match took with them ("Acme 2021, then")
        if not currency and not unit and _is_year(sentence, match.start(), match.start(2) + len(digits), digits,
                                                  year_words):
            continue  # "in 2023" dates the claim, it does not measure it
        found.append(f"{currency}{digits}{unit}")
    found += [m.group(0) for m in pats["number_word"].finditer(sentence)]
    return found


def find_evidence(sentence: str, story_words: StoryWords | None = None) -> Evidence:
    """The number, artefact and outcome words that make a sentence a claim someone could check."""
    pats = _patterns(story_words or words())
    return Evidence(
        numbers=find_numbers(sentence, story_words),
        artefacts=[m.group(0) for m in pats["artefact"].finditer(sentence)],
        outcomes=[m.group(0) for m in pats["outcome"].finditer(sentence)],
    )


class VagueClaim(BaseModel):
    """A sentence the checker flags, why, and how the participant might rewrite it (never done for them)."""

    sentence: str
    kind: Literal["no_evidence", "weak_wording"]
    vague_words: list[str]
    suggestion: str


def _suggest(sentence: str, vague: list[str], kind: str, count: PronounCount) -> str:
    t = texts("lanes")
    tips = []
    if len(WORD.findall(sentence)) <= 2:
        tips.append(t("story.suggestions.heading"))
    if count.we and not count.i:
        tips.append(t("story.suggestions.we"))
    if vague:
        tips.append(t("story.suggestions.vague", phrase=vague[0]))
    if kind == "no_evidence":
        tips.append(t("story.suggestions.evidence"))
    return " ".join(tips)


def find_vague_claims(text: str, require_evidence: bool = True, story_words: StoryWords | None = None) -> list[VagueClaim]:
    """Sentences with no number, artefact or outcome (when ``require_evidence``), or with vague wording."""
    sw = story_words or words()
    claims = []
    for sentence in split_sentences(text, sw):
        own = without_quotes(sentence)
        vague = list(dict.fromkeys(m.group(0).lower() for m in _patterns(sw)["vague"].finditer(own)))
        evidence = find_evidence(own, sw)
        short = len(WORD.findall(own)) <= 2
        kind: Literal["no_evidence", "weak_wording"]
        if require_evidence and not evidence.any:
            kind = "no_evidence"
        elif vague or (short and not require_evidence):
            kind = "weak_wording"
        else:
            continue
        claims.append(
            VagueClaim(sentence=sentence, kind=kind, vague_words=vague,
                       suggestion=_suggest(sentence, vague, kind, count_pronouns(sentence, sw)))
        )
    return claims


# the career story
class StoryRole(BaseModel):
    """One role of the participant's history, told in I-statements [00:24:30]."""

    role: str = Field("", max_length=SHORT, title=ref("lanes", "story.fields.role"))
    company: str = Field("", max_length=SHORT, title=ref("lanes", "story.fields.company"))
    learned: str = Field("", max_length=LONG, title=ref("lanes", "story.fields.learned"))
    achieved: str = Field("", max_length=LONG, title=ref("lanes", "story.fields.achieved"))

    def is_empty(self) -> bool:
        return not any(v.strip() for v in (self.role, self.company, self.learned, self.achieved))


class CareerStory(BaseModel):
    """The ``lanes.story`` answer.

    Value shape: ``{"roles": [{"role": str, "company": str, "learned": str, "achieved": str}, ...]}``,
    at most 12 roles, most recent first or last as the participant prefers; text fields up to 2,000
    characters (role and company up to 200).
    """

    roles: list[StoryRole] = Field(default_factory=list, max_length=12, title=ref("lanes", "story.fields.roles"))

    @field_validator("roles", mode="wrap")
    @classmethod
    def _roles(cls, value: Any, handler):
        try:
            return handler(value)
        except ValidationError as err:
            raise ValueError(_explain_roles(err)) from None


def _explain_roles(err: ValidationError) -> str:
    """Name the role and the box a problem is in: 'Role 2, what I achieved is too long ...'."""
    t = texts("lanes")
    sentences = []
    for item in err.errors():
        rows = [p for p in item["loc"] if isinstance(p, int)]
        names = [str(p) for p in item["loc"] if not isinstance(p, int)]
        field = StoryRole.model_fields.get(names[0]) if names else None
        title = resolve(field.title) if field else ""
        where = t("story.role", number=rows[0] + 1) if rows else t("story.the_story")
        if title:
            where = t("errors.place_and_field", place=where, field=title[0].lower() + title[1:])
        if item["type"] == "string_too_long":
            sentences.append(t("errors.too_long", place=where, limit=item["ctx"]["max_length"]))
        elif item["type"] == "too_long":
            sentences.append(t("story.too_many"))
        else:
            sentences.append(t("errors.other", place=where, problem=item["msg"]))
    return "; ".join(dict.fromkeys(sentences))


class FlaggedClaim(BaseModel):
    role_number: int
    field: Literal["learned", "achieved"]
    claim: VagueClaim


class StoryReport(BaseModel):
    counts: PronounCount
    role_counts: list[PronounCount]
    claims: list[FlaggedClaim]
    messages: list[str]


def _role_name(number: int, role: StoryRole) -> str:
    t = texts("lanes")
    title = " ".join(role.role.split())
    return t("story.feedback.role_titled", number=number, title=title[:40]) if title else t("story.role", number=number)


def _role_messages(number: int, role: StoryRole) -> list[str]:
    t = texts("lanes")
    name = _role_name(number, role)
    title = role.role.strip()
    messages = []
    if not title:
        messages.append(t("story.feedback.no_title", number=number))
    elif len(title.split()) == 1 and not role.company.strip():
        messages.append(t("story.feedback.one_word", role=name))
    if not role.learned.strip() and not role.achieved.strip():
        messages.append(t("story.feedback.both_empty", role=name))
    elif not role.achieved.strip():
        messages.append(t("story.feedback.no_achieved", role=name))
    elif not role.learned.strip():
        messages.append(t("story.feedback.no_learned", role=name))
    return messages


def _pronoun_message(total: PronounCount) -> list[str]:
    t = texts("lanes")
    messages = []
    if total.we > total.i:
        messages.append(t("story.feedback.more_we", we=t.plural("story.feedback.times", total.we),
                          i=t.plural("story.feedback.times", total.i)))
    elif total.i:
        messages.append(t("story.feedback.own_part", i=total.i, we=total.we))
    if total.hedged:
        messages.append(t("story.feedback.hedged", count=total.hedged))
    return messages


def check_story(story: CareerStory, story_words: StoryWords | None = None) -> StoryReport:
    """Read the whole story: I against we, vague claims with suggestions, and missing parts."""
    sw = story_words or words()
    roles = [r for r in story.roles if not r.is_empty()]
    if not roles:
        return StoryReport(
            counts=PronounCount(), role_counts=[], claims=[],
            messages=[texts("lanes")("story.feedback.empty")],
        )
    messages: list[str] = []
    claims: list[FlaggedClaim] = []
    role_counts: list[PronounCount] = []
    for number, role in enumerate(story.roles, start=1):
        if role.is_empty():
            role_counts.append(PronounCount())
            continue
        messages += _role_messages(number, role)
        role_counts.append(count_pronouns(role.learned + "\n" + role.achieved, sw))
        for field, need in (("learned", False), ("achieved", True)):
            for claim in find_vague_claims(getattr(role, field), require_evidence=need, story_words=sw):
                claims.append(FlaggedClaim(role_number=number, field=field, claim=claim))
    total = sum(role_counts, PronounCount())
    messages = _pronoun_message(total) + messages
    if claims:
        messages.append(texts("lanes").plural("story.feedback.stronger", len(claims)))
    return StoryReport(counts=total, role_counts=role_counts, claims=claims, messages=messages)
