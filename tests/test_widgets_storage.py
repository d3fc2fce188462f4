"""What a learner sees when their name or workbook cannot be used: a sentence in the exercise, in the
name box of 00_welcome and in every module's banner; never a traceback, never an empty exercise."""

from __future__ import annotations

import importlib
import json
import os
import tempfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import careerkit as ck
from careerkit.constants import ENV_HOME, ENV_PARTICIPANT
from careerkit.modules import show
from careerkit.modules.welcome.views import ParticipantPicker
from careerkit.store import session
from careerkit.store.files import file_stem
from careerkit.store.workbook import Workbook
from careerkit.ui.exercise import plain_text

MODULES = ("versioning", "lanes", "feedback", "act3", "plan")
KEYS = [f"{m}.{name}" for m in MODULES for name in importlib.import_module(f"careerkit.modules.{m}.views").EXERCISES]

DAMAGED = {
    "non-UTF-8": b"\xff\xfe\x00garbage",
    "list": b"[]",
    "string": b'"Ana"',
    "null": b"null",
    "v1 answers list": json.dumps({"version": 1, "participant": "Ana", "answers": ["x"]}).encode(),
    "deep": b'{"answers": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",
}


def _words(view) -> str:
    return plain_text(view.message.value)


@pytest.fixture
def ana(isolated_home):
    session.set_participant("Ana")
    session._cache.clear()
    return session.workbook()


@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("case", list(DAMAGED))
def test_every_exercise_on_a_damaged_workbook_says_so_and_keeps_saying_so(ana, key, case):
    ana.home.mkdir(parents=True, exist_ok=True)
    ana.path.write_bytes(DAMAGED[case])
    view = ck.show(key)
    words = _words(view)
    assert f"Your workbook {ana.path} could not be used" in words and "kept at" in words
    assert "Start with" not in words and "Something went wrong" not in words
    assert ana.path.read_bytes() == DAMAGED[case]
    assert len(list(ana.home.glob(f"{ana.path.stem}~damaged-*.json"))) == 1
    assert f"{ana.path}" in view._repr_mimebundle_()["text/plain"]  # what a notebook or handout shows


def test_the_end_state_hint_does_not_hide_the_damage(ana):
    ana.home.mkdir(parents=True, exist_ok=True)
    ana.path.write_bytes(b"[]")
    view = ck.show("versioning.end_state")
    assert "could not be used" in _words(view) and "Start with the role" not in _words(view)


@pytest.mark.parametrize("key", KEYS)
def test_every_exercise_with_an_invalid_hub_name_gives_a_sentence(monkeypatch, key):
    monkeypatch.setenv(ENV_PARTICIPANT, "nul")
    view = ck.show(key)
    assert "(set in CAREERKIT_PARTICIPANT) cannot be used as a participant name" in _words(view)


def test_the_banner_and_the_name_box_with_an_invalid_hub_name_give_a_sentence(monkeypatch):
    monkeypatch.setenv(ENV_PARTICIPANT, "COM1")
    assert "CAREERKIT_PARTICIPANT" in ck.start("01").data and "ck-problem" in ck.start("01").data
    picker = ck.choose_participant()
    assert "CAREERKIT_PARTICIPANT" in plain_text(picker.message.value)
    picker.name.value = "Ana"
    assert picker.choose() is False and "CAREERKIT_PARTICIPANT" in plain_text(picker.message.value)


def test_the_banner_names_a_damaged_workbook(ana):
    ana.home.mkdir(parents=True, exist_ok=True)
    ana.path.write_bytes(b"null")
    html = ck.start("01").data
    assert "could not be used" in html and "ck-problem" in html


def test_a_hub_username_with_an_at_sign_just_works(monkeypatch, isolated_home):
    monkeypatch.setenv(ENV_PARTICIPANT, "ana@example.org")
    view = ck.show("versioning.end_state")
    view.role.value = "CPO"
    assert Workbook("ana@example.org", isolated_home).get("versioning.end_state")["role"] == "CPO"
    assert "ana@example.org" in ck.start("01").data


def test_the_name_box_on_a_damaged_workbook_says_so_and_remembers_nothing(isolated_home):
    isolated_home.mkdir(parents=True)
    (isolated_home / f"{file_stem('Ana')}.json").write_bytes(b"\x00\x01")
    picker = ParticipantPicker()
    picker.name.value = "Ana"
    assert picker.choose() is False
    assert "could not be used" in plain_text(picker.message.value)
    assert session.current_participant() == "learner"


def test_ana_and_ana_lowercase_in_the_name_box_get_separate_workbooks(isolated_home):
    for name, role in (("Ana", "CPO"), ("ana", "VP"), ("Ana B", "PM"), ("Ana_B", "CTO")):
        picker = ParticipantPicker()
        picker.name.value = name
        assert picker.choose() is True, plain_text(picker.message.value)
        session._cache.clear()
        view = ck.show("versioning.end_state")
        assert view.role.value == ""  # nobody else's answer shows up
        view.role.value = role
    for name, role in (("Ana", "CPO"), ("ana", "VP"), ("Ana B", "PM"), ("Ana_B", "CTO")):
        assert Workbook(name, isolated_home).get("versioning.end_state")["role"] == role


def test_the_name_box_refuses_a_name_whose_file_holds_someone_else(isolated_home):
    Workbook("Ana", isolated_home).save_answer("versioning.end_state", {"role": "CPO"})
    (isolated_home / f"{file_stem('Bo')}.json").write_bytes(Workbook("Ana", isolated_home).path.read_bytes())
    picker = ParticipantPicker()
    picker.name.value = "Bo"
    assert picker.choose() is False
    assert "holds the answers of 'Ana', not of 'Bo'" in plain_text(picker.message.value)
    assert session.current_participant() == "learner"


@pytest.mark.parametrize("device", ["CON", "nul", "AUX", "COM1"])
def test_the_name_box_refuses_windows_device_names(isolated_home, device):
    picker = ParticipantPicker()
    picker.name.value = device
    assert picker.choose() is False and "devices on Windows" in plain_text(picker.message.value)


# a tenth of the storage fuzz budget (CAREERKIT_FUZZ_EXAMPLES): each input builds an exercise and the name box
@settings(max_examples=max(40, int(os.environ.get("CAREERKIT_FUZZ_EXAMPLES", "300")) // 10), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(raw=st.binary(max_size=512), key=st.sampled_from(KEYS))
def test_fuzz_any_bytes_in_the_workbook_through_an_exercise_and_the_name_box(monkeypatch, raw, key):
    with tempfile.TemporaryDirectory() as folder:
        monkeypatch.setenv(ENV_HOME, folder)
        session._cache.clear()
        book = Workbook("Ana", folder)
        book.home.mkdir(parents=True, exist_ok=True)
        book.path.write_bytes(raw)
        picker = ParticipantPicker()
        picker.name.value = "Ana"
        picker.choose()
        view = show(key, book)
        assert "could not be used" in _words(view) and "Something went wrong" not in _words(view)
        assert "could not be used" in plain_text(picker.message.value)
        assert book.path.read_bytes() == raw
        assert len(list(book.home.glob(f"{book.path.stem}~damaged-*.json"))) == 1
