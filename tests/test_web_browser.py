"""End to end in a real headless Chromium: a trainee uploads, the supervisor sees the comment.

Needs Debian's chromium and chromium-driver (``.ci/run`` installs them); skipped otherwise.
Set ``UPDATE_SCREENSHOTS=1`` to refresh ``docs/screenshots/web-*.png``.
"""

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytestmark = pytest.mark.slow

from attunement.store import Store  # noqa: E402
from attunement.web.security import hash_password  # noqa: E402

PASSWORD = "correct horse battery"
SHOTS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import uvicorn

    from attunement.web import create_app

    db = tmp_path_factory.mktemp("e2e") / "store.db"
    with Store(db) as store:
        store.accounts.add_user("ana", "trainee", hash_password(PASSWORD))
        store.accounts.add_user("sue", "supervisor", hash_password(PASSWORD))
        store.accounts.assign("sue", "ana")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(create_app(db, secret="e2e"), host="127.0.0.1", port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    for _ in range(100):
        if instance.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(5)


@pytest.fixture(scope="module")
def browser():
    if not (shutil.which("chromium") and shutil.which("chromedriver")):
        pytest.skip("chromium and chromedriver are not installed")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1200,1400"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    yield driver
    driver.quit()


def shot(browser, name, tmp_path):
    target = SHOTS / f"web-{name}.png" if os.environ.get("UPDATE_SCREENSHOTS") else tmp_path / f"{name}.png"
    assert browser.save_screenshot(str(target))


def login(browser, server, name):
    from selenium.webdriver.common.by import By

    browser.delete_all_cookies()
    browser.get(f"{server}/login")
    browser.find_element(By.ID, "name").send_keys(name)
    browser.find_element(By.ID, "password").send_keys(PASSWORD)
    browser.find_element(By.CSS_SELECTOR, "form button").click()
    from selenium.webdriver.support import expected_conditions as until
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 20).until(until.url_to_be(f"{server}/"))


def test_trainee_uploads_and_supervisor_sees_the_comment(server, browser, examples, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as until
    from selenium.webdriver.support.ui import WebDriverWait

    login(browser, server, "ana")
    shot(browser, "sessions", tmp_path)
    browser.find_element(By.ID, "file").send_keys(str(examples / "pleasing-and-fidgeting.txt"))
    browser.find_element(By.ID, "pseudonym").send_keys("Lena")
    browser.find_element(By.CSS_SELECTOR, "form[action='/upload'] button").click()
    WebDriverWait(browser, 60).until(until.presence_of_element_located((By.CSS_SELECTOR, "ol.transcript")))
    shot(browser, "session", tmp_path)
    link = browser.find_element(By.CSS_SELECTOR, ".moment-link")
    index = link.get_attribute("data-index")
    link.click()  # a #n link scrolls to its line, in the page
    assert browser.current_url.endswith(f"#u-{index}")
    line = browser.find_element(By.ID, f"u-{index}")
    assert browser.execute_script("return arguments[0].matches(':target')", line)
    line.find_element(By.CSS_SELECTOR, "details.line-form summary").click()  # comment from the transcript line
    line.find_element(By.CSS_SELECTOR, "textarea").send_keys("I felt pulled to reassure her here")
    line.find_element(By.CSS_SELECTOR, "form button").click()
    beside = (By.XPATH, f"//li[@id='u-{index}']//ul[@class='beside']/li[contains(., 'I felt pulled to reassure her here')]")
    WebDriverWait(browser, 20).until(until.presence_of_element_located(beside))
    browser.execute_script("arguments[0].scrollIntoView()", browser.find_element(*beside))
    shot(browser, "comment-on-line", tmp_path)
    comment = (By.XPATH, "//ol[@class='comments']//div[contains(., 'I felt pulled to reassure her here')]")
    WebDriverWait(browser, 20).until(until.presence_of_element_located(comment))
    login(browser, server, "sue")
    WebDriverWait(browser, 20).until(until.presence_of_element_located((By.CSS_SELECTOR, "tbody a"))).click()
    WebDriverWait(browser, 20).until(until.presence_of_element_located(comment))
    shot(browser, "supervisor", tmp_path)
    line = browser.find_element(By.ID, f"u-{index}")  # the supervisor marks the same line to discuss, from the line
    browser.execute_script("arguments[0].open = true", line.find_element(By.CSS_SELECTOR, "details.line-form"))
    from selenium.webdriver.support.ui import Select

    Select(line.find_element(By.CSS_SELECTOR, "select[name='kind']")).select_by_value("discuss")
    line.find_element(By.CSS_SELECTOR, "textarea").send_keys("Bring this to Thursday")
    line.find_element(By.CSS_SELECTOR, "form button").click()
    WebDriverWait(browser, 20).until(until.presence_of_element_located(
        (By.XPATH, f"//li[@id='u-{index}']//li[contains(., 'Bring this to Thursday')]")))
    browser.get(f"{server}/agenda")
    item = WebDriverWait(browser, 20).until(until.presence_of_element_located(
        (By.XPATH, "//section//li[contains(., 'Bring this to Thursday')]/a")))
    assert item.get_attribute("href").endswith(f"#u-{index}")
    shot(browser, "agenda", tmp_path)
    item.click()
    assert browser.execute_script("return document.getElementById(arguments[0]).matches(':target')", f"u-{index}")
    browser.get(f"{server}/growth")
    shot(browser, "growth", tmp_path)


def axe_violations(browser):
    """The WCAG 2.1 A and AA violations axe-core finds on the current page (axe's script from its pip package)."""
    import importlib.resources

    script = importlib.resources.files("selenium_axe_python").joinpath("axe-core/axe.min.js").read_text("utf-8")
    browser.execute_script(script)
    result = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
        ".then(r => done(r.violations.map(v => v.id + ': ' + v.help + ' (' + v.nodes.length + ')')));")
    return result


