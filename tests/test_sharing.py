"""Consented sharing, as participants and a facilitator live it: tick share, untick it, collect the room."""

from __future__ import annotations

import json
import os
import stat

import pytest

from careerkit import cohort, sharing
from careerkit.errors import ExchangeError
from careerkit.widgets import exercise_class
from careerkit.workbook import Workbook

CANARY = "PRIVATE-CANARY-7f3a91"
END_STATE = {"role": "CPO", "builder": "A builder of teams", "horizon_years": 15, "why": "Impact"}
STAY = {"learning_left": 6, "story_value": 7, "cost": 4, "short_term_reasons": ["boss"], "notes": ""}


@pytest.fixture
def exchange(tmp_path, monkeypatch):
    folder = sharing.prepare_exchange(tmp_path / "exchange")
    monkeypatch.setenv("CAREERKIT_EXCHANGE", str(folder))
    return folder


def exchange_texts(folder) -> str:
    return "".join(p.read_text(encoding="utf-8") for p in folder.iterdir() if p.is_file())


def participant(make_workbook, name, shared=(), private=()):
    answers = {"versioning.end_state": dict(END_STATE, why=f"{name}'s reason"), "versioning.stay_or_go": STAY}
    book = make_workbook(name, answers)
    for key in shared:
        sharing.share(book, key)
    return book


def test_only_shared_answers_reach_the_exchange_under_a_pseudonym(make_workbook, exchange):
    book = make_workbook("Ana Lima", {
        "versioning.end_state": END_STATE,
        "versioning.stay_or_go": dict(STAY, notes=CANARY),
    })
    path = sharing.share(book, "versioning.end_state")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert list(data["answers"]) == ["versioning.end_state"]
    assert data["answers"]["versioning.end_state"] == {"value": END_STATE, "quote": False}
    assert path.name == data["pseudonym"] + ".json" and data["pseudonym"].startswith("p-")
    text = exchange_texts(exchange)
    assert CANARY not in text
    assert "Ana" not in text and "ana_lima" not in text
    assert stat.S_IMODE(path.stat().st_mode) == 0o644  # the facilitator, another OS user on a hub, can read it


def test_the_pseudonym_is_stable_per_participant_and_differs_between_people_and_workshops(make_workbook, tmp_path):
    ana, ben = make_workbook("Ana"), make_workbook("Ben")
    first = sharing.prepare_exchange(tmp_path / "workshop-1")
    second = sharing.prepare_exchange(tmp_path / "workshop-2")
    assert sharing.pseudonym(ana, first) != sharing.pseudonym(Workbook("ana", ana.home), first)  # two people (issue 12)
    assert sharing.pseudonym(ana, first) == sharing.pseudonym(Workbook("Ana", ana.home), first)
    assert sharing.pseudonym(ana, first) != sharing.pseudonym(ben, first)
    assert sharing.pseudonym(ana, first) != sharing.pseudonym(ana, second)  # a new salt: not linkable


def test_a_salt_written_by_the_first_participant_is_kept_for_everyone_after(tmp_path):
    folder = tmp_path / "ex"
    folder.mkdir()
    salt = sharing.exchange_salt(folder)
    assert sharing.exchange_salt(folder) == salt and len(salt) == 32
    assert [p.name for p in folder.iterdir()] == [sharing.SALT_FILE]  # no temporary file left behind


def test_unsharing_withdraws_the_answer_and_the_last_one_removes_the_file(make_workbook, exchange):
    book = participant(make_workbook, "Ana", shared=["versioning.end_state", "versioning.stay_or_go"])
    path = sharing.exchange_file(book)
    sharing.share(book, "versioning.stay_or_go", False)
    assert list(json.loads(path.read_text())["answers"]) == ["versioning.end_state"]
    sharing.share(book, "versioning.end_state", False)
    assert not path.exists()
    assert book.shared_answers() == {}


def test_withdraw_makes_everything_private_again(make_workbook, exchange):
    book = participant(make_workbook, "Ana", shared=["versioning.end_state", "versioning.stay_or_go"])
    sharing.withdraw(book)
    assert book.shared_answers() == {} and not sharing.exchange_file(book).exists()


def test_quote_consent_is_kept_across_republishing(make_workbook, exchange):
    book = participant(make_workbook, "Ana", shared=["versioning.end_state"])
    sharing.set_quote(book, "versioning.end_state", True)
    sharing.share(book, "versioning.stay_or_go")
    answers = sharing.published(book)
    assert answers["versioning.end_state"]["quote"] is True and answers["versioning.stay_or_go"]["quote"] is False


