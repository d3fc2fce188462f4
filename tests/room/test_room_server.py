"""The standalone room over real HTTP on loopback: join with the code, share, withdraw, and every hostile
request a participant could send refused with a JSON sentence while the service keeps serving everyone else."""

from __future__ import annotations

import json
import urllib.request

import pytest

from careerkit.errors import RoomError
from careerkit.room.client import RoomClient

STAY = {"learning_left": 6, "story_value": 7, "cost": 4, "short_term_reasons": ["boss"], "notes": ""}
SHOUT = {"learning_left": 2, "story_value": 2, "cost": 9, "short_term_reasons": [], "notes": "ana's own words here"}


@pytest.fixture
def served(room_server):
    return room_server.started


def joined(started) -> RoomClient:
    return RoomClient(started.url, RoomClient(started.url).join(started.code))


def raw(started, method, path, body: bytes | None = None, token: str = "", headers=None):
    request = urllib.request.Request(started.url + path, data=body, method=method, headers=headers or {})
    if token:
        request.add_header("Authorization", f"token {token}")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())


def test_two_participants_join_share_and_the_facilitator_reads_the_room(served):
    ana, ben = joined(served), joined(served)
    ana.share("versioning.stay_or_go", STAY)
    ben.share("versioning.stay_or_go", STAY, quote=True)
    facilitator = RoomClient(served.url, served.facilitator_token)
    rows = facilitator.export()["rows"]
    assert len(rows) == 2 and len({r["participant"] for r in rows}) == 2
    assert ana.mine()["answers"] == {"versioning.stay_or_go": {"quote": False}}
    assert ana.withdraw("versioning.stay_or_go") == 1
    assert [r["participant"] for r in facilitator.export()["rows"]] == [ben.mine()["pseudonym"]]
    view = facilitator.view(k=2)
    assert view["joined"] == 2 and view["exercises"]["versioning.stay_or_go"]["waiting"] is True


def test_roles_participants_cannot_read_the_room_and_the_facilitator_cannot_share(served):
    ana = joined(served)
    for call in (ana.view, ana.export, ana.revision, lambda: ana.moderate("reset", "versioning.stay_or_go")):
        with pytest.raises(RoomError) as caught:
            call()
        assert caught.value.status == 403 and caught.value.code == "not_facilitator"
    facilitator = RoomClient(served.url, served.facilitator_token)
    with pytest.raises(RoomError) as caught:
        facilitator.share("versioning.stay_or_go", STAY)
    assert caught.value.status == 403
    for token, status in (("", 401), ("made-up", 403)):
        with pytest.raises(RoomError) as caught:
            RoomClient(served.url, token).view()
        assert caught.value.status == status


def test_a_forged_pseudonym_or_participant_id_in_the_request_writes_only_the_callers_own_record(served):
    ana, ben = joined(served), joined(served)
    ana.share("versioning.stay_or_go", STAY)
    victim = ana.mine()["pseudonym"]
    forged = {"value": SHOUT, "quote": True, "participant": victim, "pseudonym": victim, "participant_id": 1, "id": 1}
    status, body = raw(served, "PUT", "api/answers/versioning.stay_or_go", json.dumps(forged).encode(), ben.token)
    assert status == 200
    rows = {r["participant"]: r for r in RoomClient(served.url, served.facilitator_token).export()["rows"]}
    assert rows[victim]["value"] == STAY  # Ana's record is untouched
    assert rows[ben.mine()["pseudonym"]]["value"]["cost"] == 9  # the forger only wrote their own
    # nor can anyone withdraw someone else's record: a withdraw only ever deletes the caller's own
    status, _ = raw(served, "DELETE", f"api/answers/versioning.stay_or_go?participant={victim}", token=ben.token)
    assert status == 200 and victim in {r["participant"] for r in RoomClient(served.url, served.facilitator_token).export()["rows"]}


