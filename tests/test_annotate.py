"""gixlint annotate: the clerk's Word file back with comments on the cells that are wrong."""

from __future__ import annotations

import hashlib
import random
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from gixlint.cli import main
from gixlint.lint.findings import Finding
from gixlint.parse.build import parse_file
from gixlint.read.place import CELL, parse
from gixlint.read.word import elements
from gixlint.report.annotate import annotate
from gixlint.testing import random_spec
from gixlint.testing.formats import fill_template, write_docx

TEMPLATE = Path(__file__).resolve().parents[2] / "shared" / "templates" / "report-2021-template.docx"
if not TEMPLATE.exists():
    TEMPLATE = Path("/work/shared/templates/report-2021-template.docx")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _commented_places(path: Path) -> dict[str, int]:
    """Place → number of comments anchored in that paragraph or cell of ``path``."""
    document = docx.Document(str(path))
    out = {}
    for place, element in elements(document).items():
        n = len(element.findall(f".//{W}commentRangeStart"))
        if n:
            out[place] = n
    return out


def _planted(tmp_path: Path, template: bool) -> tuple[Path, str]:
    spec = random_spec(random.Random(11))
    spec.t3["granted"][0] += 30          # 予以公开·自然人: row and column no longer add up
    path = tmp_path / "报告.docx"
    if template:
        fill_template(spec, TEMPLATE, path)
    else:
        write_docx(spec, path)
    report = parse_file(path)
    line = report.tables["t3"].rows["granted"].cells["natural_person"].line
    return path, report.sources[line]


@pytest.mark.parametrize("template", [False, True], ids=["generated", "official-template"])
def test_comments_sit_on_exactly_the_planted_cell(tmp_path, template, capsys):
    if template and not TEMPLATE.exists():
        pytest.skip("official template not present")
    path, place = _planted(tmp_path, template)
    assert parse(place).kind == CELL
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    out = tmp_path / "报告.批注.docx"
    assert main(["annotate", str(path), "-o", str(out), "--today", "2025-06-01", "--no-plugins"]) == 0
    printed = capsys.readouterr().out
    assert "已写入" in printed and "需修改：" in printed
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before       # the input is never written
    commented = _commented_places(out)
    cells = {p for p in commented if parse(p).kind == CELL}
    assert cells == {place}
    document = docx.Document(str(out))
    texts = [c.text for c in document.comments]
    planted = next(t for t in texts if "GIX301" in t)
    assert "GIX302" in planted and "最可能填错的是（一）予以公开·自然人" in planted
    assert all(c.author == "gixlint" for c in document.comments)


def test_default_output_name_and_refusals(tmp_path, capsys):
    path, _ = _planted(tmp_path, template=False)
    assert main(["annotate", str(path), "--today", "2025-06-01", "--no-plugins"]) == 0
    assert (tmp_path / "报告.批注.docx").exists()
    assert main(["annotate", str(path), "-o", str(path)]) == 2
    text = tmp_path / "a.txt"
    text.write_text("x", encoding="utf-8")
    assert main(["annotate", str(text)]) == 2
    assert "只能给 Word 文档" in capsys.readouterr().err


def test_a_finding_with_no_place_goes_on_the_title(tmp_path):
    path = write_docx(random_spec(random.Random(3)), tmp_path / "r.docx")
    report = parse_file(path)
    placed = Finding("GIX401", "fee-statement-missing", "fee", "error", "未说明信息处理费收取情况", line=0)
    data, count = annotate(path.read_bytes(), report, [placed])
    out = tmp_path / "o.docx"
    out.write_bytes(data)
    assert count == 1
    assert [c.text for c in docx.Document(str(out)).comments] == ["（针对全文）错误 GIX401：未说明信息处理费收取情况"]
    assert list(_commented_places(out)) == ["第 1 段"]


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) not installed")
def test_libreoffice_opens_the_copy(tmp_path):
    path, _ = _planted(tmp_path, template=False)
    out = tmp_path / "c.docx"
    main(["annotate", str(path), "-o", str(out), "--today", "2025-06-01", "--no-plugins"])
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
                   check=True, timeout=120, capture_output=True)
    assert (tmp_path / "c.pdf").stat().st_size > 0


