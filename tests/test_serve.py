"""``gixlint serve``'s contract, through Starlette's test client: the form post gives the page,
``Accept: application/json`` gives exactly the command line's JSON, big files are refused, a file
that runs out of time is one clear finding and the server goes on, and no upload is left behind."""

from __future__ import annotations

import base64
import io
import json
import random
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import openpyxl
import pytest

pytest.importorskip("starlette")
pytest.importorskip("multipart")
from starlette.testclient import TestClient  # noqa: E402

from gixlint.cli import main  # noqa: E402
from gixlint.testing import random_spec  # noqa: E402
from gixlint.testing.formats import fill_template, write_docx, write_html  # noqa: E402
from gixlint.testing.generate import render  # noqa: E402
from gixlint.testing.pdf import write_pdf  # noqa: E402
from gixlint.testing.spec import matter_paragraphs  # noqa: E402
from gixlint.web.app import Settings, create_app  # noqa: E402

TEMPLATE = Path(__file__).resolve().parents[2] / "shared" / "templates" / "report-2021-template.docx"
if not TEMPLATE.exists():
    TEMPLATE = Path("/work/shared/templates/report-2021-template.docx")
JSON = {"Accept": "application/json"}


def planted(path: Path) -> Path:
    """The official template filled in, with 予以公开·自然人 off by 30: rows and columns no longer add up."""
    spec = random_spec(random.Random(11))
    spec.t3["granted"][0] += 30
    if TEMPLATE.exists():
        return fill_template(spec, TEMPLATE, path)
    return write_docx(spec, path)


def clean_spec():
    spec = random_spec(random.Random(3))
    spec.other_matters = [*matter_paragraphs(spec), "本年度人大代表建议和政协提案办理结果均已按规定公开。"]
    return spec


@pytest.fixture(scope="module")
def client():
    app = create_app(Settings(max_bytes=2 * 1024 * 1024, timeout=60, workers=2))
    with TestClient(app) as c:
        yield c


def _post(client, path: Path, name: str | None = None, headers=None):
    return client.post("/check", files={"file": (name or path.name, path.read_bytes())}, headers=headers or {})


def test_the_page_offers_the_form_and_needs_no_network(client):
    page = client.get("/")
    assert page.status_code == 200
    assert 'action="/check"' in page.text and 'enctype="multipart/form-data"' in page.text
    assert 'name="file"' in page.text and "拖到这里" in page.text
    assert not re.search(r'(src|href)="(https?:)?//', page.text)        # nothing from another site
    assert "default-src 'self'" in page.headers["content-security-policy"]
    for asset in ("/static/serve.js", "/static/serve.css", "/report.css"):
        assert client.get(asset).status_code == 200, asset


def test_form_post_shows_the_verdict_the_pinned_cell_and_the_downloads(client, tmp_path):
    import docx

    page = _post(client, planted(tmp_path / "报告.docx"))
    assert page.status_code == 200
    verdict = re.search(r'id="verdict" class="fix">([^<]+)<', page.text).group(1)
    assert re.fullmatch(r"需修改：\d+ 个错误、\d+ 个警告", verdict)
    # the planted cell is highlighted as the finding's own cell and points at GIX301's entry
    cells = re.findall(r'<td class="finding sev-error" [^>]*data-findings="([^"]+)"', page.text)
    assert cells
    details = dict(re.findall(r'<div class="detail sev-\w+" data-for="([^"]+)">\s*<h3><span class="badge">[^<]+</span> (GIX\d+)',
                              page.text))
    assert "GIX301" in {details[i] for ids in cells for i in ids.split()}
    assert "依据" in page.text and "国办公开办函〔2021〕30号" in page.text     # the rule's legal source
    links = dict(re.findall(r'href="data:[^;]+;base64,([^"]+)" download="([^"]+)"', page.text)[::1])
    by_name = {name: base64.b64decode(data) for data, name in links.items()}
    annotated = docx.Document(io.BytesIO(by_name["报告.批注.docx"]))
    assert any("GIX301" in c.text for c in annotated.comments)
    data = json.loads(by_name["报告.检查结果.json"])
    assert {f["rule"] for f in data["files"][0]["findings"]} >= {"GIX301"}
    sheet = openpyxl.load_workbook(io.BytesIO(by_name["报告.检查结果.xlsx"]))["问题清单"]
    assert "GIX301" in [c.value for c in sheet["D"]] and sheet["H1"].value == "问题说明"


def test_a_clean_report_may_be_published(client, tmp_path):
    page = _post(client, write_docx(clean_spec(), tmp_path / "clean.docx"))
    assert '<p id="verdict" class="ok">可以发布</p>' in page.text


