"""Hostile text files (issue #12): every one becomes a finding for that file, within bounds.

Each input is built here (never a copy of anyone's crash file). A generous alarm catches a hang
or a quadratic blow-up; it is a guard, not a timing test.
"""

from __future__ import annotations

import random
import signal
from contextlib import contextmanager
from pathlib import Path

import pytest

from gixlint.lint.linter import Linter
from gixlint.testing import TODAY, random_spec, render


@pytest.fixture(scope="module")
def linter():
    return Linter.create(today=TODAY, load_plugins=False)


@pytest.fixture(scope="module")
def report_text():
    return render(random_spec(random.Random(3)), "blank-lines").text


@contextmanager
def within(seconds: int):
    def stop(*_):
        raise TimeoutError(f"took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def lint_bytes(linter, tmp_path, data: bytes, name: str = "report.txt"):
    path = tmp_path / name
    path.write_bytes(data)
    with within(20):
        result = linter.lint_file(path)
    assert path.read_bytes() == data          # never modified
    return result


def rules(result) -> set[str]:
    return {f.rule for f in result.findings}


def test_utf8_bom_then_a_broken_byte_is_checked_with_a_note(linter, tmp_path, report_text):
    cut = report_text.index("二、主动公开")
    data = b"\xef\xbb\xbf" + report_text[:cut].encode() + b"\xff\x80" + report_text[cut:].encode()
    result = lint_bytes(linter, tmp_path, data)
    [note] = [f for f in result.findings if f.rule == "GIX008"]
    assert note.severity == "info" and "2 处" in note.message
    assert "GIX000" not in rules(result) and result.report.tables["t3"].status == "exact"


@pytest.mark.parametrize("size", ["whole", "tiny"])
def test_utf16_with_a_lone_surrogate(linter, tmp_path, report_text, size):
    body = report_text.encode("utf-16-le")
    data = b"\xff\xfe" + (body[:400] + b"\x00\xd8" + body[400:] if size == "whole" else b"\x00\xd8")
    result = lint_bytes(linter, tmp_path, data)
    if size == "whole":
        assert "GIX008" in rules(result) and result.report.tables["t3"].status == "exact"
    else:
        assert [f.rule for f in result.findings] == ["GIX000"]


@pytest.mark.parametrize("encoding", ["utf-32", "utf-32-le"])
def test_a_utf32_report_is_read(linter, tmp_path, report_text, encoding):
    result = lint_bytes(linter, tmp_path, report_text.encode(encoding))
    assert result.report is not None and result.report.tables["t3"].status == "exact"
    assert "GIX000" not in rules(result)


@pytest.mark.parametrize("digits", [4400, 1_000_000])
def test_a_cell_of_thousands_of_digits_is_text_not_a_number(linter, tmp_path, report_text, digits):
    i = report_text.index("\n0\n")
    data = (report_text[:i] + "\n" + "9" * digits + "\n" + report_text[i + 3:]).encode()
    result = lint_bytes(linter, tmp_path, data)
    [hit] = [f for f in result.findings if f.rule == "GIX203"]
    assert len(hit.message) < 300


def test_a_line_repeating_a_date_is_read_in_linear_time(linter, tmp_path, report_text):
    data = report_text.replace("\n", "\n" + "2024年1月1日" * 30000 + "\n", 1).encode()
    result = lint_bytes(linter, tmp_path, data)
    assert result.report is not None


# -- .docx and .html ------------------------------------------------------------------------------


def _docx_parts(tmp_path):
    import zipfile

    from gixlint.testing.formats import write_docx

    path = tmp_path / "good.docx"
    write_docx(random_spec(random.Random(3)), path)
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _write_docx(path, parts):
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)
    return path.read_bytes()