def test_word_places_come_first_in_the_text_output(tmp_path, capsys):
    path, place = _planted(tmp_path, template=False)
    main([str(path), "--today", "2025-06-01", "--no-plugins", "--select", "GIX301"])
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if "GIX301" in x)
    assert line.strip().startswith("表格 2 第 ")
    assert out.rstrip().endswith("结论：需修改：1 个错误、0 个警告")


def test_command_line_errors_in_chinese(capsys):
    assert main(["--bogus", "x.txt"]) == 2
    assert "无法识别的参数：--bogus" in capsys.readouterr().err
    assert main(["x.txt", "--fail-on", "maybe"]) == 2
    err = capsys.readouterr().err
    assert "参数 --fail-on 的值 'maybe' 无效" in err and "用法：" in err
    assert main(["parse"]) == 2
    assert "缺少必需的参数：file" in capsys.readouterr().err


@pytest.mark.parametrize(("expected", "actual", "said"), [
    (12, 10, "（填报 10，应为 12）"),      # a sum that does not hold: the two numbers
    ("数字", "", None),                    # a blank cell: the message says it, not 「填报 ，应为 数字」
    (">= 0", -3, None),                    # a negative count: not 「应为 >= 0」
    ("数字", 126, None),                   # a count of blank cells is no cell's value
])
def test_a_comment_shows_reported_and_expected_only_as_two_numbers(expected, actual, said):
    from gixlint.report.annotate import comment_text
    from gixlint.report.view import _finding

    f = Finding("GIX203", "count-not-numeric", "counts", "error", "表三某格应填数字", expected=expected, actual=actual)
    text = comment_text(f)
    assert (said in text) if said else ("填报" not in text and "应为" not in text)
    shown = _finding(f, "r1-f1", False)
    assert (shown.expected, shown.actual) == ((expected, actual) if said else (None, None))


def test_the_verdict_says_a_file_that_was_not_read_could_not_be_checked():
    """Not 「需修改：1 个错误」 for a file nothing of which was checked: there is nothing to fix in it yet."""
    from gixlint.report.verdict import verdict

    unread = Finding("GIX000", "unreadable-file", "parse", "error", "无法作为年度报告检查：文件为空")
    wrong = Finding("GIX301", "t3-row-total", "balance", "error", "总计不等于各项之和")
    hint = Finding("GIX108", "title-nonstandard", "sections", "info", "标题缺少年度")
    assert verdict([unread]).startswith("无法检查")
    assert verdict([wrong, hint]) == "需修改：1 个错误、0 个警告"
    assert verdict([hint]) == "可以发布"


def test_a_cell_s_place_counts_the_cells_word_shows_in_its_row(tmp_path):
    """In the official template a row's label spans grid columns, and a part's label is merged down
    the rows: 「第 C 格」 counts the boxes a clerk sees in that row (the merged label's box once),
    not the table's grid columns, and annotate finds the same box again."""
    if not TEMPLATE.exists():
        pytest.skip("official template not present")
    spec = random_spec(random.Random(11))
    path = fill_template(spec, TEMPLATE, tmp_path / "报告.docx")
    report = parse_file(path)
    table = docx.Document(str(path)).tables[1]._tbl
    for row in ("new_received", "granted", "total"):
        line = report.tables["t3"].rows[row].cells["total"].line
        place = parse(report.sources[line])
        boxes = table.tr_lst[place.row - 1].findall(f"{W}tc")
        assert place.column == len(boxes)                   # 总计 is the row's last box
        assert boxes[-1].xpath("string(.)").strip() == str(spec.t3[row][6])
        found = elements(docx.Document(str(path)))[report.sources[line]]
        assert found.xpath("string(.)").strip() == str(spec.t3[row][6])
    # a row whose label spans three grid columns: 8 boxes, 10 grid columns
    line = report.tables["t3"].rows["new_received"].cells["total"].line
    assert report.sources[line].endswith("第 8 格")