@pytest.mark.parametrize(("body", "status", "code"), [
    (b"[" * 200_000 + b"]" * 200_000, 413, "too_large"),
    (b'{"value": ' + b"[" * 5_000 + b"]" * 5_000 + b"}", 400, "too_deep"),
    (b'{"value": ' + b'{"a":' * 40 + b"1" + b"}" * 40 + b"}", 400, "too_deep"),
    (b"{not json", 400, "not_json"),
    (b"\xff\xfe\x00", 400, "not_utf8"),
    (b"[1, 2]", 400, "not_object"),
    (b'{"quote": true}', 400, "no_value"),
    (json.dumps({"value": dict(STAY, cost="lots")}).encode(), 422, "invalid_answer"),
    (json.dumps({"value": STAY, "quote": "yes"}).encode(), 400, "bad_quote"),
], ids=["brackets-over-the-size-cap", "5000-deep", "40-deep-objects", "not-json", "not-utf8", "a-list", "no-value",
        "wrong-type", "quote-not-bool"])
def test_hostile_bodies_get_a_json_sentence_and_the_room_keeps_serving(served, body, status, code):
    ana = joined(served)
    got, answer = raw(served, "PUT", "api/answers/versioning.stay_or_go", body, ana.token,
                      {"Content-Type": "application/json"})
    assert (got, answer["error"]) == (status, code), answer
    assert isinstance(answer["message"], str) and answer["message"]
    ana.share("versioning.stay_or_go", STAY)  # the service is still up, for this participant and the rest
    assert joined(served).mine()["answers"] == {}


def test_a_huge_body_is_refused_before_it_is_read(served):
    import socket
    from urllib.parse import urlparse

    ana = joined(served)
    where = urlparse(served.url)
    with socket.create_connection((where.hostname, where.port), timeout=10) as sock:
        sock.sendall((f"PUT /api/answers/versioning.stay_or_go HTTP/1.1\r\nHost: x\r\nAuthorization: token {ana.token}\r\n"
                      "Content-Type: application/json\r\nContent-Length: 500000000\r\n\r\n").encode() + b"[" * 65536)
        reply = b""
        while b"}" not in reply:
            chunk = sock.recv(65536)
            if not chunk:
                break
            reply += chunk
    head, _, body = reply.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 413") and json.loads(body)["error"] == "too_large"
    ana.share("versioning.stay_or_go", STAY)  # still serving


def test_a_private_exercise_is_refused_over_http(served):
    from careerkit.content import demo_answers

    ana = joined(served)
    with pytest.raises(RoomError) as caught:
        ana.share("act3.rabbit", demo_answers()["act3.rabbit"])
    assert caught.value.status == 403 and "private by design" in caught.value.message
    assert RoomClient(served.url, served.facilitator_token).export()["rows"] == []


def test_an_unknown_page_and_a_wrong_code_are_sentences(served):
    assert raw(served, "GET", "etc/passwd")[0] == 404
    with pytest.raises(RoomError) as caught:
        RoomClient(served.url).join("AAA-AAA")
    assert caught.value.status == 404 and "code" in caught.value.message


def test_an_unreachable_room_is_a_sentence_not_a_hang():
    with pytest.raises(RoomError) as caught:
        RoomClient("http://127.0.0.1:9", timeout=2).mine()
    assert caught.value.status == 0 and "cannot be reached" in caught.value.message


def test_with_a_certificate_the_room_speaks_https_only(tmp_path):
    import shutil
    import subprocess

    from roomserver import RunningRoom

    if not shutil.which("openssl"):
        pytest.skip("openssl is not installed")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True, timeout=60)
    running = RunningRoom(tmp_path / "room", certfile=str(cert), keyfile=str(key))
    try:
        assert running.url.startswith("https://127.0.0.1:")
        secret = RoomClient(running.url, cafile=str(cert)).join(running.code)
        RoomClient(running.url, secret, cafile=str(cert)).share("versioning.stay_or_go", STAY)
        assert len(RoomClient(running.url, running.token, cafile=str(cert)).export()["rows"]) == 1
        with pytest.raises(RoomError) as caught:  # plain http to a TLS port gets nowhere
            RoomClient(running.url.replace("https", "http"), timeout=3).health()
        assert caught.value.status in (0, 400)
    finally:
        running.stop()