def test_a_docx_part_that_inflates_past_the_limit_is_refused(linter, tmp_path):
    parts = _docx_parts(tmp_path)
    body = parts["word/document.xml"].decode()
    parts["word/document.xml"] = body.replace("</w:body>", "<w:p><w:r><w:t>" + " " * 30_000_000
                                              + "</w:t></w:r></w:p></w:body>").encode()
    data = _write_docx(tmp_path / "bomb.docx", parts)
    assert len(data) < 200_000
    result = lint_bytes(linter, tmp_path, data, "bomb.docx")
    [hit] = result.findings
    assert hit.rule == "GIX000" and "超过上限" in hit.message and "docx-part-mb" in hit.message


def test_entity_expansion_in_a_docx_is_refused(linter, tmp_path):
    parts = _docx_parts(tmp_path)
    laughs = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10 if i else "lol"}">' for i in range(10))
    body = parts["word/document.xml"].decode()
    head, rest = body.split("?>", 1)
    body = f"{head}?><!DOCTYPE d [{laughs}]>{rest}".replace("一、总体情况", "一、总体情况&l9;", 1)
    parts["word/document.xml"] = body.encode()
    result = lint_bytes(linter, tmp_path, _write_docx(tmp_path / "laughs.docx", parts), "laughs.docx")
    assert [f.rule for f in result.findings] == ["GIX000"]


def test_list_numbering_starting_at_a_billion_in_roman(linter, tmp_path):
    import re as regex

    parts = _docx_parts(tmp_path)
    if "word/numbering.xml" not in parts:
        pytest.skip("the generated .docx has no list numbering")
    numbering = parts["word/numbering.xml"].decode()
    numbering = regex.sub(r'w:start w:val="\d+"', 'w:start w:val="1000000000"', numbering)
    numbering = regex.sub(r'w:numFmt w:val="[^"]+"', 'w:numFmt w:val="upperRoman"', numbering)
    parts["word/numbering.xml"] = numbering.encode()
    result = lint_bytes(linter, tmp_path, _write_docx(tmp_path / "roman.docx", parts), "roman.docx")
    assert result.report is not None or result.findings


@pytest.mark.parametrize("depth, readable", [(255, True), (5000, False)])
def test_deeply_nested_html(linter, tmp_path, depth, readable):
    from gixlint.testing.formats import write_html

    path = tmp_path / "page.html"
    write_html(random_spec(random.Random(3)), path)
    page = path.read_text(encoding="utf-8")
    page = page.replace("<body>", "<body>" + "<div>" * depth, 1).replace("</body>", "</div>" * depth + "</body>", 1)
    result = lint_bytes(linter, tmp_path, page.encode(), "deep.html")
    if readable:
        assert result.report is not None and result.report.tables["t3"].status == "exact"
    else:
        [hit] = result.findings
        assert hit.rule == "GIX000" and "嵌套" in hit.message


def test_a_web_page_never_reads_a_local_file_through_an_entity(tmp_path):
    from gixlint.cli import main
    from gixlint.testing.formats import write_html

    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-CONTENT-42", encoding="utf-8")
    path = tmp_path / "xxe.html"
    write_html(random_spec(random.Random(3)), path)
    page = path.read_text(encoding="utf-8").replace("<!DOCTYPE html>", "")
    page = (f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY x SYSTEM "file://{secret}">]>' + page).replace(
        "一、总体情况", "一、总体情况&x;", 1)
    path.write_text(page, encoding="utf-8")
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(["parse", str(path), "--format", "json"])
        main([str(path), "--format", "json", "--no-plugins"])
    assert "SECRET-CONTENT-42" not in out.getvalue()


# -- rule packs ------------------------------------------------------------------------------------


@pytest.mark.parametrize("pattern, refused", [("(a+)+$", True), ("(\\\\d+,)*件", True), ("(x|y+)+z", True),
                                              ("[^。]{0,20}?申请", False), ("收到[^。；]{0,20}申请(\\\\d+)件", False)])
