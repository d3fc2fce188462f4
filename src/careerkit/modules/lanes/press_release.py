"""The career press release [00:25:01]: checked like the story, drafted from it, rendered as Markdown and HTML.

Pure functions over what the participant wrote; the checks reuse the story's I/we counting and
vague-claim finder (``careerkit.modules.lanes.story``) and only ever suggest.
"""

from __future__ import annotations

import html
import re

from pydantic import BaseModel, Field

from careerkit.modules.lanes.story import (
    LONG,
    SHORT,
    CareerStory,
    StoryWords,
    content,
    count_pronouns,
    find_evidence,
    find_vague_claims,
    split_sentences,
    words,
)

QUOTE = 600


class PressRelease(BaseModel):
    """The ``lanes.press_release`` answer.

    Value shape: ``{"headline": str, "subheadline": str, "story_so_far": str, "quote": str,
    "quote_by": str, "whats_next": str}``; headline up to 200 characters, quote up to 600, the
    rest up to 2,000. Render it with :func:`press_release_markdown` or :func:`press_release_html`.
    """

    headline: str = Field("", max_length=SHORT, title="Headline")
    subheadline: str = Field("", max_length=SHORT * 2, title="Sub-headline")
    story_so_far: str = Field("", max_length=LONG, title="The story so far")
    quote: str = Field("", max_length=QUOTE, title="A quote")
    quote_by: str = Field("", max_length=SHORT, title="Who said it")
    whats_next: str = Field("", max_length=LONG, title="What is next")

    def is_empty(self) -> bool:
        return not any(str(v).strip() for v in self.model_dump().values())


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _unquote(text: str) -> str:
    return _one_line(text).strip("\"“”'‘’ ")


def press_release_markdown(release: PressRelease) -> str:
    """The press release as Markdown to copy into a doc, a profile or an email (learner text as typed)."""
    parts = []
    if release.headline.strip():
        parts.append(f"# {_one_line(release.headline)}")
    if release.subheadline.strip():
        parts.append(f"*{_one_line(release.subheadline)}*")
    if release.story_so_far.strip():
        parts.append("## The story so far\n\n" + release.story_so_far.strip())
    if release.quote.strip():
        quote = f"> “{_unquote(release.quote)}”"
        if release.quote_by.strip():
            quote += f"\n>\n> — {_one_line(release.quote_by)}"
        parts.append(quote)
    if release.whats_next.strip():
        parts.append("## What is next\n\n" + release.whats_next.strip())
    return "\n\n".join(parts) + "\n" if parts else ""


def _paragraphs(text: str) -> str:
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    return "".join("<p>" + "<br>".join(html.escape(line) for line in b.splitlines()) + "</p>" for b in blocks)


def press_release_html(release: PressRelease) -> str:
    """The press release as a self-contained HTML fragment; every piece of learner text is escaped."""
    parts = []
    if release.headline.strip():
        parts.append(f"<h1>{html.escape(_one_line(release.headline))}</h1>")
    if release.subheadline.strip():
        parts.append(f"<p class='subheadline'><em>{html.escape(_one_line(release.subheadline))}</em></p>")
    if release.story_so_far.strip():
        parts.append("<h2>The story so far</h2>" + _paragraphs(release.story_so_far))
    if release.quote.strip():
        by = f"<footer>— {html.escape(_one_line(release.quote_by))}</footer>" if release.quote_by.strip() else ""
        parts.append(f"<blockquote><p>“{html.escape(_unquote(release.quote))}”</p>{by}</blockquote>")
    if release.whats_next.strip():
        parts.append("<h2>What is next</h2>" + _paragraphs(release.whats_next))
    return "<article class='ck-press-release'>" + "".join(parts) + "</article>" if parts else ""


def check_press_release(release: PressRelease, story_words: StoryWords | None = None) -> list[str]:
    """Soft checks: missing parts, a headline too long to remember, we-language, claims without evidence."""
    sw = story_words or words()
    if release.is_empty():
        return ["Start with the headline: who you are and the lane you own, in one line (kit's own, building on [00:25:01])."]
    labels = {p.id: p.label for p in content().press_release_parts}
    problems = [f"{labels[name]} is empty." for name in labels if not getattr(release, name).strip()]
    if len(release.headline.split()) > 12:
        problems.append(f"The headline has {len(release.headline.split())} words: can you say it in 12 or fewer (kit's own rule of thumb)?")
    own = " ".join([release.headline, release.subheadline, release.story_so_far, release.whats_next])
    count = count_pronouns(own, sw)
    if count.we > count.i:
        problems.append(
            f"\"we\" {count.we} times and \"I\" {count.i}: a press release for your career is about you [00:24:30]."
        )
    vague = find_vague_claims(release.subheadline + "\n" + release.story_so_far, require_evidence=False, story_words=sw)
    for claim in vague[:3]:
        problems.append(f"\"{claim.sentence[:80]}\": {claim.suggestion}")
    if release.subheadline.strip() and not find_evidence(release.subheadline, sw).any:
        problems.append("The sub-headline has no number, artefact or outcome: make it the proof.")
    return problems


def draft_press_release(story: CareerStory, lane_label: str = "") -> PressRelease:
    """A first draft from the participant's own story and lane, offered only when they ask for it."""
    roles = [r for r in story.roles if not r.is_empty()]
    achieved = [r.achieved.strip() for r in roles if r.achieved.strip()]
    lines = [f"As {_one_line(r.role)}" + (f" at {_one_line(r.company)}" if r.company.strip() else "") + ": "
             + _one_line(r.achieved) for r in roles if r.achieved.strip() and r.role.strip()]
    latest = roles[-1] if roles else None
    headline = ""
    if latest and latest.role.strip():
        headline = _one_line(latest.role) + (f", building world-class expertise in {lane_label.lower()}" if lane_label else "")
    subheadline = split_sentences(achieved[-1])[0] if achieved else ""
    whats_next = f"Next, I am going deep in one lane: {lane_label.lower()} [00:24:21]." if lane_label else ""
    return PressRelease(
        headline=headline[:SHORT], subheadline=subheadline[: SHORT * 2],
        story_so_far="\n\n".join(lines)[:LONG], whats_next=whats_next,
    )