def test_without_an_exchange_nothing_is_written_but_the_choice_is_kept(make_workbook, tmp_path):
    book = participant(make_workbook, "Ana", shared=["versioning.end_state"])
    assert sharing.exchange_dir() is None
    assert book.answers()["versioning.end_state"].shared is True
    folder = sharing.prepare_exchange(tmp_path / "later")
    assert list(sharing.published(book, folder)) == []
    sharing.publish(book, folder)
    assert list(sharing.published(book, folder)) == ["versioning.end_state"]


def test_the_welcome_notebook_can_set_the_exchange_and_the_environment_wins(tmp_path, monkeypatch, isolated_home):
    with pytest.raises(ExchangeError, match="no such folder"):
        sharing.set_exchange(tmp_path / "missing")
    chosen = sharing.set_exchange(sharing.prepare_exchange(tmp_path / "room"))
    assert sharing.exchange_dir() == chosen
    monkeypatch.setenv("CAREERKIT_EXCHANGE", str(tmp_path / "from-env"))
    assert sharing.exchange_dir() == tmp_path / "from-env"
    monkeypatch.delenv("CAREERKIT_EXCHANGE")
    sharing.set_exchange("")
    assert sharing.exchange_dir() is None


def test_a_failed_write_keeps_the_previous_file_and_leaves_no_temporary(make_workbook, exchange, monkeypatch):
    book = participant(make_workbook, "Ana", shared=["versioning.end_state"])
    path = sharing.exchange_file(book)
    before = path.read_text()

    real_replace = os.replace

    def full_exchange_disk(src, dst):
        if str(dst).startswith(str(exchange)):
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(sharing.os, "replace", full_exchange_disk)
    with pytest.raises(ExchangeError, match="No space left"):
        sharing.share(book, "versioning.stay_or_go")
    assert path.read_text() == before
    assert sorted(p.name for p in exchange.iterdir()) == sorted([sharing.SALT_FILE, path.name])


def test_share_unshare_collect_round_trip_across_several_workbooks(make_workbook, exchange):
    ana = participant(make_workbook, "Ana", shared=["versioning.end_state", "versioning.stay_or_go"])
    participant(make_workbook, "Ben", shared=["versioning.end_state"])
    participant(make_workbook, "Chen", shared=[])
    dee = participant(make_workbook, "Dee", shared=["versioning.stay_or_go"])
    table = cohort.collect(exchange).table
    assert len(table) == 4 and table["participant"].nunique() == 3
    assert sorted(table.groupby("key").size().items()) == [("versioning.end_state", 2), ("versioning.stay_or_go", 2)]
    assert not table.duplicated(["participant", "key"]).any()

    sharing.share(ana, "versioning.stay_or_go", False)
    sharing.share(dee, "versioning.stay_or_go", False)
    result = cohort.collect(exchange)
    assert sorted(result.table["key"]) == ["versioning.end_state", "versioning.end_state"]
    assert result.participants == 2 and result.problems == []
    whys = set(v["why"] for v in result.table["value"])
    assert whys == {"Ana's reason", "Ben's reason"}


# the share box under every exercise
def test_share_box_is_off_and_disabled_until_there_is_an_answer(make_workbook, exchange):
    view = exercise_class("versioning.end_state")(make_workbook("Ana"))
    assert view.sharing.share.value is False and view.sharing.share.disabled is True
    view.role.value = "CPO"
    assert view.sharing.share.disabled is False and view.sharing.share.value is False
    assert [p.name for p in exchange.iterdir()] == [sharing.SALT_FILE]


def test_ticking_share_publishes_editing_refreshes_and_unticking_withdraws(make_workbook, exchange):
    book = make_workbook("Ana")
    view = exercise_class("versioning.end_state")(book)
    view.role.value = "CPO"
    view.sharing.share.value = True
    assert "pseudonym" in view.sharing.note.value
    assert sharing.published(book)["versioning.end_state"]["value"]["role"] == "CPO"
    view.role.value = "VP Product"
    assert sharing.published(book)["versioning.end_state"]["value"]["role"] == "VP Product"
    view.sharing.quote.value = True
    assert sharing.published(book)["versioning.end_state"]["quote"] is True

    again = exercise_class("versioning.end_state")(Workbook("Ana", book.home))
    assert again.sharing.share.value is True and again.sharing.quote.value is True
    again.sharing.share.value = False
    assert again.sharing.quote.value is False and again.sharing.quote.disabled is True
    assert sharing.published(book) == {} and "withdrawn" in again.sharing.note.value


