"""The web app through an in-process client: logins, roles, CSRF, uploads, supervision, audit, headers."""

import re

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from attunement.store import Store  # noqa: E402
from attunement.web import create_app  # noqa: E402
from attunement.web.security import hash_password  # noqa: E402

PASSWORD = "correct horse battery"
SESSION = "[00:00:01] Therapist: How are you today?\n[00:00:05] Client: Not great. [sighs] I feel so alone.\n" \
          "[00:00:12] Therapist: You feel alone.\n[00:00:15] Client: Yes.\n"


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def db(request, tmp_path_factory):
    from .conftest import _drop, _postgres_url

    handle = None
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("web") / "store.db"
    else:
        path, handle = _postgres_url("web_" + request.module.__name__)
        if path is None:
            pytest.skip("set ATTUNEMENT_TEST_POSTGRES to a PostgreSQL URL to test the web app on PostgreSQL")
    with Store(path) as store:
        hashed = hash_password(PASSWORD)
        for name, role in (("ana", "trainee"), ("ben", "trainee"), ("sue", "supervisor"), ("sam", "supervisor"), ("root", "admin")):
            store.accounts.add_user(name, role, hashed)
        store.accounts.assign("sue", "ana")
    yield path
    _drop(handle)


@pytest.fixture(scope="module")
def app(db):
    return create_app(db, secret="test-secret", analyse_inline=True)


def client(app, name=None):
    c = TestClient(app, base_url="http://127.0.0.1")
    if name:
        response = c.post("/login", data={"name": name, "password": PASSWORD}, follow_redirects=False)
        assert response.status_code == 303, response.text
    return c


def csrf(c, path="/"):
    return re.search(r'name="csrf" value="([0-9a-f]+)"', c.get(path).text).group(1)


@pytest.fixture(scope="module")
def ana_session(app):
    c = client(app, "ana")
    response = c.post("/upload", data={"csrf": csrf(c), "pseudonym": "Client A", "session_date": "2026-11-20"},
                      files={"file": ("week1.txt", SESSION.encode(), "text/plain")}, follow_redirects=False)
    assert response.status_code == 303
    return response.headers["location"].rsplit("/", 1)[1]


def test_logged_out_users_see_nothing(app, ana_session):
    c = client(app)
    assert c.get("/", follow_redirects=False).status_code == 303
    for path in (f"/sessions/{ana_session}", f"/sessions/{ana_session}/report", f"/sessions/{ana_session}/export.json",
                 f"/sessions/{ana_session}/status"):
        assert c.get(path).status_code == 401


@pytest.mark.parametrize(("user", "allowed"), [("ana", True), ("sue", True), ("ben", False), ("sam", False), ("root", False)])
def test_permission_matrix(app, ana_session, user, allowed):
    c = client(app, user)
    for path in (f"/sessions/{ana_session}", f"/sessions/{ana_session}/report", f"/sessions/{ana_session}/export.json"):
        assert c.get(path).status_code == (200 if allowed else 404), (user, path)
    assert (ana_session[:8] in c.get("/").text) == allowed


def test_url_guessing_gives_the_same_answer_as_a_missing_session(app):
    c = client(app, "ben")
    assert c.get("/sessions/0000000000000000").status_code == 404


def test_analysis_result_is_shown(app, ana_session):
    c = client(app, "ana")
    page = c.get(f"/sessions/{ana_session}").text
    assert "Attunement index" in page and "Client A" in page
    report = c.get(f"/sessions/{ana_session}/report")
    assert report.status_code == 200 and "Session report" in report.text
    assert c.get(f"/sessions/{ana_session}/export.json").json()["schema"] == "attunement.report/1"


def test_csrf_is_required(app, ana_session):
    c = client(app, "sue")
    response = c.post(f"/sessions/{ana_session}/comments", data={"kind": "comment", "body": "hi", "csrf": "forged"})
    assert response.status_code == 403
    response = c.post("/upload", data={"csrf": ""}, files={"file": ("x.txt", SESSION.encode(), "text/plain")})
    assert response.status_code == 403


