"""Template leftovers: the blank template is one clear error; placeholders survive every reader."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from gixlint.lint.linter import Linter
from gixlint.testing import random_spec, render
from gixlint.testing.formats import fill_template, write_docx, write_html

TEMPLATE = Path(__file__).resolve().parents[2] / "shared" / "templates" / "report-2021-template.docx"
if not TEMPLATE.exists():
    TEMPLATE = Path("/work/shared/templates/report-2021-template.docx")
needs_template = pytest.mark.skipif(not TEMPLATE.exists(), reason="official template not present")


@pytest.fixture(scope="module")
def linter():
    from datetime import date

    return Linter.create(today=date(2025, 6, 1), load_plugins=False)


def _rules(result, rule):
    return [f for f in result.findings if f.rule == rule]


@needs_template
def test_untouched_template_is_one_clear_error(linter):
    result = linter.lint_file(TEMPLATE)
    [leftover] = _rules(result, "GIX109")
    assert leftover.severity == "error"
    assert "格式模板" in leftover.message and "（文字描述）" in leftover.message and "全部空白" in leftover.message
    assert leftover.source == "第 2 段"                # the title, as Word counts paragraphs
    assert len(leftover.cells) >= 4                   # title, each placeholder, the empty tables
    # the template as it came is that one error: its blank cells, short sections and missing fee
    # statement are all the same defect
    assert [f.rule for f in result.findings] == ["GIX109"]


@needs_template
def test_filled_tables_under_the_template_title(tmp_path, linter):
    path = fill_template(random_spec(random.Random(2)), TEMPLATE, tmp_path / "filled.docx")
    [leftover] = _rules(linter.lint_file(path), "GIX109")
    assert "格式模板" in leftover.message and "（文字描述）" in leftover.message
    assert "全部空白" not in leftover.message


def test_a_finished_report_has_no_leftover(tmp_path, linter):
    path = write_docx(random_spec(random.Random(4)), tmp_path / "r.docx")
    assert not _rules(linter.lint_file(path), "GIX109")


PLACEHOLDERS = {"gap": "本年度主动公开政府信息{gap}条。", "underline": "本年度新制发规范性文件____件。",
                "brackets": "本年度办理依申请公开【】件。", "crosses": "本年度召开新闻发布会××次。"}


@pytest.mark.parametrize("kind", list(PLACEHOLDERS))
@pytest.mark.parametrize("fmt", ["txt", "docx", "html"])
def test_placeholders_survive_every_reader(tmp_path, linter, fmt, kind):
    spec = random_spec(random.Random(7))
    # what a clerk types: two spaces in Word or text, two &nbsp; in a web page
    gap = "\u00a0\u00a0" if fmt == "html" else "  "
    spec.overview = ["2024年，本机关认真落实政府信息公开条例，坚持以公开为常态、不公开为例外，做好各项公开工作。",
                     PLACEHOLDERS[kind].format(gap=gap)]
    path = tmp_path / f"r.{fmt}"
    if fmt == "txt":
        path.write_text(render(spec).text, encoding="utf-8")
    elif fmt == "docx":
        write_docx(spec, path)
    else:
        write_html(spec, path)
    found = _rules(linter.lint_file(path), "GIX605")
    assert found, (fmt, kind)


def test_single_spaces_in_word_are_not_a_gap(tmp_path, linter):
    spec = random_spec(random.Random(7))
    spec.overview = ["2024年，本机关主动公开政府信息 12 条，其中政策文件 5 件，均在门户网站发布。"]
    path = write_docx(spec, tmp_path / "r.docx")
    assert not _rules(linter.lint_file(path), "GIX605")


@pytest.mark.parametrize("layout, severity", [("blank-lines", "error"), ("word-tabs", "error"),
                                              ("rows", "warning"), ("markdown", "warning")])
def test_an_unfilled_number_is_an_error_where_spacing_is_typed(layout, severity):
    """Two spaces before 条 typed in Word or on a web page are a number left out; in text that came
    through a PDF or a converter the spacing may be the layout's, so it is only a warning."""
    import random

    from gixlint.testing import lint_text, random_spec, render

    spec = random_spec(random.Random(3))
    spec.overview[0] += "本年度主动公开政府信息  条。"
    [hit] = [f for f in lint_text(render(spec, layout).text) if f.rule == "GIX605"]
    assert hit.severity == severity
