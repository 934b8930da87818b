"""The same report however it was saved or converted (gixlint.testing.variants): read the same,
or less surely, never wrongly. On generated reports always; on ../shared/real when it is there."""

from __future__ import annotations

import random
import re
from datetime import date
from pathlib import Path

import pytest

from gixlint.lint.linter import Linter
from gixlint.parse import parse_text
from gixlint.read.text import decode
from gixlint.testing import lint_text, random_spec, render
from gixlint.testing.generate import report_cells, spec_cells
from gixlint.testing.truth import load, score
from gixlint.testing.variants import (
    ANY_TEXT,
    MARKDOWN,
    PDFTOTEXT,
    TABBED,
    file_name,
    new_errors,
    variants_for,
)

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "real"
REAL_TEXTS = sorted(p.name for p in REAL.iterdir() if p.is_file() and p.name != "README.md"
                    and variants_for(p.name, p.read_bytes())) if REAL.is_dir() else []


@pytest.fixture(scope="module")
def linter():
    return Linter.create(today=date(2026, 12, 3), load_plugins=False)


def read_back(data: bytes) -> str:
    return decode(data)[0]


@pytest.mark.parametrize("name", sorted({**ANY_TEXT, **MARKDOWN}))
def test_a_generated_markdown_report_reads_the_same_in_every_variant(name):
    spec = random_spec(random.Random(5))
    original = render(spec, "markdown").text.encode("utf-8")
    changed = {**ANY_TEXT, **MARKDOWN}[name](original)
    assert changed != original
    assert report_cells(parse_text(read_back(changed))) == spec_cells(spec)


@pytest.mark.parametrize("name", sorted({**ANY_TEXT, **PDFTOTEXT}))
def test_a_generated_row_layout_reads_the_same_in_every_variant(name):
    spec = random_spec(random.Random(6))
    text = read_back({**ANY_TEXT, **PDFTOTEXT}[name](render(spec, "rows").text.encode("utf-8")))
    assert report_cells(parse_text(text)) == spec_cells(spec)


def test_variants_fit_the_kind_of_file():
    assert set(variants_for("x.pdf", b"%PDF-1.7")) <= {"pdftotext", "pdftotext-raw", "pdfminer-text", "libreoffice-word"}
    assert set(variants_for("a.md", b"| a | b |\n")) == set(ANY_TEXT) | set(MARKDOWN)
    assert set(variants_for("a.pdftotext.txt", b"x")) == set(ANY_TEXT) | set(PDFTOTEXT)
    assert set(variants_for("a.txt", b"\n\t1" * 30)) == set(ANY_TEXT) | set(TABBED)


def test_pipe_rows_without_a_rule_line_are_not_a_table():
    """A pipe in prose (「政务公开 | 政策解读」) is not a table: only a rule line 「---|---」 makes
    the lines around it one."""
    spec = random_spec(random.Random(7))
    text = render(spec, "word-tabs").text.replace("一、总体情况\n", "一、总体情况\n政务公开 | 政策解读 | 互动回应\n", 1)
    report = parse_text(text)
    assert report.layout == "word-tabs" and report_cells(report) == spec_cells(spec)


@pytest.mark.skipif(not REAL_TEXTS, reason="../shared/real not present")
@pytest.mark.parametrize("file", REAL_TEXTS)
def test_a_real_report_reads_the_same_in_every_variant(tmp_path, linter, file):
    """Every keyed cell exact or declared unread, and no error the file as published does not
    have (an unread table's one GIX006 aside: less sure is not wrong)."""
    source = REAL / file
    data = source.read_bytes()
    truth = load(REAL, file)
    original = linter.lint_file(source)
    for name, variant in variants_for(file, data).items():
        copy = tmp_path / file_name(file, data, name)
        copy.write_bytes(variant(data))
        result = linter.lint_file(copy)
        if truth:
            counts, wrong = score(result.report, truth)
            assert not wrong, (name, wrong[:5])
        assert not (new := new_errors(result, original)), (name, new)
    assert source.read_bytes() == data          # (the input is never touched)


def _blank_total_spec():
    spec = random_spec(random.Random(5))
    spec.t3["new_received"][6] = ""         # the row's last cell printed blank
    return spec


def test_an_edgeless_table_keeps_an_empty_last_cell():
    """html2text writes an empty last cell as a pipe left at the line's end (「… | 2 | 」): the rule
    line 「---|---」 has no edges, so that pipe closes a cell, and the table reads as the same
    table with its edges does (it lost the cell, and read the row one column off)."""
    spec = _blank_total_spec()
    edged = render(spec, "markdown").text
    text = read_back(MARKDOWN["pipes-without-edges"](edged.encode("utf-8")))
    row = next(line for line in text.split("\n") if line.strip().startswith("一、本年新收"))
    assert row.rstrip().endswith("|")
    ours, theirs = parse_text(text).tables["t3"], parse_text(edged).tables["t3"]
    assert ours.status == theirs.status and ours.unread_rows == theirs.unread_rows
    assert report_cells(parse_text(text)) == report_cells(parse_text(edged))