def test_a_pattern_shaped_for_catastrophic_backtracking_is_refused_at_load(tmp_path, pattern, refused):
    from gixlint.lint.packs import ConfigError, load_pack
    from gixlint.lint.plugins import build_registry

    pack = tmp_path / "pack.toml"
    pack.write_text(f'[pack]\nprefix = "TST"\n\n[[rule]]\nid = "TST001"\nname = "t"\ncategory = "text"\n'
                    f'severity = "warning"\nkind = "forbidden-statement"\npattern = "{pattern}"\nmessage = "m"\n',
                    encoding="utf-8")
    kinds = build_registry(load_entry_points=False).kinds
    if refused:
        with pytest.raises(ConfigError, match="回溯"):
            load_pack(pack, kinds)
    else:
        assert [r.id for r in load_pack(pack, kinds).rules] == ["TST001"]


def test_a_docx_never_reads_a_local_file_through_an_entity(tmp_path, capsys):
    from gixlint.cli import main

    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-CONTENT-42", encoding="utf-8")
    parts = _docx_parts(tmp_path)
    body = parts["word/document.xml"].decode()
    head, rest = body.split("?>", 1)
    body = f'{head}?><!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}">]>{rest}'.replace("一、总体情况", "一、总体情况&x;", 1)
    parts["word/document.xml"] = body.encode()
    _write_docx(tmp_path / "xxe.docx", parts)
    main(["parse", str(tmp_path / "xxe.docx"), "--format", "json"])
    main([str(tmp_path / "xxe.docx"), "--format", "json", "--no-plugins", "--no-cache"])
    assert "SECRET-CONTENT-42" not in capsys.readouterr().out


def test_a_folder_of_hostile_files_still_reports_the_good_one(tmp_path, report_text, capsys):
    """Every hostile class built above, side by side with a good report: each gets its own
    finding, the good report is checked, nothing is written to the folder."""
    import json

    from gixlint.cli import main

    folder = tmp_path / "downloads"
    folder.mkdir()
    (folder / "good.txt").write_text(report_text, encoding="utf-8")
    (folder / "tiny-utf16.txt").write_bytes(b"\xff\xfe\x00\xd8")
    i = report_text.index("\n0\n")
    (folder / "digits.txt").write_text(report_text[:i] + "\n" + "9" * 5000 + "\n" + report_text[i + 3:], encoding="utf-8")
    parts = _docx_parts(tmp_path)
    parts["word/document.xml"] = parts["word/document.xml"].decode().replace(
        "</w:body>", "<w:p><w:r><w:t>" + " " * 25_000_000 + "</w:t></w:r></w:p></w:body>").encode()
    _write_docx(folder / "bomb.docx", parts)
    (folder / "deep.html").write_text("<html><body>" + "<div>" * 5000 + "正文</body></html>", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    main([str(folder), "--format", "json", "--no-plugins", "--no-cache", "--no-progress"])
    data = json.loads(capsys.readouterr().out)
    by_name = {Path(f["path"]).name: f for f in data["files"]}
    assert by_name["good.txt"]["tables"]["t3"]["status"] == "exact"
    assert not [x for x in by_name["good.txt"]["findings"] if x["severity"] == "error"]
    for name in ("tiny-utf16.txt", "bomb.docx", "deep.html"):
        assert [x["rule"] for x in by_name[name]["findings"]] == ["GIX000"], name
    assert "GIX203" in {x["rule"] for x in by_name["digits.txt"]["findings"]}
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_a_60000_character_title_and_a_flood_of_findings_stay_bounded(linter, tmp_path, report_text):
    """A title line of 60,000 characters, and a 3 MB text whose every sentence is a slip: each
    rule says at most its cap, then one finding for the rest."""
    import tracemalloc
    from collections import Counter

    flood = "本年度工作工作有序开展。" * 250_000
    text = "标题" * 30_000 + "\n" + report_text.replace("（一）", flood + "（一）", 1)
    tracemalloc.start()
    result = lint_bytes(linter, tmp_path, text.encode())
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 1_500_000_000
    per_rule = Counter(f.rule for f in result.findings)
    assert per_rule and max(per_rule.values()) <= 201
