"""The IC-or-manager read as the participant gets it: the lean at its edges, the sentences on each side, the
cautions and the experiments offered (careerkit.modules.lanes.path; found by mutation testing, `make mutate`)."""

from __future__ import annotations

import pytest

from careerkit.modules.lanes import path as cp

IC = ("building", "deep_expertise")
MANAGER = ("counsel", "coaching", "documentation", "resource_justification", "headcount")
SENIOR_IC = ("The senior IC track keeps you building and lets you go world-class in one ambiguity [00:41:51]; "
             "a positive development for the industry [00:40:46], well established in engineering and design and "
             "expected to become a stronger, more solid career path [00:43:00].")
PAPERWORK = ("Managers spend more time on documentation, resource justification and headcount [00:44:00]; "
             "the manager side counts how much you enjoy exactly that (the kit's own scoring).")
UNTRAINED = ("Many people were made managers for their technical prowess, without training [00:35:28]: "
             "plan how you will learn to manage, not only when.")


def answer(ic=(5, 5), manager=(5, 5, 5, 5, 5), **rest):
    return cp.PathAnswer.model_validate({"enjoy": dict(zip(IC + MANAGER, ic + manager, strict=True)), **rest})


def experiments(*paths):
    items = {path: [e for e in cp.content().path_experiments if e.path == path] for path in ("ic", "manager")}
    taken = {"ic": 0, "manager": 0}
    out = []
    for path in paths:
        e = items[path][taken[path]]
        taken[path] += 1
        out.append(f"{'IC' if path == 'ic' else 'Manager'} test: {e.label} {e.cite}")
    return out


@pytest.mark.parametrize(("ic", "manager", "fit", "headline"), [
    ((8, 7), (6, 6, 6, 6, 6), "ic", "For now, your answers lean to the IC path (7.5 against 6)."),  # a gap of 1.5
    ((8, 6), (6, 6, 6, 6, 6), "both", "Both paths draw you (7 IC, 6 manager): test one before you choose."),
    ((5, 6), (7, 7, 7, 7, 7), "manager", "For now, your answers lean to the manager path (7 against 5.5)."),
    ((6, 6), (7, 7, 7, 7, 7), "both", "Both paths draw you (6 IC, 7 manager): test one before you choose."),
    ((6, 6), (6, 6, 6, 6, 6), "both", "Both paths draw you (6 IC, 6 manager): test one before you choose."),
    ((6, 5), (6, 6, 6, 6, 6), "unclear",
     "No clear lean yet (5.5 IC, 6 manager): the experiments below will tell you more."),
])
def test_the_lean_is_read_at_its_edges(ic, manager, fit, headline):
    read = cp.read_path(answer(ic, manager))
    assert (read.fit, read.headline) == (fit, headline)


def test_each_side_names_what_you_enjoy_from_7_and_what_you_do_not_up_to_3():
    read = cp.read_path(answer((7, 6), (3, 4, 5, 5, 5)))
    assert read.for_ic == [
        "You enjoy building stuff: shaping and shipping product hands-on (7/10) [00:43:00].",
        "You do not enjoy giving counsel from the sidecar while someone else steers (3/10) [00:37:19].",
        SENIOR_IC]
    assert read.for_manager == [PAPERWORK]
    read = cp.read_path(answer((4, 3), (7, 6, 5, 5, 5)))
    assert read.for_manager == [
        "You enjoy giving counsel from the sidecar while someone else steers (7/10) [00:37:19].",
        "You do not enjoy going deep in one ambiguity (market, organisational, domain) to become world-class "
        "(3/10) [00:41:51].",
        PAPERWORK]
    assert read.for_ic == [SENIOR_IC]


@pytest.mark.parametrize(("invited", "reasons", "cautions"), [
    (7, ["Colleagues invite you into their work (7/10): you are earning the right to manage [00:38:21]."], []),
    (6, [], []),
    (4, [], []),
    (3, [], ["Colleagues rarely invite you in (3/10). A manager has power, yet must earn the right to be invited in "
             "[00:38:21]: offer help on one specific area and wait for the invitation [00:38:57]."]),
])
def test_invitations_count_from_7_and_warn_up_to_3(invited, reasons, cautions):
    read = cp.read_path(answer(invited=invited))
    assert read.for_manager == [*reasons, PAPERWORK]
    assert read.cautions == cautions
    assert read.manager_score == round(5 + (invited - 5) / 5, 1)


def test_the_sidecar_adds_a_point_and_another_way_of_helping_is_a_caution():
    read = cp.read_path(answer(helping_style="sidecar"))
    assert read.manager_score == 6
    assert read.for_manager == ["You already help from the sidecar: counsel while the other person steers [00:37:19].",
                                PAPERWORK]
    read = cp.read_path(answer(helping_style="divide"))
    assert read.manager_score == 5
    assert read.cautions == [
        "You help like this: \"I split the work and hand out the tasks\". Managing is neither dividing tasks nor "
        "teaching and letting go: it is the sidecar, counsel from a supporting seat [00:37:19]."]


def test_a_leaning_the_answers_disagree_with_is_named_and_a_manager_is_told_to_learn_managing():
    to_manager = answer((5, 6), (7, 7, 7, 7, 7))
    ask = "and your answers lean the other way. Which answer would you change?"
    assert cp.read_path(to_manager.model_copy(update={"leaning": "ic"})).cautions == [
        f"You said you lean IC, {ask}", UNTRAINED]
    assert cp.read_path(to_manager.model_copy(update={"leaning": "unsure"})).cautions == [UNTRAINED]
    to_ic = answer((8, 7), (6, 6, 6, 6, 6))
    assert cp.read_path(to_ic.model_copy(update={"leaning": "manager"})).cautions == [
        f"You said you lean manager, {ask}", UNTRAINED]
    assert cp.read_path(to_ic.model_copy(update={"leaning": "ic"})).cautions == []
    both = answer((6, 6), (6, 6, 6, 6, 6))
    assert cp.read_path(both.model_copy(update={"leaning": "manager"})).cautions == [UNTRAINED]  # no clash with both


def test_the_experiments_start_with_the_path_that_fits():
    assert cp.read_path(answer((8, 7), (6, 6, 6, 6, 6))).experiments == experiments("ic", "ic", "manager")
    assert cp.read_path(answer((5, 6), (7, 7, 7, 7, 7))).experiments == experiments("manager", "manager", "ic")
    assert cp.read_path(answer((6, 6), (6, 6, 6, 6, 6))).experiments == experiments("ic", "manager", "ic", "manager")
    assert cp.read_path(answer((6, 5), (6, 6, 6, 6, 6))).experiments == experiments("ic", "manager", "ic", "manager")
