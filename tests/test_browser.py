"""The HTML report in a real headless Chromium: opens without errors, the timeline works.

Needs Debian's ``chromium`` and ``chromium-driver``; skipped where they are absent.
"""

import shutil
import warnings

import pytest

import attunement
from attunement.report import write_html

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium")
DRIVER = shutil.which("chromedriver")


@pytest.fixture(scope="module")
def browser():
    if not (CHROMIUM and DRIVER):
        pytest.skip("chromium and chromedriver are not installed")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1200,1400"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    yield driver
    driver.quit()


@pytest.mark.parametrize("name", ["pleasing-and-fidgeting.txt", "grief-checkin.vtt", "work-stress.docx"])
def test_report_opens_without_errors_and_timeline_jumps(browser, examples, tmp_path, name):
    from selenium.webdriver.common.by import By

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        analysis = attunement.analyze(examples / name)
    page = write_html(analysis, tmp_path / "report.html")
    browser.get(page.as_uri())
    errors = [entry for entry in browser.get_log("browser") if entry["level"] in ("SEVERE", "ERROR")]
    assert errors == []
    bars = browser.find_elements(By.CSS_SELECTOR, "#timeline .bar")
    assert len(bars) == len(analysis.session)
    rows = browser.find_elements(By.CSS_SELECTOR, "tbody tr[id^=u-]")
    assert len(rows) == len(analysis.session)
    target = bars[len(bars) // 2]
    browser.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", target)
    index = target.get_attribute("data-index")
    assert "flash" in browser.find_element(By.ID, f"u-{index}").get_attribute("class")
    shot = tmp_path / "report.png"
    assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 20_000


def test_script_in_transcript_never_runs(browser, tmp_path):
    from attunement.model import Session, Speaker, Utterance

    t, c = Speaker("Therapist", "therapist"), Speaker("Client<script>window.__pwned=1</script>", "client")
    payloads = ["<script>window.__pwned = 1</script>", "<img src=x onerror='window.__pwned=2'>",
                "\"><svg onload='window.__pwned=3'>"]
    utterances = tuple(Utterance(i, t if i % 2 == 0 else c, text, None, None) for i, text in enumerate(payloads))
    session = Session(id="x", source="<script>window.__pwned=4</script>", format="text",
                      utterances=utterances, speakers=(t, c))
    page = write_html(attunement.analyze(session), tmp_path / "inject.html")
    browser.get(page.as_uri())
    assert browser.execute_script("return window.__pwned === undefined")