def test_comments_on_lines_that_do_not_exist_or_codes_that_are_not_codes_are_refused_and_nothing_is_lost(app, db, ana_session):
    sue = client(app, "sue")
    token = csrf(sue, f"/sessions/{ana_session}")
    cases = [({"kind": "comment", "utterance_index": "999", "body": "my careful note"}, "there is no #999"),
             ({"kind": "comment", "utterance_index": "line four", "body": "my careful note"}, "not a line number"),
             ({"kind": "disagree", "utterance_index": "2", "code": "behaviour", "correction": "banana",
               "body": "my careful note"}, "not a value of behaviour"),
             ({"kind": "disagree", "code": "behaviour", "correction": "advice", "body": "my careful note"}, "which line")]
    for data, message in cases:
        response = sue.post(f"/sessions/{ana_session}/comments", data={"csrf": token, **data})
        assert response.status_code == 400 and message in response.text and "my careful note" in response.text
    with Store(db) as store:
        assert store.comments.of(ana_session) == []
    ok = sue.post(f"/sessions/{ana_session}/comments", data={"csrf": token, "kind": "disagree", "utterance_index": "#2",
                                                             "code": "Behaviour", "correction": "Reflection complex"})
    assert ok.status_code == 200
    with Store(db) as store:
        assert [(c["utterance_index"], c["code"], c["correction"]) for c in store.comments.of(ana_session)] == [
            (2, "behaviour", "reflection_complex")]
        assert len(store.comments.corrections()) == 1  # and it reaches `attune sessions corrections`


def test_exports_carry_the_supervision(app, db, ana_session):
    sue = client(app, "sue")
    token = csrf(sue, f"/sessions/{ana_session}")
    sue.post(f"/sessions/{ana_session}/comments", data={"csrf": token, "kind": "disagree", "utterance_index": "2",
             "code": "behaviour", "correction": "reflection_complex", "body": "adds the loneliness"})
    sue.post(f"/sessions/{ana_session}/comments", data={"csrf": token, "kind": "discuss", "body": "pace overall"})
    document = sue.get(f"/sessions/{ana_session}/export.json").json()
    found = {(c["utterance_index"], c["kind"], c["correction"], c["body"]) for c in document["supervision"]}
    assert {(2, "disagree", "reflection_complex", "adds the loneliness"), (None, "discuss", "", "pace overall")} <= found
    table = sue.get(f"/sessions/{ana_session}/export.csv").text
    assert "behaviour → reflection_complex): adds the loneliness" in table and "pace overall" in table
    page = sue.get(f"/sessions/{ana_session}/export.html").text
    assert "<h2>Supervision</h2>" in page and "adds the loneliness" in page


def test_agenda_and_filters(app, db, ana_session):
    sue = client(app, "sue")
    token = csrf(sue, f"/sessions/{ana_session}")
    sue.post(f"/sessions/{ana_session}/comments", data={"csrf": token, "kind": "discuss", "utterance_index": "1",
                                                        "body": "talk about the pace here"})
    agenda = sue.get("/agenda").text
    assert "talk about the pace here" in agenda and f"/sessions/{ana_session}#u-1" in agenda
    assert ana_session[:8] in sue.get("/?trainee=ana").text
    assert ana_session[:8] not in sue.get("/?client=nobody-called-this").text and "No sessions match" in sue.get(
        "/?client=nobody-called-this").text
    assert ana_session[:8] not in sue.get("/?since=2999-01-01").text
    page = sue.get(f"/sessions/{ana_session}?kind=no_such_kind").text
    assert "Moments that matter" not in page or 'class="moment-link"' not in page


def test_supervision_comments_corrections_and_reactions(app, db, ana_session):
    sue = client(app, "sue")
    token = csrf(sue, f"/sessions/{ana_session}")
    assert sue.post(f"/sessions/{ana_session}/comments", data={"csrf": token, "kind": "disagree", "utterance_index": "2",
                    "code": "behaviour", "correction": "reflection_complex", "body": "adds the loneliness"}).status_code == 200
    ana = client(app, "ana")
    token = csrf(ana, f"/sessions/{ana_session}")
    assert ana.post(f"/sessions/{ana_session}/comments", data={"csrf": token, "kind": "reaction", "utterance_index": "2",
                    "body": "I felt pulled to fix it", "parent_id": "1"}).status_code == 200
    assert ana.post(f"/sessions/{ana_session}/comments", data={"csrf": token, "kind": "disagree"}).status_code == 403
    page = ana.get(f"/sessions/{ana_session}").text
    assert "adds the loneliness" in page and "I felt pulled to fix it" in page
    with Store(db) as store:
        corrections = store.comments.corrections()
    assert corrections[0]["correction"] == "reflection_complex" and corrections[0]["text"] == "You feel alone."


