"""The Practice and Compare pages through an in-process client: judging, storing, progress, sets, roles."""

import re

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from attunement.practice import bank  # noqa: E402
from attunement.store import Store  # noqa: E402
from attunement.web import create_app  # noqa: E402
from attunement.web.security import hash_password  # noqa: E402

PASSWORD = "correct horse battery"
SESSION = ("Therapist: How are you today?\nClient: Not great. [sighs] I feel so alone since she left.\n"
           "Therapist: Have you tried going to the gym?\nClient: Not really.\n")


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    path = tmp_path_factory.mktemp("practice") / "store.db"
    with Store(path) as store:
        hashed = hash_password(PASSWORD)
        for name, role in (("ana", "trainee"), ("ben", "trainee"), ("sue", "supervisor"), ("root", "admin")):
            store.accounts.add_user(name, role, hashed)
        store.accounts.assign("sue", "ana")
    return create_app(path, secret="test-secret", analyse_inline=True)


def login(app, name):
    c = TestClient(app, base_url="http://127.0.0.1")
    assert c.post("/login", data={"name": name, "password": PASSWORD}, follow_redirects=False).status_code == 303
    return c


def csrf(c, path="/practice"):
    return re.search(r'name="csrf" value="([0-9a-f]+)"', c.get(path).text).group(1)


def test_a_trainee_answers_a_moment_and_sees_the_judgement_and_progress(app):
    c = login(app, "ana")
    page = c.get("/practice?situation=emotional_bid").text
    item = re.search(r'name="item_id" value="([^"]+)"', page).group(1)
    assert item.startswith("bid-")
    bad = c.post("/practice", data={"csrf": csrf(c), "item_id": item, "response": "Have you tried joining a club?",
                                    "situation": "emotional_bid"})
    assert bad.status_code == 200
    assert re.search(r'id="marker">(Missed|Misattuned)', bad.text)
    assert "You could try" in bad.text and 'id="alternatives"' in bad.text
    good = c.post("/practice", data={"csrf": csrf(c), "item_id": item, "situation": "emotional_bid",
                                     "response": "It sounds like you feel so alone, and you miss her terribly."})
    assert 'id="marker">Attuned' in good.text
    progress = c.get("/practice").text
    assert 'id="progress"' in progress and "Emotional bid" in progress
    attempts = Store(app.state.attune.store.path).practice.attempts("ana")
    assert [a["item_id"] for a in attempts] == [item, item]
    assert attempts[0]["response"] == "Have you tried joining a club?"  # opened again from the sealed column


def test_an_empty_answer_is_refused_and_the_words_are_kept(app):
    c = login(app, "ben")
    r = c.post("/practice", data={"csrf": csrf(c), "item_id": bank()[0].id, "response": "   "})
    assert r.status_code == 400 and "empty" in r.text


def test_a_supervisor_assigns_a_set_and_follows_the_trainee(app):
    sue = login(app, "sue")
    r = sue.post("/practice/sets", data={"csrf": csrf(sue), "trainee": "ana", "name": "Risk first",
                                         "situations": ["risk"], "items": ["overwhelm-1"]}, follow_redirects=False)
    assert r.status_code == 303
    assert "Risk first" in sue.get("/practice").text
    assert 'id="pupil-progress"' in sue.get("/practice?trainee=ana").text
    ana = login(app, "ana")
    page = ana.get("/practice").text
    set_id = re.search(r'<option value="(\d+)"[^>]*>Risk first', page).group(1)
    moment = ana.get(f"/practice?set={set_id}").text
    assert re.search(r'name="item_id" value="(risk-\d|overwhelm-1)"', moment)
    # a supervisor cannot assign to someone else's trainee, and a trainee cannot assign at all
    assert sue.post("/practice/sets", data={"csrf": csrf(sue), "trainee": "ben", "name": "x", "situations": ["risk"]}).status_code == 404
    assert ana.post("/practice/sets", data={"csrf": csrf(ana), "trainee": "ana", "name": "x", "situations": ["risk"]}).status_code == 403
    assert login(app, "ben").get(f"/practice?set={set_id}").status_code == 404


def test_admins_do_not_see_practice_or_comparisons(app):
    root = login(app, "root")
    assert root.get("/practice").status_code == 403
    assert root.get("/compare").status_code == 403


def test_compare_shows_two_sessions_side_by_side(app):
    c = login(app, "ana")
    ids = []
    for name in ("week1.txt", "week2.txt"):
        text = SESSION if name == "week1.txt" else SESSION.replace("Have you tried going to the gym?", "You feel alone since she left.")
        r = c.post("/upload", data={"csrf": csrf(c, "/"), "pseudonym": "Client A", "session_date": "2026-11-2" + name[4]},
                   files={"file": (name, text.encode(), "text/plain")}, follow_redirects=False)
        ids.append(r.headers["location"].rsplit("/", 1)[1])
    page = c.get(f"/compare?a={ids[0]}&b={ids[1]}").text
    assert 'id="comparison"' in page and "Attunement index" in page and "responses" in page
    assert login(app, "ben").get(f"/compare?a={ids[0]}&b={ids[1]}").status_code == 404  # not ben's sessions