@pytest.mark.parametrize("variant", ["html-table-rows", "markdown"])
def test_a_row_short_of_its_grid_is_unread_not_shifted(variant):
    """A converter's regular grid (merged label columns kept as empty cells) with one row's last
    cell left out: the blank after the label could be a merged column or a blank 自然人, so the
    row is declared unread; it used to be read one column off, with seven balance errors."""
    spec = _blank_total_spec()
    text = render(spec, "markdown").text
    if variant == "html-table-rows":
        text = read_back(MARKDOWN[variant](text.encode("utf-8")))
        line = next(line for line in text.split("\n") if "本年新收" in line and "<td>" in line)
        short = line.removesuffix("<td></td></tr>") + "</tr>"
    else:
        line = next(line for line in text.split("\n") if line.startswith("| 一、本年新收"))
        short = line.rstrip().removesuffix("|").rstrip().removesuffix("|") + "|"
    assert short != line
    text = text.replace(line, short)
    t3 = parse_text(text).tables["t3"]
    assert "new_received" in t3.unread_rows
    errors = [f.rule for f in lint_text(text) if f.table == "t3" and f.severity == "error"]
    assert errors == ["GIX006"]


def _html2text_table_two(spec) -> str:
    """Table 二 as html2text writes it: cells joined by 「| 」 with no outer pipes, a bare 「---」
    under the one-cell header 「第二十条第（一）项」, and the other one-cell rows without a pipe."""
    from gixlint.testing.formats import _T2_BLOCKS
    from gixlint.vocab import labels as L

    lines = []
    for n, (numeral, keys, headers) in enumerate(_T2_BLOCKS):
        lines.append(f"第二十条第（{numeral}）项")
        if n == 0:
            lines.append("---  ")
        lines.append("| ".join(["信息内容", *headers]) + "  ")
        lines += ["| ".join([L.T2_ROWS[k][0], *map(str, spec.t2[k])]) + "  " for k in keys if k in spec.t2]
    return "\n".join(lines) + "\n  \n"


def test_an_html2text_table_with_one_cell_rows_is_read():
    """It was not taken for a table at all, and table 二's six rows were reported missing."""
    spec = random_spec(random.Random(8))
    parts = re.split(r"((?:^\|.*\|\s*\n)+)", render(spec, "markdown").text, flags=re.M)
    first = next(i for i, p in enumerate(parts) if p.startswith("|"))
    parts[first] = _html2text_table_two(spec)
    text = "".join(parts)
    report = parse_text(text)
    assert report.tables["t2"].status == "exact"
    assert report_cells(report) == spec_cells(spec)
    assert [f.rule for f in lint_text(text) if f.severity == "error"] == []


def test_a_heading_underlined_above_a_table_stays_a_heading():
    """「---」 under a section heading (Markdown's other way to write one) above a pipe table: the
    heading is not taken for the table's one-cell header, nor a sentence for a one-cell row."""
    spec = random_spec(random.Random(8))
    text = render(spec, "markdown").text
    text = re.sub(r"^#+ *(二、主动公开政府信息情况)\n+", r"\1\n---\n", text, flags=re.M)
    assert "二、主动公开政府信息情况\n---\n| 第二十条" in text
    report = parse_text(text)
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]
    assert report_cells(report) == spec_cells(spec)


def test_a_grid_tables_borders_are_no_text():
    """pandoc's borders (「+----+」, 「+====+」, and 「|  |  +----+」 under a cell spanning rows) are
    table furniture: none becomes a line of text between the report's paragraphs and tables."""
    from gixlint.layout.text import from_text

    spec = random_spec(random.Random(9))
    text = read_back(MARKDOWN["grid-tables"](render(spec, "markdown").text.encode("utf-8")))
    text = text.replace("|  | （三）不予公开 |", "|  +--------+\n|  | （三）不予公开 |", 1)
    layout = from_text(text)
    assert layout.variant == "markdown"
    assert not [it for it in layout.items if "---" in it.text or "===" in it.text]
    assert report_cells(parse_text(text)) == spec_cells(spec)


def test_a_grid_table_bordered_only_around_its_header_has_a_row_a_line():
    """psql, MySQL and prettytable print a border above and below the header and none between
    body rows: each line is a row (joining them made one row of the whole table)."""
    def boxed(rows):
        border = "+" + "+".join("-" * 8 for _ in rows[0]) + "+"
        return "\n".join([border, "| " + " | ".join(rows[0]) + " |", border,
                          *("| " + " | ".join(r) + " |" for r in rows[1:]), border]) + "\n"

    from gixlint.testing.variants import _PIPE_BLOCK, _pipe_rows

    spec = random_spec(random.Random(0))
    text = _PIPE_BLOCK.sub(lambda m: boxed(_pipe_rows(m.group(0))), render(spec, "markdown").text)
    report = parse_text(text)
    assert report_cells(report) == spec_cells(spec)
    assert [f.rule for f in lint_text(text) if f.severity == "error"] == []


@pytest.mark.parametrize("layout", ["word-tabs", "blank-lines"])
def test_a_sign_off_above_a_rule_and_a_piped_footer_stays_the_sign_off(layout):
    """「2025年1月20日」, then 「---」, then a portal footer with pipes: no table (the date was
    taken for a one-cell header and lost its sign-off role)."""
    spec = random_spec(random.Random(0))
    text = render(spec, layout).text.rstrip("\n")
    text += "\n---\n主办：示例市人民政府办公室 | 网站标识码：1234 | 京ICP备12345号\n联系我们 | 网站地图：2 | 纠错\n"
    report = parse_text(text)
    assert "signoff" in {d.role for d in report.dates}
    assert "GIX508" not in {f.rule for f in lint_text(text)}