@pytest.mark.parametrize(("name", "content", "status"), [
    ("big.txt", b"Therapist: hi\n" * 500_000, 413),
    ("virus.exe", b"MZ", 415),
    ("empty.txt", b"", 422),
    ("nolabels.txt", b"just words\n", 422),
    ("../../etc/passwd.txt", SESSION.encode(), 303),
])
def test_bad_uploads(app, name, content, status):
    c = client(app, "ben")
    response = c.post("/upload", data={"csrf": csrf(c)}, files={"file": (name, content, "text/plain")}, follow_redirects=False)
    assert response.status_code == status, response.text
    if status == 422:
        assert "/tmp" not in response.text and name in response.text


def test_login_failures_are_rate_limited_and_audited(app, db):
    c = client(app)
    for _ in range(5):
        assert "wrong" in c.post("/login", data={"name": "sam", "password": "nope"}).text
    assert "Too many attempts" in c.post("/login", data={"name": "sam", "password": PASSWORD}).text
    app.state.audit.flush()
    with Store(db) as store:
        actions = [(e["actor"], e["action"]) for e in store.audit.log()]
    assert ("sam", "login blocked") in actions and ("sam", "login failed") in actions


def test_views_are_audited(app, db, ana_session):
    client(app, "sue").get(f"/sessions/{ana_session}")
    app.state.audit.flush()
    with Store(db) as store:
        assert any(e["actor"] == "sue" and e["action"] == "view" and e["target"] == ana_session for e in store.audit.log())


def test_security_headers_and_cookie_flags(app):
    c = client(app)
    response = c.get("/login")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["referrer-policy"] == "no-referrer" and response.headers["x-frame-options"] == "SAMEORIGIN"
    login = c.post("/login", data={"name": "ana", "password": PASSWORD}, follow_redirects=False)
    cookie = login.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie


def test_pages_reference_no_external_assets(app, ana_session):
    c = client(app, "ana")
    for path in ("/", f"/sessions/{ana_session}", "/login"):
        assert not re.search(r"(src|href)\s*=\s*\"(https?:)?//", c.get(path).text)


def test_growth_over_time(app, ana_session):
    ana = client(app, "ana")
    token = csrf(ana)
    second = SESSION.replace("Not great", "A bit better")
    ana.post("/upload", data={"csrf": token, "pseudonym": "Client A", "session_date": "2026-11-27"},
             files={"file": ("week2.txt", second.encode(), "text/plain")})
    page = ana.get("/growth").text
    assert "Four tasks and attunement index" in page and "Each client's exploratory space" in page and "Client A" in page
    assert page.count("<svg") >= 3
    assert "Client A" not in client(app, "ben").get("/growth").text
    assert "Client A" in client(app, "sue").get("/growth?trainee=ana").text
    assert client(app, "root").get("/growth").status_code == 403


def test_csv_export(app, ana_session):
    response = client(app, "ana").get(f"/sessions/{ana_session}/export.csv")
    assert response.status_code == 200, response.text[-400:]
    text = response.text
    header, first = text.splitlines()[:2]
    assert header.startswith("index,role,speaker") and first.startswith("0,therapist,Therapist")


def test_same_transcript_from_two_users_stays_separate(app, ana_session):
    ben = client(app, "ben")
    response = ben.post("/upload", data={"csrf": csrf(ben)}, files={"file": ("copy.txt", SESSION.encode(), "text/plain")},
                        follow_redirects=False)
    assert response.headers["location"].rsplit("/", 1)[1] != ana_session
    assert client(app, "ana").get(f"/sessions/{ana_session}").status_code == 200


