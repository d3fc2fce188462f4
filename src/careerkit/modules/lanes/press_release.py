"""The career press release [00:25:01]: checked like the story, drafted from it, rendered as Markdown and HTML.

Pure functions over what the participant wrote; the checks reuse the story's I/we counting and
vague-claim finder (``careerkit.modules.lanes.story``) and only ever suggest.
"""

from __future__ import annotations

import html
import re

from pydantic import BaseModel, Field

from careerkit.content.text import ref, texts
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

    headline: str = Field("", max_length=SHORT, title=ref("lanes", "press_release.fields.headline"))
    subheadline: str = Field("", max_length=SHORT * 2, title=ref("lanes", "press_release.fields.subheadline"))
    story_so_far: str = Field("", max_length=LONG, title=ref("lanes", "press_release.fields.story_so_far"))
    quote: str = Field("", max_length=QUOTE, title=ref("lanes", "press_release.fields.quote"))
    quote_by: str = Field("", max_length=SHORT, title=ref("lanes", "press_release.fields.quote_by"))
    whats_next: str = Field("", max_length=LONG, title=ref("lanes", "press_release.fields.whats_next"))

    def is_empty(self) -> bool:
        return not any(str(v).strip() for v in self.model_dump().values())


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _unquote(text: str) -> str:
    return _one_line(text).strip("\"“”'‘’ ")


def press_release_markdown(release: PressRelease) -> str:
    """The press release as Markdown to copy into a doc, a profile or an email (learner text as typed)."""
    t = texts("lanes")
    parts = []
    if release.headline.strip():
        parts.append(f"# {_one_line(release.headline)}")
    if release.subheadline.strip():
        parts.append(f"*{_one_line(release.subheadline)}*")
    if release.story_so_far.strip():
        parts.append(f"## {t('press_release.headings.story_so_far')}\n\n" + release.story_so_far.strip())
    if release.quote.strip():
        quote = f"> “{_unquote(release.quote)}”"
        if release.quote_by.strip():
            quote += f"\n>\n> — {_one_line(release.quote_by)}"
        parts.append(quote)
    if release.whats_next.strip():
        parts.append(f"## {t('press_release.headings.whats_next')}\n\n" + release.whats_next.strip())
    return "\n\n".join(parts) + "\n" if parts else ""


def _paragraphs(text: str) -> str:
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    return "".join("<p>" + "<br>".join(html.escape(line) for line in b.splitlines()) + "</p>" for b in blocks)


def press_release_html(release: PressRelease) -> str:
    """The press release as a self-contained HTML fragment; every piece of learner text is escaped."""
    t = texts("lanes")
    parts = []
    if release.headline.strip():
        parts.append(f"<h1>{html.escape(_one_line(release.headline))}</h1>")
    if release.subheadline.strip():
        parts.append(f"<p class='subheadline'><em>{html.escape(_one_line(release.subheadline))}</em></p>")
    if release.story_so_far.strip():
        parts.append(f"<h2>{t.html('press_release.headings.story_so_far')}</h2>" + _paragraphs(release.story_so_far))
    if release.quote.strip():
        by = f"<footer>— {html.escape(_one_line(release.quote_by))}</footer>" if release.quote_by.strip() else ""
        parts.append(f"<blockquote><p>“{html.escape(_unquote(release.quote))}”</p>{by}</blockquote>")
    if release.whats_next.strip():
        parts.append(f"<h2>{t.html('press_release.headings.whats_next')}</h2>" + _paragraphs(release.whats_next))
    return "<article class='ck-press-release'>" + "".join(parts) + "</article>" if parts else ""


def check_press_release(release: PressRelease, story_words: StoryWords | None = None) -> list[str]:
    """Soft checks: missing parts, a headline too long to remember, we-language, claims without evidence."""
    t = texts("lanes")
    sw = story_words or words()
    if release.is_empty():
        return [t("press_release.feedback.start")]
    labels = {p.id: p.label for p in content().press_release_parts}
    problems = [t("press_release.feedback.part_empty", part=labels[name]) for name in labels
                if not getattr(release, name).strip()]
    if len(release.headline.split()) > 12:
        problems.append(t("press_release.feedback.long_headline", count=len(release.headline.split())))
    own = " ".join([release.headline, release.subheadline, release.story_so_far, release.whats_next])
    count = count_pronouns(own, sw)
    if count.we > count.i:
        problems.append(t("press_release.feedback.more_we", we=count.we, i=count.i))
    vague = find_vague_claims(release.subheadline + "\n" + release.story_so_far, require_evidence=False, story_words=sw)
    for claim in vague[:3]:
        problems.append(t("press_release.feedback.vague", sentence=claim.sentence[:80], suggestion=claim.suggestion))
    if release.subheadline.strip() and not find_evidence(release.subheadline, sw).any:
        problems.append(t("press_release.feedback.no_proof"))
    return problems


def draft_press_release(story: CareerStory, lane_label: str = "") -> PressRelease:
    """A first draft from the participant's own story and lane, offered only when they ask for it."""
    t = texts("lanes")
    roles = [r for r in story.roles if not r.is_empty()]
    achieved = [r.achieved.strip() for r in roles if r.achieved.strip()]
    lines = [
        t("press_release.draft_from_story.as_role_at", role=_one_line(r.role), company=_one_line(r.company),
          achieved=_one_line(r.achieved)) if r.company.strip()
        else t("press_release.draft_from_story.as_role", role=_one_line(r.role), achieved=_one_line(r.achieved))
        for r in roles if r.achieved.strip() and r.role.strip()
    ]
    latest = roles[-1] if roles else None
    headline = ""
    if latest and latest.role.strip():
        headline = (t("press_release.draft_from_story.headline", role=_one_line(latest.role), lane=lane_label.lower())
                    if lane_label else _one_line(latest.role))
    subheadline = split_sentences(achieved[-1])[0] if achieved else ""
    whats_next = t("press_release.draft_from_story.whats_next", lane=lane_label.lower()) if lane_label else ""
    return PressRelease(
        headline=headline[:SHORT], subheadline=subheadline[: SHORT * 2],
        story_so_far="\n\n".join(lines)[:LONG], whats_next=whats_next,
    )
