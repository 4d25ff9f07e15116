"""Calls and emails stored from the browser."""

from __future__ import annotations

import json

import sqlalchemy as sa
from fastapi.testclient import TestClient

from salesleader.web.app import create_app

from .support import CALL, PASSWORDS, logged_in


def test_web_users_store_calls_from_the_browser(store, data):
    rep = logged_in(store, "ann")
    assert "enctype='multipart/form-data'" in rep.get("/upload").text
    assert "href='/upload'" in rep.get("/").text
    before = {r["id"] for r in rep.get("/api/calls").json()}
    broken = (data / "bad" / "broken_timestamp.vtt").read_bytes()
    sent = rep.post("/upload", files=[
        ("files", ("../../call one.txt", CALL.encode(), "text/plain")),
        ("files", ("call one.txt.meta.json", json.dumps({"title": "Upload: renewals"}).encode(),
                   "application/json")),
        ("files", ("broken_timestamp.vtt", broken, "text/vtt")),
        ("files", ("notes.pdf", b"%PDF-1.4", "application/pdf")),
    ])
    assert sent.status_code == 200
    stored = [r for r in rep.get("/api/calls").json() if r["id"] not in before]
    assert [(r["title"], r["sellers"]) for r in stored] == [("Upload: renewals", ["Ann Lee"])]
    assert f"href='/calls/{stored[0]['id']}'" in sent.text and "1 call stored of 3 file(s)" in sent.text
    report = rep.get(f"/api/calls/{stored[0]['id']}").json()
    assert report["call"]["source"] == "upload:call one.txt"  # its own name, no temporary path
    from salesleader.store.ingest import reanalyze

    assert stored[0]["id"] in reanalyze(store, everything=True).updated  # from the stored text
    again_report = rep.get(f"/api/calls/{stored[0]['id']}").json()
    assert any("re-analysed from the stored" in n for n in again_report["notes"])
    assert again_report["index"]["score"] == report["index"]["score"]
    # Each failure by the file's own name and line, never the temporary folder's path:
    assert "broken_timestamp.vtt:6: broken cue timing" in sent.text and "/tmp" not in sent.text
    assert "notes.pdf: not a transcript or emails" in sent.text
    sidecar = json.dumps({"title": "Upload: renewals"}).encode()
    again = rep.post("/upload", files=[("files", ("again.txt", CALL.encode(), "text/plain")),
                                       ("files", ("again.txt.meta.json", sidecar, "text/plain"))])
    assert again.status_code == 200 and "already stored" in again.text
    retitled = rep.post("/upload", files=[  # the same bytes, another sidecar: analysed again
        ("files", ("again.txt", CALL.encode(), "text/plain")),
        ("files", ("again.txt.meta.json", b'{"title": "Renewals, again"}', "text/plain"))])
    assert retitled.status_code == 200 and "stored again (analysis updated)" in retitled.text
    calls_now = rep.get("/api/calls").json()
    assert len(calls_now) == len(before) + 1  # the same bytes: one call
    assert "Renewals, again" in {r["title"] for r in calls_now}
    # Follow-up emails go in beside the calls (B13):
    from salesleader.store.schema import emails

    mail = (data / "email" / "two_threads.mbox").read_bytes()
    with store.connect() as connection:
        before_mail = connection.execute(sa.select(sa.func.count()).select_from(emails)).scalar()
    sent_mail = rep.post("/upload", files=[("files", ("threads.mbox", mail, "application/mbox"))])
    assert sent_mail.status_code == 200 and "0 calls and 1 email file(s) stored" in sent_mail.text
    with store.connect() as connection:
        assert connection.execute(sa.select(sa.func.count()).select_from(emails)
                                  ).scalar() > before_mail
    assert "already stored" in rep.post("/upload", files=[
        ("files", ("threads.mbox", mail, "application/mbox"))]).text
    # A diarized call (SPEAKER_00…): its sidecar names the speakers, so it is Ann's.
    diarized = (data / "whisper_json" / "whisperx_diarized.json").read_bytes()
    named = rep.post("/upload", files=[
        ("files", ("pilot.json", diarized, "application/json")),
        ("files", ("pilot.json.meta.json", json.dumps(
            {"speakers": {"SPEAKER_00": "Ann Lee", "SPEAKER_01": "Dana Ruiz"}}).encode(),
            "application/json"))])
    assert named.status_code == 200 and "1 call stored of 1 file(s)" in named.text
    # A rep stores only calls they sold on:
    theirs = CALL.replace("Ann Lee", "Bo Grant")
    refused = rep.post("/upload", files=[("files", ("bo.txt", theirs.encode(), "text/plain"))])
    assert refused.status_code == 400 and "not stored" in refused.text
    assert "&#x27;Ann Lee&#x27; matches no speaker" in refused.text


def test_web_managers_store_calls_for_their_team_admins_for_anyone(store):
    manager, admin = logged_in(store, "mia"), logged_in(store, "boss")
    call = [("files", ("bo.txt", CALL.replace("Ann Lee", "Bo Grant").encode(), "text/plain"))]
    for seller in ("", "Bo Grant"):  # Bo is not in Mia's team
        response = manager.post("/upload", data={"seller": seller}, files=call)
        assert response.status_code == 400 and "expected a rep of your team" in response.text
    bo_calls = len(admin.get("/api/calls", params={"q": "bo grant"}).json())
    assert admin.post("/upload", data={"seller": "Bo Grant"}, files=call).status_code == 200
    assert len(admin.get("/api/calls", params={"q": "bo grant"}).json()) == bo_calls + 1
    mine = [("files", ("ann.txt", CALL.replace("backlog", "queue").encode(), "text/plain"))]
    assert manager.post("/upload", data={"seller": "Ann Lee"}, files=mine).status_code == 200
    # Uploaded with no seller and diarized: the page says how to name the speakers.
    labelled = [("files", ("diarized.txt", b"SPEAKER_00: Let me show you our platform.\n"
                                            b"SPEAKER_01: Okay, go ahead.\n", "text/plain"))]
    shown = admin.post("/upload", files=labelled)
    assert shown.status_code == 200
    assert "known only by the label SPEAKER_00" in shown.text and "sidecar" in shown.text
    small = TestClient(create_app(store, max_upload_bytes=100))
    small.post("/login", data={"name": "boss", "password": PASSWORDS["boss"]})
    too_big = small.post("/upload", files=mine)
    assert too_big.status_code == 413 and "At most" in too_big.text
    alone = admin.post("/upload", files=[("files", ("lost.txt.meta.json", b"{}", "text/plain"))])
    assert alone.status_code == 400
    assert "lost.txt.meta.json: no lost.txt in this upload; expected a sidecar" in alone.text
    many = [("files", (f"f{n}.txt", b"Ann Lee: Hi.\n", "text/plain")) for n in range(201)]
    crowded = admin.post("/upload", files=many)
    assert crowded.status_code == 400 and "Too many files" in crowded.text
    assert "enctype='multipart/form-data'" in crowded.text  # the form again, not JSON
    closed = TestClient(create_app(store, uploads=False))
    closed.post("/login", data={"name": "boss", "password": PASSWORDS["boss"]})
    assert closed.get("/upload").status_code == 404
    assert closed.post("/upload", files=mine).status_code == 404
    assert "href='/upload'" not in closed.get("/").text
