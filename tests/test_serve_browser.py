"""``gixlint serve`` in a real browser (Debian's chromium, headless, through Selenium): a clerk
uploads the official template filled in with one wrong number, sees the verdict, clicks the
finding and sees its cell highlighted and explained.

Skipped, saying why, where chromium or chromedriver is not installed (``apt-get install chromium
chromium-driver``; .ci/run does)."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time

import pytest

pytest.importorskip("uvicorn")
pytest.importorskip("multipart")

from tests.test_serve import planted  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM and DRIVER),
                                reason="没有安装 chromium 与 chromedriver（apt-get install chromium chromium-driver）")
SCREENSHOT = os.environ.get("GIXLINT_SERVE_SCREENSHOT")     # set to docs/serve.png to refresh the README's picture


@pytest.fixture(scope="module")
def server():
    import uvicorn

    from gixlint.web.app import Settings, create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(create_app(Settings(workers=1)), host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    for _ in range(200):
        if running.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(20)


@pytest.fixture(scope="module")
def browser():
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000",
                "--lang=zh-CN"):
        options.add_argument(arg)
    driver = webdriver.Chrome(options=options, service=Service(DRIVER))
    yield driver
    driver.quit()


def test_a_clerk_uploads_sees_the_verdict_and_the_wrong_cell(server, browser, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    path = planted(tmp_path / "报告.docx")
    browser.get(server + "/")
    browser.find_element(By.ID, "file").send_keys(str(path))       # choosing the file sends it
    verdict = WebDriverWait(browser, 60).until(EC.presence_of_element_located((By.ID, "verdict")))
    assert verdict.text.startswith("需修改：") and "个错误" in verdict.text
    # the findings list is sorted by severity: errors first
    items = browser.find_elements(By.CSS_SELECTOR, "#finding-list .finding")
    ranks = [{"error": 0, "warning": 1, "info": 2}[next(c[4:] for c in i.get_attribute("class").split()
                                                       if c.startswith("sev-"))] for i in items]
    assert ranks == sorted(ranks)
    planted_finding = next(i for i in items if "GIX301" in i.text and "予以公开" in i.text)
    planted_finding.click()
    cell = WebDriverWait(browser, 10).until(
        EC.presence_of_element_located((By.CSS_SELECTOR, "#report-view td.selected")))
    assert "finding" in cell.get_attribute("class").split() and "sev-error" in cell.get_attribute("class")
    assert planted_finding.get_attribute("id") in cell.get_attribute("data-findings").split()
    WebDriverWait(browser, 10).until(lambda b: b.execute_script(       # scrolled to (smoothly)
        "const r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight;", cell))
    detail = browser.find_element(By.ID, "detail").text
    # the row's total is right: the detail names the planted cell, the one selected, as the likely slip
    assert "GIX301" in detail and "依据" in detail and "填报值" not in detail
    assert f"最可能填错\n（一）予以公开·自然人 填报 {cell.text}，若为" in detail
    # clicking a highlighted cell shows its findings too
    browser.find_element(By.CSS_SELECTOR, "#finding-list .finding").click()
    cell.click()
    assert "GIX301" in browser.find_element(By.ID, "detail").text
    links = browser.find_elements(By.CSS_SELECTOR, "#downloads a")
    assert [a.get_attribute("download") for a in links] == ["报告.批注.docx", "报告.检查结果.json", "报告.检查结果.xlsx"]
    assert all(a.get_attribute("href").startswith("blob:") for a in links)
    if SCREENSHOT:
        browser.set_window_size(1400, 1500)
        planted_finding.click()
        time.sleep(1)
        browser.execute_script("window.scrollTo(0, 0)")
        browser.save_screenshot(SCREENSHOT)


def test_the_explanation_of_the_last_finding_is_in_view(server, browser, tmp_path):
    """On a short window the findings list scrolls inside the side column: the explanation of a
    finding clicked at the bottom stays in view above it, and the list's numbers (10., 11.) show
    whole. The template's table-level finding names its rule, not an anchor."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    path = planted(tmp_path / "报告.docx")
    browser.set_window_size(1280, 700)
    try:
        browser.get(server + "/")
        browser.find_element(By.ID, "file").send_keys(str(path))
        WebDriverWait(browser, 60).until(EC.presence_of_element_located((By.ID, "verdict")))
        items = browser.find_elements(By.CSS_SELECTOR, "#finding-list .finding")
        assert len(items) >= 3
        browser.execute_script("arguments[0].scrollIntoView()", items[-1])
        items[-1].click()
        detail = browser.find_element(By.ID, "detail")
        WebDriverWait(browser, 10).until(lambda b: items[-1].text.split()[0] in detail.text or "GIX" in detail.text)
        box = browser.execute_script("const r = arguments[0].getBoundingClientRect(); return [r.top, r.bottom, innerHeight];",
                                     detail)
        assert 0 <= box[0] < box[2], box
        # room for a two-digit number before each item
        pad = browser.execute_script("return parseFloat(getComputedStyle(document.querySelector('#finding-list')).paddingLeft)")
        size = browser.execute_script("return parseFloat(getComputedStyle(document.querySelector('#finding-list')).fontSize)")
        assert pad >= 2.2 * size
        assert "-f1" not in browser.find_element(By.ID, "report-view").text
    finally:
        browser.set_window_size(1280, 1400)
