"""Outputs for the supervisor (#10): xlsx, SARIF, GitHub annotations, JUnit, several per run, one file
per agency, and an overview that a baseline or per-file-ignores does not change."""

from __future__ import annotations

import json
import random
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from gixlint.cli import main
from gixlint.testing import random_spec, render
from gixlint.testing.formats import write_docx, write_html
from gixlint.testing.generate import random_narrative

ARGS = ["--today", "2026-11-23", "--no-progress", "--no-plugins"]
AGENCIES = ["示例县教育局", "示例县财政局", "示例县/卫生健康委员会", "示例县公安局", "示例县民政局", "=HYPERLINK(\"x\")局"]


def make_corpus(folder: Path) -> Path:
    """Six reports: one unbalanced, one undated, one .docx, one web page, one with a formula-like name."""
    folder.mkdir(parents=True, exist_ok=True)
    for i, name in enumerate(AGENCIES):
        rng = random.Random(100 + i)
        spec = random_spec(rng)
        spec.agency = name
        random_narrative(spec, rng)
        if i == 1:
            spec.t3["granted"][6] = int(spec.t3["granted"][6]) + 3
        if i == 2:
            spec.signoff = None
        if i == 3:
            write_docx(spec, folder / f"r{i}.docx")
        elif i == 4:
            write_html(spec, folder / f"r{i}.html")
        else:
            (folder / f"r{i}.txt").write_text(render(spec).text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return make_corpus(tmp_path_factory.mktemp("outputs") / "reports")


@pytest.fixture(scope="module")
def run_json(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("json") / "r.json"
    main([str(corpus), *ARGS, "--format", f"json={out}"])
    return json.loads(out.read_text(encoding="utf-8"))


def test_several_formats_in_one_run(corpus, tmp_path, capsys):
    before = {p: p.read_bytes() for p in corpus.iterdir()}
    files = {f: tmp_path / f"结果.{f}" for f in ("html", "xlsx", "sarif", "junit", "github", "json", "csv")}
    code = main([str(corpus), *ARGS, "--format", "text", *(a for f, p in files.items() for a in ("--format", f"{f}={p}"))])
    assert code == 1
    out = capsys.readouterr()
    assert "检查了 6 个文件" in out.out
    for path in files.values():
        assert path.stat().st_size > 0, path
        assert f"已写入 {path}" in out.err
    assert {p: p.read_bytes() for p in corpus.iterdir()} == before      # inputs untouched


def test_output_file_and_bad_plans(corpus, tmp_path, capsys):
    out = tmp_path / "a.sarif"
    assert main([str(corpus), *ARGS, "--format", "sarif", "-o", str(out)]) == 1
    assert json.loads(out.read_text(encoding="utf-8"))["version"] == "2.1.0"
    capsys.readouterr()
    for bad, words in ((["--format", "xlsx"], "二进制"), (["--format", "json", "--format", "csv"], "只能有一种"),
                       (["--format", f"html={corpus / 'r0.txt'}"], "不会覆盖"),
                       (["--format", "html=a.html", "--format", "xlsx=a.html"], "同一个文件")):
        assert main([str(corpus), *ARGS, *bad]) == 2
        assert words in capsys.readouterr().err
    assert main([str(corpus), *ARGS, "--format", "pdf"]) == 2
    assert "未知的输出格式" in capsys.readouterr().err


def test_an_output_naming_a_checked_report_by_another_path_is_refused(corpus, tmp_path, capsys):
    """A link (symbolic or hard) to a report, or a path through a linked folder, is still that report."""
    report = corpus / "r0.txt"
    before = report.read_bytes()
    (tmp_path / "soft.html").symlink_to(report)
    (tmp_path / "hard.html").hardlink_to(report)
    (tmp_path / "folder").symlink_to(corpus, target_is_directory=True)
    (corpus / "sub").mkdir()
    for target in (tmp_path / "soft.html", tmp_path / "hard.html", tmp_path / "folder" / "r0.txt",
                   Path(f"{corpus}/sub/../r0.txt")):
        assert main([str(corpus), *ARGS, "--format", f"html={target}"]) == 2, target
        assert "不会覆盖" in capsys.readouterr().err
    (corpus / "sub").rmdir()
    assert report.read_bytes() == before
    beside = tmp_path / "r0.txt"             # the same name in another folder is another file
    beside.write_text("旧的输出", encoding="utf-8")
    assert main([str(corpus), *ARGS, "--format", f"json={beside}"]) == 1
    assert json.loads(beside.read_text(encoding="utf-8"))["summary"]["files"] == 6


@pytest.mark.parametrize("kind", ["reports", "no files"])
def test_json_written_entry_by_entry_is_one_json_dumps(corpus, tmp_path, capsys, kind):
    """The streamed document has the exact text of encoding it whole, controls escaped as before."""
    from gixlint.report.inert import json_text

    folder = tmp_path / ("报告" if kind == "reports" else "空")
    folder.mkdir()
    if kind == "reports":
        for report in corpus.iterdir():
            (folder / report.name).write_bytes(report.read_bytes())
        spec = random_spec(random.Random(7))
        spec.agency = "示例县\x1b[2J\x9b\u202e审计局\n"
        (folder / "控制\u202e字符.txt").write_text(render(spec).text, encoding="utf-8")
    main([str(folder), *ARGS, "--format", "json"])
    raw = capsys.readouterr().out
    whole = json.loads(raw)
    assert raw == json_text(json.dumps(whole, ensure_ascii=False, indent=2)) + "\n"
    assert len(whole["files"]) == (7 if kind == "reports" else 0)
    assert not any(ch in raw for ch in "\x1b\x9b\u202e")


def test_xlsx_sheets_rows_and_inert_cells(corpus, run_json, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "问题.xlsx"
    main([str(corpus), *ARGS, "--format", f"xlsx={path}"])
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["汇总", "问题清单"]
    summary, findings = book["汇总"], book["问题清单"]
    for sheet in (summary, findings):
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref.startswith("A1:")
        # it prints: landscape A4, one page wide, the header row repeated on every page
        setup = sheet.page_setup
        assert (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight) == ("landscape", 9, 1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.print_title_rows == "$1:$1"
    # long messages and places wrap in their columns instead of being cut off
    column = [c.value for c in findings[1]].index("问题说明") + 1
    assert all(findings.cell(row, column).alignment.wrap_text for row in range(2, findings.max_row + 1))
    assert summary.column_dimensions["D"].width >= 14                # 「2019 年试行格式」 whole
    header = [c.value for c in summary[1]]
    assert header[:9] == ["文件", "机关", "年度", "格式", "结论", "错误", "警告", "提示", "已豁免"]
    rows = [dict(zip(header, (c.value for c in row))) for row in summary.iter_rows(min_row=2)]
    assert len(rows) == len(run_json["files"]) == 6                 # clean reports have a row too
    by_path = {f["path"]: f for f in run_json["files"]}
    for row in rows:
        expected = by_path[row["文件"]]
        assert row["错误"] == sum(f["severity"] == "error" for f in expected["findings"])
        assert row["警告"] == sum(f["severity"] == "warning" for f in expected["findings"])
    assert next(r for r in rows if r["机关"] == "示例县财政局")["结论"] == "有错误"
    assert findings.max_row - 1 == run_json["summary"]["findings"]
    assert [c.value for c in findings[1]][:8] == ["文件", "机关", "年度", "编号", "规则", "类别", "级别", "问题说明"]
    # an agency named like a formula stays text: no cell of the workbook is a formula
    for sheet in (summary, findings):
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.value
                assert not (isinstance(cell.value, str) and cell.value.startswith(("=", "+", "@", "-", "\t", "\r")))
    assert any(r["机关"] == "'=HYPERLINK(\"x\")局" for r in rows)


def test_sarif_validates_against_the_official_schema(corpus, run_json, tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((Path(__file__).parent / "fixtures" / "sarif" / "sarif-schema-2.1.0.json").read_text("utf-8"))
    path = tmp_path / "r.sarif"
    main([str(corpus), *ARGS, "--format", f"sarif={path}"])
    doc = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(doc)
    [run] = doc["runs"]
    assert len(run["results"]) == run_json["summary"]["findings"]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    for result in run["results"]:
        assert ids[result["ruleIndex"]] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note")
    assert any(r["locations"][0]["physicalLocation"]["region"]["startLine"] > 0 for r in run["results"])


def test_github_annotations(corpus, run_json, capsys):
    main([str(corpus), *ARGS, "--format", "github"])
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == run_json["summary"]["findings"]
    for line in lines:
        assert line.startswith(("::error file=", "::warning file=", "::notice file="))
        props, _, message = line[2:].partition("::")
        assert message and "\n" not in message
        assert "title=GIX" in props or "title=" in props
    assert sum(line.startswith("::error") for line in lines) == run_json["summary"]["error"]


def test_junit_shape(corpus, run_json, capsys):
    main([str(corpus), *ARGS, "--format", "junit"])
    root = ET.fromstring(capsys.readouterr().out.encode("utf-8"))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert len(suites) == 6
    assert int(root.get("failures")) == len(root.findall(".//failure")) == run_json["summary"]["findings"]
    for suite in suites:
        assert suite.findall("testcase")          # a clean report still shows one passing case


def test_split_by_agency_writes_one_file_per_agency(corpus, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "发回"
    main([str(corpus), *ARGS, "--format", f"xlsx={tmp_path / 'all.xlsx'}", "--format", "text",
          "--split-by", "agency", str(out)])
    names = sorted(p.name for p in out.iterdir())
    assert len([n for n in names if n.endswith(".xlsx")]) == 6        # the run asked for xlsx: split in xlsx
    assert "示例县_卫生健康委员会-检查结果.xlsx" in names                 # no folder made of the slash
    book = openpyxl.load_workbook(out / "示例县财政局-检查结果.xlsx")
    assert [row[1].value for row in book["汇总"].iter_rows(min_row=2)] == ["示例县财政局"]
    assert book.properties.title.startswith("示例县财政局 · ")            # whose it is, inside the file too
    assert openpyxl.load_workbook(tmp_path / "all.xlsx").properties.title == "政府信息公开工作年度报告检查结果"
    html_dir = tmp_path / "网页"
    main([str(corpus), *ARGS, "--split-by", "agency", str(html_dir)])
    pages = sorted(html_dir.glob("*.html"))
    assert len(pages) == 6
    text = (html_dir / "示例县教育局-检查结果.html").read_text(encoding="utf-8")
    assert "示例县教育局" in text and "示例县财政局" not in text
    assert "<title>示例县教育局 · 政府信息公开工作年度报告检查结果</title>" in text
    assert "<h1>示例县教育局 · 政府信息公开工作年度报告检查结果</h1>" in text


def _overview(corpus: Path, tmp_path: Path, *extra: str) -> dict:
    out = tmp_path / f"o{len(list(tmp_path.iterdir()))}.json"
    main([str(corpus), *ARGS, "--format", f"json={out}", *extra])
    return json.loads(out.read_text(encoding="utf-8"))["summary"]


def test_overview_is_the_same_with_a_baseline_and_per_file_ignores(corpus, tmp_path, monkeypatch):
    plain = _overview(corpus, tmp_path)
    baseline = tmp_path / "baseline.json"
    main([str(corpus), *ARGS, "--write-baseline", str(baseline)])
    waived = _overview(corpus, tmp_path, "--baseline", str(baseline))
    assert waived["findings"] == 0 and waived["waived"] == plain["findings"]
    assert waived["overview"] == plain["overview"]
    assert plain["overview"]["balanced"] == 5 and plain["overview"]["on_time"] == 5
    config = tmp_path / "gixlint.toml"
    config.write_text('per-file-ignores = { "*.txt" = ["balance", "dates"] }\n', encoding="utf-8")
    ignored = _overview(corpus, tmp_path, "--config", str(config))
    assert ignored["findings"] < plain["findings"] and ignored["waived"] > 0
    assert ignored["overview"] == plain["overview"]


def test_html_overview_matches_json(corpus, run_json, tmp_path):
    path = tmp_path / "报告.html"
    main([str(corpus), *ARGS, "--format", f"html={path}"])
    page = path.read_text(encoding="utf-8")
    assert "<script src" not in page and "<link" not in page and "http://" not in page.replace(
        'xmlns="http://www.w3.org/2000/svg"', "")
    o = run_json["summary"]["overview"]
    for key in ("reports", "balanced", "fee_statement", "on_time"):
        assert f'data-key="{key}" data-value="{o[key]}"' in page
    assert page.count('class="verdict-') >= 6
    assert "<svg" in page


def test_plain_text_is_the_styled_text_without_its_styles(corpus, tmp_path, capsys, monkeypatch):
    """A pipe gets the characters a terminal gets, without escape codes and without wrapping:
    one finding, one line."""
    import re

    for name in ("NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    main([str(corpus), *ARGS])
    plain = capsys.readouterr().out
    main([str(corpus), *ARGS, "--color", "always"])
    styled = capsys.readouterr().out
    assert "\x1b[" not in plain and "\x1b[" in styled
    unstyled = re.sub(r"\x1b\[[0-9;]*m", "", styled)
    assert [line.rstrip() for line in plain.splitlines()] == [line.rstrip() for line in unstyled.splitlines()]
    findings = [line for line in plain.splitlines() if " GIX" in line and line.startswith("  ")]
    assert findings and all(line.rstrip().endswith("]") for line in findings)   # a long message is not wrapped
    main([str(corpus), *ARGS, "--format", f"text={tmp_path / 'r.txt'}"])
    assert (tmp_path / "r.txt").read_text(encoding="utf-8") == plain


def test_plain_text_shows_control_characters_harmlessly(tmp_path, capsys, monkeypatch):
    """A file name carrying an escape sequence cannot steer the terminal through plain output."""
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    bad = tmp_path / "x\x1b]0;owned\x07.txt"
    bad.write_text("not a report at all", encoding="utf-8")
    main([str(bad), *ARGS])
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "␛]0;owned␇" in out


def test_a_word_file_s_findings_show_its_places_not_line_numbers(tmp_path):
    """A .docx has no line numbers: its findings in the HTML report start with the place Word shows
    (表格 2 第 6 行第 4 格, 段落 3); a text file's keep their 第 N 行."""
    import re

    spec = random_spec(random.Random(11))
    spec.t3["granted"][0] += 30
    folder = tmp_path / "reports"
    folder.mkdir()
    write_docx(spec, folder / "r.docx")
    (folder / "r.txt").write_text(render(spec).text, encoding="utf-8")
    page = tmp_path / "r.html"
    main([str(folder), *ARGS, "--format", f"html={page}"])
    html = page.read_text(encoding="utf-8")
    wheres = re.findall(r'<div class="where muted">([^<]*)</div>', html)
    from_word = [w for w in wheres if "表格" in w or "段落" in w]
    from_text = [w for w in wheres if w.startswith("第 ") and " 行 · " in w]
    assert from_word and all(not re.match(r"第 \d+ 行", w) for w in from_word)
    assert from_text
    # the agency table names each file by its path: two 「2024年报告.txt」 of two folders stay apart
    assert html.count(f">{folder / 'r.docx'}</a></td>") == 1


def test_the_json_output_follows_its_published_schema(run_json, tmp_path, capsys):
    """gixlint/report/output.schema.json describes what scripts read; every output keeps to it
    (this corpus of five formats, and the real reports of ../shared/real where they are)."""
    jsonschema = pytest.importorskip("jsonschema")
    from importlib import resources

    schema = json.loads(resources.files("gixlint.report").joinpath("output.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    runs = [run_json]
    real = Path(__file__).resolve().parents[2] / "shared" / "real"
    if real.is_dir():
        main([str(real), *ARGS, "--format", "json"])
        runs.append(json.loads(capsys.readouterr().out))
    for data in runs:
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]
        assert not errors, errors[:5]
    # and it can fail: a finding without its rule, or a severity of another name, does not pass
    broken = json.loads(json.dumps(run_json))
    finding = next(f for file in broken["files"] for f in file["findings"])
    finding["severity"] = "fatal"
    del finding["rule"]
    assert len(list(validator.iter_errors(broken))) == 2


def test_a_negative_count_is_a_number_in_the_sheet(tmp_path):
    """「-1」 typed in a count cell is shown as the number -1 in the sheet's 填报 column, not as the
    text 「'-1」 (the apostrophe that makes text inert was visible)."""
    openpyxl = pytest.importorskip("openpyxl")
    spec = random_spec(random.Random(11))
    spec.t3["granted"][1] = -1
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "r.txt").write_text(render(spec).text, encoding="utf-8")
    path = tmp_path / "r.xlsx"
    main([str(folder), *ARGS, "--format", f"xlsx={path}"])
    sheet = openpyxl.load_workbook(path)["问题清单"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, (c.value for c in row))) for row in sheet.iter_rows(min_row=2)]
    [negative] = [r for r in rows if r["编号"] == "GIX201"]
    assert negative["填报"] == -1
    assert not any(isinstance(v, str) and v.startswith("'") for r in rows for v in r.values())