def test_marked_to_discuss_is_listed(app, ana_session):
    sue = client(app, "sue")
    sue.post(f"/sessions/{ana_session}/comments", data={"csrf": csrf(sue, f"/sessions/{ana_session}"), "kind": "discuss",
             "utterance_index": "1", "body": "the loneliness here"})
    page = client(app, "ana").get(f"/sessions/{ana_session}").text
    assert "Marked to discuss" in page and "#1: the loneliness here" in page


def test_uploading_the_same_transcript_again_keeps_pseudonym_date_and_notes(app, db):
    ana = client(app, "ana")
    first = ana.post("/upload", data={"csrf": csrf(ana), "pseudonym": "Client A", "session_date": "2026-11-20",
                                      "notes": "@2: I wanted to fix it\n"}, follow_redirects=False,
                     files={"file": ("week3.txt", SESSION.encode(), "text/plain")})
    again = ana.post("/upload", data={"csrf": csrf(ana), "notes": "@1: she looked away"}, follow_redirects=False,
                     files={"file": ("week3.txt", SESSION.encode(), "text/plain")})
    session_id = first.headers["location"].rsplit("/", 1)[1]
    assert again.headers["location"].rsplit("/", 1)[1] == session_id
    with Store(db) as store:
        owned = store.accounts.ownership(session_id)
        notes = store.sessions.get(session_id).metadata["notes"]
    assert (owned["pseudonym"], owned["session_date"]) == ("Client A", "2026-11-20")
    assert notes == {"1": ["she looked away"], "2": ["I wanted to fix it"]}


def test_who_is_who_is_shown_and_can_be_switched_and_reader_notes_are_on_the_page(app, db):
    ana = client(app, "ana")
    text = ("Ann: How has the week been? What has been hardest?\nBo: I barely slept. My boss shouted at me.\n"
            "Ann: You sound worn out by it.\nBo: I am. I feel useless.\n")
    response = ana.post("/upload", data={"csrf": csrf(ana), "keep_identifiers": "1"}, follow_redirects=False,
                        files={"file": ("named.txt", text.encode(), "text/plain")})
    session_id = response.headers["location"].rsplit("/", 1)[1]
    view = ana.get(f"/sessions/{session_id}").text
    assert "Who is who" in view and "<strong>Ann</strong> is taken for the therapist" in view and "confidence" in view
    assert "Notes from reading the file" in view and "--therapist" not in view  # the reader's warnings, in web words
    swapped = ana.post(f"/sessions/{session_id}/roles", data={"csrf": csrf(ana, f"/sessions/{session_id}")},
                       follow_redirects=False)
    assert swapped.status_code == 303
    view = ana.get(f"/sessions/{session_id}").text
    assert "<strong>Ann</strong> is taken for the client" in view and "ana switched the roles" in view.lower()
    with Store(db) as store:
        assert {s.name: s.role for s in store.sessions.get(session_id).speakers} == {"Ann": "client", "Bo": "therapist"}
    given = ana.post("/upload", data={"csrf": csrf(ana), "therapist": "Bo", "keep_identifiers": "1"}, follow_redirects=False,
                     files={"file": ("named2.txt", text.replace("useless", "useless.").encode(), "text/plain")})
    with Store(db) as store:
        stored = store.sessions.get(given.headers["location"].rsplit("/", 1)[1])
    assert {s.name: s.role for s in stored.speakers}["Bo"] == "therapist"
    bad = ana.post("/upload", data={"csrf": csrf(ana)}, files={"file": ("three.txt", b"A: hi?\nB: yes\nC: no\nA: ok?\nB: y\nC: n\n",
                                                                        "text/plain")})
    assert bad.status_code == 422 and "--therapist" not in bad.text and "upload form" in bad.text


