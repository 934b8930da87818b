"""The HTML report opened in a real browser (Debian's chromium, headless, through Selenium): the
overview it shows is the JSON's, the agency table sorts, and findings' cells are highlighted.

Skipped, saying why, where chromium or chromedriver is not installed (``apt-get install chromium
chromium-driver``; .ci/run does)."""

from __future__ import annotations

import json
import shutil

import pytest

from gixlint.cli import main
from tests.test_outputs import ARGS, make_corpus

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM and DRIVER),
                                reason="没有安装 chromium 与 chromedriver（apt-get install chromium chromium-driver）")


@pytest.fixture(scope="module")
def browser():
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1400"):
        options.add_argument(arg)
    driver = webdriver.Chrome(options=options, service=Service(DRIVER))
    yield driver
    driver.quit()


def test_html_report_in_a_real_browser(browser, tmp_path):
    from selenium.webdriver.common.by import By

    corpus = make_corpus(tmp_path / "reports")
    page, data = tmp_path / "报告.html", tmp_path / "r.json"
    main([str(corpus), *ARGS, "--format", f"html={page}", "--format", f"json={data}"])
    overview = json.loads(data.read_text(encoding="utf-8"))["summary"]["overview"]
    browser.get(page.resolve().as_uri())
    shown = {dd.get_attribute("data-key"): dd.text.split("/")[0].strip()
             for dd in browser.find_elements(By.CSS_SELECTOR, "#overview dd")}
    for key in ("reports", "balanced", "fee_statement", "on_time"):
        assert shown[key] == str(overview[key]), key
    assert shown["format-v2021"] == str(overview["formats"]["v2021"])
    # charts are drawn (bars with a width), inline
    bars = browser.find_elements(By.CSS_SELECTOR, "#by-rule svg rect")
    assert bars and all(float(b.get_attribute("width")) > 0 for b in bars)
    # sorting the agency table by 错误 puts the unbalanced report first
    header = browser.find_elements(By.CSS_SELECTOR, "#agency-table thead th")[4]
    header.click()
    first = browser.find_element(By.CSS_SELECTOR, "#agency-table tbody tr td").text
    assert first == "示例县财政局"
    header.click()
    assert browser.find_element(By.CSS_SELECTOR, "#agency-table tbody tr td").text != "示例县财政局"
    # the cell a balance finding is about is highlighted, and points at the finding
    cells = browser.find_elements(By.CSS_SELECTOR, "td.finding.sev-error")
    assert cells and all(c.get_attribute("data-findings") for c in cells)
    assert browser.execute_script("return document.querySelectorAll('script[src], link[href]').length") == 0
    # a person reads rule numbers, never the anchors (r1-f2) that tie cells to findings
    assert "-f1" not in browser.find_element(By.TAG_NAME, "body").text
    hints = [c.get_attribute("title") for c in cells]
    assert all(h.startswith("GIX") for h in hints)


def test_printing_the_html_report_prints_the_collapsed_tables_too(browser, tmp_path):
    """Tables of reports without errors start collapsed; printed (or saved as PDF to file and
    mail) they must not be a heading with nothing under it."""
    from selenium.webdriver.common.by import By

    corpus = make_corpus(tmp_path / "reports")
    page = tmp_path / "报告.html"
    main([str(corpus), *ARGS, "--format", f"html={page}"])
    browser.get(page.resolve().as_uri())
    collapsed = browser.find_elements(By.CSS_SELECTOR, "details:not([open]) table")

    def shown():       # rendered (Selenium's is_displayed treats closed <details> apart)
        return [browser.execute_script("return arguments[0].checkVisibility()", t) for t in collapsed]

    assert collapsed and not any(shown())
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert all(shown())       # the print style shows them
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    # and where a browser has no such style, opening them before printing does it
    browser.execute_script("dispatchEvent(new Event('beforeprint'))")
    assert all(shown())
    browser.execute_script("dispatchEvent(new Event('afterprint'))")
    assert not any(shown())
