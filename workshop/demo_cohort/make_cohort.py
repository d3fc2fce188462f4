"""Writes workshop/demo_cohort/room_export.json: a synthetic, clearly fictional cohort of 24 participants.

Run from the repository root: ``.venv/bin/python workshop/demo_cohort/make_cohort.py``. The script is
seeded: running it again writes a byte-identical file. Every participant is invented ("fictional-01" ...);
every answer is drawn at random from the kit's own content, shared into a real room (its core, on a
temporary SQLite database: validation, quote consent, the words of unquoted answers emptied), and the
facilitator reveals every quote its author allowed. The file is what ``careerkit room export`` writes.
"""

from __future__ import annotations

import random
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "src"))

from careerkit.modules import exercise_class  # noqa: E402
from careerkit.modules.act3 import domain as act3  # noqa: E402
from careerkit.modules.feedback import domain as feedback  # noqa: E402
from careerkit.modules.feedback import drill  # noqa: E402
from careerkit.modules.lanes import domain as lanes  # noqa: E402
from careerkit.modules.versioning import domain as v  # noqa: E402
from careerkit.room.core import RateLimiter, Room  # noqa: E402
from careerkit.room.export import write_export  # noqa: E402
from careerkit.room.store import database_url, open_engine  # noqa: E402

SEED = 20260115
PARTICIPANTS = 24
SHARE_RATE = 0.8
QUOTE_RATE = 0.4
EXPORT = HERE / "room_export.json"

ROLES = ["Chief Product Officer", "VP Product", "Head of Product", "Founder", "Principal PM", "Product coach"]
BUILDERS = ["takes products from smoke to fire", "finds product-market fit", "grows product teams", "builds for climate",
            "turns fire into something great", "works on hard B2B problems"]
WHYS = ["I want to build things that matter at scale.", "I love the zero-to-one stage.", "I want to grow the people I work with.",
        "I want to stay close to customers.", "I want the freedom to choose my problems."]
COMPANIES = ["Imaginary Grid Co", "Fictional Fintech Ltd", "Pretend Health", "Made-up Mobility", "Invented Ed-tech"]
FIRST_MOVES = ["Ask my manager who argues for me in calibration.", "Ask two peers for real feedback this week.",
               "Find out whether the next level exists here at all.", "Write down the critique I keep hearing."]
STARS = ["Help a thousand product people build things that cut emissions.", "Teach product to people who never had a mentor.",
         "Back founders who build for people left out.", "Write the book I wish I had read at 25."]
STEPS = ["Mentor one junior PM this spring", "Join one angel syndicate call", "Publish one post a month", "Volunteer at a local meetup"]
LANE_WEIGHTS = {"growth": 6, "crafting": 5, "market": 4, "organizational": 3, "domain": 2, "team": 2}


def end_state(rng: random.Random) -> dict:
    return {"role": rng.choice(ROLES), "builder": f"A builder who {rng.choice(BUILDERS)}.",
            "horizon_years": rng.randint(10, 20), "why": rng.choice(WHYS)}


def roadmap(rng: random.Random) -> dict:
    year, versions = 2020 + rng.randint(0, 5), []
    for number in range(rng.randint(3, 4)):
        length = rng.randint(2, 4)
        versions.append({"role": f"{rng.choice(['PM', 'Senior PM', 'Group PM', 'Head of Product'])} (v{number + 1})",
                         "company": rng.choice(COMPANIES), "stage": rng.choice(v.stage_ids()),
                         "market": rng.choice(v.market_ids()), "start_year": year, "end_year": year + length,
                         "learning": rng.choice(["Craft", "Market ambiguity", "Hiring a team", "Growth", ""])})
        year += length
    return {"versions": versions, "skip_job": rng.choice(["VP Product", "Chief Product Officer", "General Manager"])}


