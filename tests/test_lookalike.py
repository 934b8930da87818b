"""Look-alike characters (Kangxi radicals and the like from a PDF's font mapping) read as 汉字.

Text copied out of many published PDFs has ``⼀、总体情况`` (U+2F00) for ``一、总体情况`` and
``⾏政复议`` for ``行政复议``: it looks right, yet no heading or label matches. The same report
with and without them must give the same tables and findings, plus one GIX007 note.
"""

from __future__ import annotations

import random
import unicodedata
import zipfile
from pathlib import Path

import pytest

from gixlint.lint.linter import Linter
from gixlint.testing import LAYOUTS, TODAY, lint_text, random_spec, render
from gixlint.testing.formats import write_docx, write_html

# every ordinary 汉字 that has a Kangxi-radical twin, mapped to the twin
TWIN = {unicodedata.normalize("NFKC", chr(cp)): chr(cp) for cp in range(0x2F00, 0x2FD6)}


def lookalike(text: str) -> str:
    return "".join(TWIN.get(ch, ch) for ch in text)


def summary(findings) -> list[tuple]:
    return sorted((f.rule, f.table, f.row, f.column, str(f.actual)) for f in findings)


@pytest.fixture(scope="module")
def linter():
    return Linter.create(today=TODAY, load_plugins=False)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_lookalike_text_reads_like_the_original(layout):
    rng = random.Random(7)
    spec = random_spec(rng)
    spec.other_matters = ["本年度未收取信息处理费。"]
    text = render(spec, layout).text
    twin = lookalike(text)
    assert twin != text
    plain, odd = lint_text(text), lint_text(twin)
    notes = [f for f in odd if f.rule == "GIX007"]
    assert len(notes) == 1 and notes[0].severity == "info"
    assert f"{sum(a != b for a, b in zip(text, twin))} 个" in notes[0].message
    assert summary([f for f in odd if f.rule != "GIX007"]) == summary(plain)


def test_one_lookalike_heading_is_found_and_named(spec):
    text = render(spec).text.replace("一、总体情况", "⼀、总体情况")
    findings = lint_text(text)
    assert [f.rule for f in findings] == ["GIX007"]
    assert "「⼀」U+2F00 代替「一」" in findings[0].message
    assert "GIX101" not in {f.rule for f in lint_text(text)}


def test_simplified_radicals_and_compatibility_ideographs(spec):
    # ⻓ (U+2ED3) has no Unicode normalisation to 长, so it is mapped by hand; 零 (U+F9B2) has one
    text = render(spec).text.replace("一、总体情况", "一、总体情况\n本机关⻓期坚持公开透明，全年\uf9b2差错。", 1)
    findings = lint_text(text)
    assert [f.rule for f in findings] == ["GIX007"]
    assert "2 个" in findings[0].message and "「⻓」U+2ED3 代替「长」" in findings[0].message


def test_clean_report_has_no_lookalike_note(spec):
    assert "GIX007" not in {f.rule for f in lint_text(render(spec).text)}


def test_lookalike_html_and_docx(tmp_path: Path, linter, spec):
    spec.other_matters = ["本年度未收取信息处理费。"]
    html = write_html(spec, tmp_path / "r.html")
    docx = write_docx(spec, tmp_path / "r.docx")
    expected = summary(linter.lint_file(html).findings)
    odd_html = tmp_path / "odd.html"
    odd_html.write_text(lookalike(html.read_text(encoding="utf-8")), encoding="utf-8")
    odd_docx = tmp_path / "odd.docx"
    with zipfile.ZipFile(docx) as src, zipfile.ZipFile(odd_docx, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                data = lookalike(data.decode("utf-8")).encode("utf-8")
            dst.writestr(info, data)
    for path in (odd_html, odd_docx):
        findings = linter.lint_file(path).findings
        assert [f.rule for f in findings if f.rule == "GIX007"] == ["GIX007"], path
        assert summary([f for f in findings if f.rule != "GIX007"]) == expected, path