@pytest.mark.parametrize("kind", ["docx", "pdf", "html", "txt"])
def test_json_is_exactly_the_command_lines(client, tmp_path, monkeypatch, capsys, kind):
    spec = random_spec(random.Random(23))
    spec.t4[0] = int(spec.t4[0]) + 1             # 行政复议·结果维持: the block no longer adds up
    path = tmp_path / f"年度报告.{kind}"
    if kind == "docx":
        write_docx(spec, path)
    elif kind == "pdf":
        write_pdf(spec, path)
    elif kind == "html":
        write_html(spec, path)
    else:
        path.write_text(render(spec).text, encoding="utf-8")
    answer = _post(client, path, headers=JSON)
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("application/json")
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    main(["--format", "json", path.name])
    assert answer.text == capsys.readouterr().out
    assert any(f["rule"] == "GIX304" for f in json.loads(answer.text)["files"][0]["findings"])


def test_a_file_over_the_limit_is_refused(client):
    big = b"0" * (3 * 1024 * 1024)
    page = client.post("/check", files={"file": ("大.txt", big)})
    assert page.status_code == 413 and "文件太大：最大 2 MB" in page.text
    answer = client.post("/check", files={"file": ("大.txt", big)}, headers=JSON)
    assert answer.status_code == 413 and "文件太大" in answer.json()["error"]


def test_no_file_is_a_plain_message(client):
    page = client.post("/check", data={"other": "x"})
    assert page.status_code == 400 and "没有收到文件" in page.text
    assert client.post("/check", content=b"not a form", headers={"content-type": "text/plain"}).status_code == 400


def test_a_hostile_name_stays_a_name(client, tmp_path):
    path = write_docx(clean_spec(), tmp_path / "a.docx")
    answer = _post(client, path, name="../../<script>alert(1)</script>.docx", headers=JSON)
    name = json.loads(answer.text)["files"][0]["path"]
    assert "/" not in name and "<" not in name and name.endswith(".docx")
    page = _post(client, path, name="<img src=x onerror=alert(1)>.docx")
    assert "<img src=x" not in page.text


def test_a_file_out_of_time_is_one_finding_and_the_server_goes_on(tmp_path):
    pdf = tmp_path / "慢.pdf"
    write_pdf(random_spec(random.Random(5)), pdf)
    app = create_app(Settings(timeout=0.01, workers=1))
    with TestClient(app) as client:
        pool = app.state.pool
        before = pool.pids()
        answer = _post(client, pdf, headers=JSON)
        findings = json.loads(answer.text)["files"][0]["findings"]
        assert [f["rule"] for f in findings] == ["GIX000"] and "超过" in findings[0]["message"]
        page = _post(client, pdf)
        assert "无法检查" in page.text and "需修改" not in page.text and "超过 0.01 秒" in page.text
        assert pool.pids() != before                          # the stuck worker was killed and replaced
        pool.timeout = 60
        answer = _post(client, pdf, headers=JSON)
        assert json.loads(answer.text)["files"][0]["agency"]     # a fresh worker checks the next file
        assert _files(pool.root) == []


def test_several_clerks_at_once_and_nothing_kept(client, tmp_path):
    bad = planted(tmp_path / "错.docx")
    good = write_docx(clean_spec(), tmp_path / "对.docx")
    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(lambda p: _post(client, p), [bad, good, bad, good]))
    verdicts = [re.search(r'id="verdict" class="\w+">([^<]+)<', a.text).group(1) for a in answers]
    assert verdicts[1] == verdicts[3] == "可以发布" and verdicts[0] == verdicts[2] != "可以发布"
    root = client.app.state.pool.root
    assert root.exists() and _files(root) == []


def test_the_temporary_folder_goes_with_the_server(tmp_path):
    app = create_app(Settings(workers=1))
    with TestClient(app) as client:
        root = app.state.pool.root
        _post(client, write_docx(clean_spec(), tmp_path / "r.docx"))
        assert oct(root.stat().st_mode & 0o777) == "0o700"
    assert not root.exists()


def _files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if not p.is_dir()]


def test_an_upload_worker_caps_its_memory(tmp_path):
    """As the command line's workers do: a hostile upload that blows up ends in that worker."""
    import time

    from gixlint.web.workers import DEFAULT_MEMORY_MB, Worker

    limits = Path("/proc/self/limits")
    if not limits.exists():
        pytest.skip("no /proc here to read a process's limits")
    worker = Worker(tmp_path / "w")
    try:
        deadline = time.time() + 20
        text = ""
        while time.time() < deadline:
            text = Path(f"/proc/{worker.process.pid}/limits").read_text()
            line = next(x for x in text.splitlines() if x.startswith("Max address space"))
            if str(DEFAULT_MEMORY_MB * 1024 * 1024) in line:
                break
            time.sleep(0.2)
        assert str(DEFAULT_MEMORY_MB * 1024 * 1024) in line
    finally:
        worker.stop(kill=True)