def test_an_unsure_guess_waits_for_the_user_to_confirm_who_is_who(app, db):
    ana = client(app, "ana")
    text = "Kim: Hello.\nLee: Hi there.\nKim: It rained.\nLee: It did.\n"  # nothing tells them apart
    response = ana.post("/upload", data={"csrf": csrf(ana), "keep_identifiers": "1"}, follow_redirects=False,
                        files={"file": ("flat.txt", text.encode(), "text/plain")})
    session_id = response.headers["location"].rsplit("/", 1)[1]
    view = ana.get(f"/sessions/{session_id}").text
    assert "please confirm who is who" in view.lower() and "That is right: analyse" in view
    with Store(db) as store:
        assert store.accounts.ownership(session_id)["status"] == "confirm"
    ana.post(f"/sessions/{session_id}/roles", data={"csrf": csrf(ana, f"/sessions/{session_id}"), "action": "confirm"})
    with Store(db) as store:
        assert store.accounts.ownership(session_id)["status"] in ("ready", "queued", "analysing")
        assert store.sessions.get(session_id).metadata["roles_guessed"]["confidence"] == "confirmed"


def test_process_notes_on_upload_and_corrections_export(app, db, tmp_path):
    from click.testing import CliRunner

    from attunement.cli import cli
    from attunement.readers import read_sessions

    ana = client(app, "ana")
    response = ana.post("/upload", data={"csrf": csrf(ana), "notes": "@2: I wanted to fix it\n"}, follow_redirects=False,
                        files={"file": ("week3.txt", SESSION.replace("Yes.", "Yes, alone.").encode(), "text/plain")})
    session_id = response.headers["location"].rsplit("/", 1)[1]
    assert "I wanted to fix it" in ana.get(f"/sessions/{session_id}/report").text
    bad = ana.post("/upload", data={"csrf": csrf(ana), "notes": "@99: nope"}, files={"file": ("w.txt", b"T: a?\nC: b\n", "text/plain")})
    assert bad.status_code == 422 and "utterance 99" in bad.text
    out = tmp_path / "corrections.csv"
    result = CliRunner().invoke(cli, ["sessions", "corrections", str(out), "--db", str(db)])
    assert result.exit_code == 0, result.stderr
    sessions = read_sessions(out)
    gold = sessions[0].metadata["gold"]["behaviour_group"]
    assert gold[2] == "reflection" and gold[0] is None


NAMED = "Therapist: How did it go with Marcus on the 14th?\nClient: Marcus shouted. I rang 07700 900123 after. [crying]\n" \
        "Therapist: That sounds frightening, Priya.\n"


def test_uploads_are_deidentified_unless_the_uploader_keeps_identifiers(app, db):
    pytest.importorskip("presidio_analyzer")
    ana = client(app, "ana")
    assert 'name="keep_identifiers" type="checkbox" value="1">' in ana.get("/").text  # offered, unticked
    response = ana.post("/upload", data={"csrf": csrf(ana), "notes": "@1: I froze when Marcus came up"},
                        files={"file": ("priya-week5.txt", NAMED.encode(), "text/plain")}, follow_redirects=False)
    session_id = response.headers["location"].rsplit("/", 1)[1]
    with Store(db) as store:
        stored = store.sessions.get(session_id)
    words = " ".join(u.text for u in stored.utterances) + str(stored.metadata["notes"]) + stored.source
    for identifier in ("Marcus", "Priya", "priya", "07700 900123", "14th"):
        assert identifier not in words
    assert stored.utterances[1].text.startswith("[PERSON_1] shouted") and "[PERSON_1]" in stored.metadata["notes"]["1"][0]
    assert "[crying]" not in stored.utterances[1].text and stored.utterances[1].annotations  # cues survive, outside the words
    page = ana.get(f"/sessions/{session_id}").text
    assert "De-identified before storing" in page and "2 person" in page and "Marcus" not in page
    kept = ana.post("/upload", data={"csrf": csrf(ana), "keep_identifiers": "1"},
                    files={"file": ("kept.txt", NAMED.replace("after", "later").encode(), "text/plain")}, follow_redirects=False)
    kept_id = kept.headers["location"].rsplit("/", 1)[1]
    with Store(db) as store:
        assert "Marcus" in store.sessions.get(kept_id).utterances[1].text
    assert "Stored with its identifiers" in ana.get(f"/sessions/{kept_id}").text


def test_the_session_page_explains_its_words(app, ana_session):
    from attunement.report.glossary import GLOSSARY

    page = client(app, "ana").get(f"/sessions/{ana_session}").text
    assert "What these words mean" in page and GLOSSARY["exploratory_space"][0] in page