def lane_ratings(rng: random.Random) -> dict:
    scores = {lane: {d: rng.randint(2, 9) for d in ("evidence", "energy", "opportunity")} for lane in lanes.lane_ids()}
    undecided = rng.random() < 0.12
    chosen = [] if undecided else rng.choices(list(LANE_WEIGHTS), weights=list(LANE_WEIGHTS.values()))
    return {"scores": scores, "chosen": chosen, "why": "Still between two lanes." if undecided else "It gives me energy."}


def promotion_stall(rng: random.Random) -> dict:
    questions = [q.id for q in feedback.content().stall_questions]
    return {"answers": {q: rng.choice([0, 1, 2, 2, 3, 4]) for q in questions}, "first_move": rng.choice(FIRST_MOVES)}


def shadows(rng: random.Random) -> dict:
    powers = rng.sample([s.id for s in feedback.content().superpowers], rng.randint(1, 2))
    levels = [r.id for r in feedback.content().ratings]
    return {"superpowers": powers, "ratings": {p: rng.choice(levels) for p in powers}, "notes": ""}


def repeat_back(rng: random.Random) -> dict:
    history = []
    for _ in range(rng.randint(1, 4)):
        statement = rng.choice(feedback.content().statements)
        labels = [p.label for p in statement.points]
        text = rng.choice([
            "What I hear is: " + "; ".join(labels) + ". Did I get that right?",
            "So: " + labels[0] + ".",
            labels[0] + ", but that is not really fair, I had my reasons.",
        ])
        history.append(drill.solo_attempt(statement.id, text, history))
    return {"mode": "solo", "history": [a.model_dump(mode="json") for a in history]}


def arcs(rng: random.Random) -> dict:
    gains = [g.id for g in act3.content().gains]
    plans = []
    for arc in act3.content().arcs:
        forms = [f.id for f in arc.forms]
        plans.append({"arc": arc.id, "forms": rng.sample(forms, rng.randint(0, len(forms))),
                      "gains": {g: rng.randint(0, 10) for g in gains}, "energy": rng.randint(1, 10),
                      "gives": "", "first_step": rng.choice(STEPS),
                      "step_date": (date(2026, 2, 1) + timedelta(days=rng.randint(0, 200))).isoformat()})
    return {"plans": plans}


def north_star(rng: random.Random) -> dict:
    return {"sentence": rng.choice(STARS), "why_at_70": "It never runs out.", "first_step": rng.choice(STEPS),
            "step_date": (date(2026, 3, 1) + timedelta(days=rng.randint(0, 150))).isoformat()}


MAKERS = {
    "versioning.end_state": end_state, "versioning.roadmap": roadmap, "lanes.ratings": lane_ratings,
    "feedback.promotion_stall": promotion_stall, "feedback.shadows": shadows, "feedback.repeat_back": repeat_back,
    "act3.arcs": arcs, "act3.north_star": north_star,
}


def make_cohort(export: Path = EXPORT, seed: int = SEED, size: int = PARTICIPANTS) -> Path:
    """Share the fictional cohort's answers into a temporary room and write the room's export; returns it."""
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="careerkit-cohort-") as data:
        engine = open_engine(database_url(data))
        room = Room(engine, limiter=RateLimiter(per_second=1e6, burst=10**6), draw=lambda: f"p-{rng.getrandbits(32):08x}")
        room_id = room.hub_room()
        for number in range(1, size + 1):
            who = f"hub:fictional-{number:02d}"
            answers = {key: exercise_class(key).Model.model_validate(make(rng)).model_dump(mode="json")
                       for key, make in MAKERS.items()}
            for key, value in answers.items():
                if rng.random() < SHARE_RATE:
                    room.share(room_id, who, key, value, quote=rng.random() < QUOTE_RATE, create=True)
        for key, exercise in room.view(room_id, k=2)["exercises"].items():
            for quote in exercise["quotes"]:
                room.moderate(room_id, "reveal_quote", key, quote["participant"])
        write_export(room.export(room_id), export)
        engine.dispose()
    return export


if __name__ == "__main__":
    path = make_cohort()
    print(f"Wrote the fictional cohort's shared answers to {path}")
