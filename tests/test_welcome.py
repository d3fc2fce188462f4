"""The welcome notebook: choosing a name picks the workbook; the banner says where answers live."""

from __future__ import annotations

from careerkit.modules.welcome.views import ParticipantPicker, banner
from careerkit.store import session


def test_choosing_a_name_is_remembered_for_every_module(isolated_home):
    picker = ParticipantPicker()
    assert picker.name.value == "learner"  # a sensible default before anyone chooses
    picker.name.value = "Ana Lopez"
    picker.button.click()
    assert "Saving as <b>Ana Lopez</b>" in picker.message.value
    session._cache.clear()
    assert session.current_participant() == "Ana Lopez"
    assert session.workbook().path == isolated_home / "^ana_^lopez.json"


def test_a_bad_name_gets_a_sentence_and_changes_nothing(isolated_home):
    picker = ParticipantPicker()
    picker.name.value = "../../etc"
    picker.button.click()
    assert "cannot be used as a participant name" in picker.message.value
    assert session.current_participant() == "learner"


def test_banner_names_the_workbook_file_for_a_real_participant(isolated_home):
    session.set_participant("Ana")
    html = banner("01 Long-term versioning").data
    assert "^ana.json" in html and "private unless you tick" in html


def test_banner_in_demo_mode_names_no_path(demo_env):
    html = banner("01").data
    assert "fictional demo participant" in html
    assert str(demo_env) not in html


def test_demo_participant_is_seeded_with_every_module_answer(demo_env):
    from careerkit.content import demo_answers

    book = session.workbook()
    assert book.participant == "demo"
    assert set(demo_answers()) <= set(book.answers())
    assert {a.updated.isoformat() for a in book.answers().values()} == {"2026-01-15T10:00:00+00:00"}


def test_the_banner_names_the_new_participant_as_soon_as_a_name_is_chosen_in_this_kernel(isolated_home):
    top = banner("00 Welcome")
    later = banner("01 Long-term versioning")  # another module's banner in the same kernel
    assert "for <b>learner</b>" in top.data
    assert "application/vnd.jupyter.widget-view+json" in top._repr_mimebundle_()  # a widget: it can change
    picker = ParticipantPicker()
    picker.name.value = "Ana Lopez"
    picker.button.click()
    for shown in (top, later):
        assert "for <b>Ana Lopez</b>" in shown.data and "^ana_^lopez.json" in shown.data
        assert "learner" not in shown.data
    later.close()
    picker.name.value = "Bea"
    picker.button.click()
    assert "for <b>Bea</b>" in top.data and "for <b>Ana Lopez</b>" in later.data  # a closed banner stops following
    top.close()


def test_00_welcome_never_sends_the_learner_to_00_welcome(isolated_home):
    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / session.CURRENT_FILE).write_bytes(b"\xff\xfe")  # the remembered name is damaged
    top = banner("00 Welcome")
    picker = ParticipantPicker()
    for words in (top.data, picker.message.value):
        assert "cannot be used as a participant name" in words
        assert "in 00_welcome" not in words  # (the test's own folder name holds "00_welcome")
    assert "in the name box below" in top.data and "in the box above" in picker.message.value
    assert "again in 00_welcome" in banner("01 Long-term versioning").data  # elsewhere, it says where the name box is