def test_sharing_without_a_group_folder_says_so_and_keeps_the_choice(make_workbook):
    book = make_workbook("Ana", {"versioning.end_state": END_STATE})
    view = exercise_class("versioning.end_state")(book)
    view.sharing.share.value = True
    assert "facilitator gives you the group's folder" in view.sharing.note.value
    assert book.answers()["versioning.end_state"].shared is True
    view.sharing.quote.value = True
    assert view.sharing.quote.value is False and "00_welcome" in view.sharing.note.value


def test_a_vanished_exchange_folder_is_a_sentence_beside_the_box(make_workbook, tmp_path, monkeypatch):
    monkeypatch.setenv("CAREERKIT_EXCHANGE", str(tmp_path / "gone"))
    book = make_workbook("Ana", {"versioning.end_state": END_STATE})
    view = exercise_class("versioning.end_state")(book)
    view.sharing.share.value = True
    assert "could not be used: there is no such folder" in view.sharing.note.value
    assert "Traceback" not in view.sharing.note.value
    view.role.value = "Still saved"
    assert book.get("versioning.end_state")["role"] == "Still saved"


def test_nothing_private_is_ever_written_to_the_exchange(make_workbook, exchange):
    book = make_workbook("Ana", {
        "versioning.end_state": dict(END_STATE, why=CANARY),
        "versioning.stay_or_go": STAY,
    })
    view = exercise_class("versioning.stay_or_go")(book)
    view.sharing.share.value = True
    private = exercise_class("versioning.end_state")(book)
    private.role.value = "Edited while private " + CANARY
    assert CANARY not in exchange_texts(exchange)
    assert os.listdir(exchange)  # something was shared, and it holds no canary


# the optional group-folder box in 00_welcome
def test_a_participant_pastes_the_group_folder_and_already_shared_answers_reach_it(tmp_path, monkeypatch):
    from careerkit import session
    from careerkit.widgets.welcome import ExchangePicker

    monkeypatch.setenv("CAREERKIT_PARTICIPANT", "Ana")
    book = session.workbook()
    book.save_answer("versioning.end_state", END_STATE)
    book.set_shared("versioning.end_state", True)
    picker = ExchangePicker()
    picker.path.value = str(tmp_path / "typo")
    assert picker.choose() is False and "no such folder" in picker.message.value
    folder = sharing.prepare_exchange(tmp_path / "room")
    picker.path.value = str(folder)
    assert picker.choose() is True and "under a pseudonym" in picker.message.value
    assert sharing.exchange_dir() == folder.resolve()
    assert list(sharing.published(book)) == ["versioning.end_state"]
    assert ExchangePicker().path.value == str(folder.resolve())  # remembered for the other notebooks


def test_on_a_prepared_hub_the_group_folder_box_is_greyed_out(exchange):
    from careerkit.widgets.welcome import ExchangePicker

    picker = ExchangePicker()
    assert picker.path.disabled and picker.button.disabled
    assert picker.path.value == str(exchange) and "nothing to do here" in picker.message.value
    assert picker.choose() is False


def test_in_a_drop_box_folder_each_shared_file_is_readable_only_by_its_owner(make_workbook, tmp_path):
    folder = sharing.prepare_exchange(tmp_path / "dropbox", mode=0o1733)  # participants write, cannot list
    path = sharing.share(participant(make_workbook, "Ana"), "versioning.end_state", folder=folder)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE((folder / sharing.SALT_FILE).stat().st_mode) == 0o644  # everyone needs it for their pseudonym


def test_an_exercise_private_by_design_has_no_share_box_and_is_never_collected(make_workbook, exchange, monkeypatch):
    view_class = exercise_class("versioning.stay_or_go")
    monkeypatch.setattr(view_class, "shareable", False)
    book = make_workbook("Ana", {"versioning.stay_or_go": STAY})
    view = view_class(book)
    assert view.sharing.box not in view.box.children and view.sharing.share.disabled
    view.sharing.share.value = True  # even when forced, nothing is shared
    assert view.sharing.share.value is False and not book.answers()["versioning.stay_or_go"].shared
    book.set_shared("versioning.stay_or_go", True)  # a workbook edited by hand, published by a script
    sharing.publish(book)
    result = cohort.collect(exchange)
    assert result.table.empty
    assert "versioning.stay_or_go is not an exercise of this kit that can be shared" in str(result.problems[0])