def test_the_main_pages_have_no_wcag_violations(server, browser, examples):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as until
    from selenium.webdriver.support.ui import WebDriverWait

    pytest.importorskip("selenium_axe_python")
    browser.delete_all_cookies()
    browser.get(f"{server}/login")
    assert axe_violations(browser) == []
    login(browser, server, "ana")
    assert axe_violations(browser) == []
    browser.find_element(By.ID, "file").send_keys(str(examples / "grief-checkin.vtt"))
    browser.find_element(By.CSS_SELECTOR, "form[action='/upload'] button").click()
    WebDriverWait(browser, 60).until(until.presence_of_element_located((By.CSS_SELECTOR, "ol.transcript")))
    assert axe_violations(browser) == []
    for path in ("/agenda", "/growth", "/practice", "/compare"):
        browser.get(f"{server}{path}")
        assert axe_violations(browser) == [], path


def test_a_trainee_practises_and_a_supervisor_follows_the_progress(server, browser, tmp_path):
    """The Practice page end to end: choose a situation, answer, read the judgement and alternatives, see progress."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as until
    from selenium.webdriver.support.ui import Select, WebDriverWait

    login(browser, server, "ana")
    browser.get(f"{server}/practice")
    Select(browser.find_element(By.ID, "situation")).select_by_value("overwhelm")
    first = browser.find_element(By.ID, "situation")
    browser.find_element(By.CSS_SELECTOR, "form[aria-label='Choose what to practise'] button").click()
    WebDriverWait(browser, 30).until(until.staleness_of(first))
    WebDriverWait(browser, 30).until(until.presence_of_element_located((By.ID, "client-words")))
    assert "overwhelm" in browser.find_element(By.ID, "moment").text.lower()
    moment = browser.find_element(By.ID, "moment")
    browser.find_element(By.ID, "response").send_keys("What exactly happened next? Tell me everything, step by step.")
    browser.find_element(By.CSS_SELECTOR, "#answer-form button").click()
    WebDriverWait(browser, 60).until(until.staleness_of(moment))
    WebDriverWait(browser, 60).until(until.presence_of_element_located((By.ID, "marker")))
    assert browser.find_element(By.ID, "marker").text.split()[0] in ("Missed", "Misattuned", "Neutral")
    alternatives = browser.find_elements(By.CSS_SELECTOR, "#alternatives li")
    assert alternatives and "ground" in browser.find_element(By.ID, "result").text.lower()
    if browser.find_elements(By.ID, "feedback"):
        assert "Next time" in browser.find_element(By.ID, "feedback").text
    shot(browser, "practice", tmp_path)
    # the same moment again, answered well: the progress table shows both attempts
    before = browser.find_element(By.ID, "marker")
    browser.find_element(By.ID, "response").clear()
    browser.find_element(By.ID, "response").send_keys("Let's slow down together. Feel your feet on the floor and breathe out slowly with me.")
    browser.find_element(By.CSS_SELECTOR, "#answer-form button").click()
    WebDriverWait(browser, 60).until(until.staleness_of(before))  # the new page, not the old one's marker
    WebDriverWait(browser, 60).until(until.presence_of_element_located((By.ID, "marker")))
    assert browser.find_element(By.ID, "marker").text.startswith("Attuned")
    assert "2" in browser.find_element(By.ID, "progress").text
    login(browser, server, "sue")
    browser.get(f"{server}/practice?trainee=ana")
    assert "Overwhelm" in browser.find_element(By.ID, "pupil-progress").text
    browser.find_element(By.ID, "set-name").send_keys("Pacing")
    browser.find_element(By.ID, "sit-shutdown").click()
    form = browser.find_element(By.ID, "assign-form")
    browser.find_element(By.CSS_SELECTOR, "#assign-form button").click()
    WebDriverWait(browser, 30).until(until.staleness_of(form))
    WebDriverWait(browser, 30).until(until.presence_of_element_located((By.ID, "assign-form")))
    assert "Pacing" in browser.page_source
