"""The spreadsheet a supervisor's office files and sorts: 「汇总」 one row per report, 「问题清单」 one
row per finding. Written by openpyxl; every text cell is made inert (see :mod:`gixlint.report.inert`)
and stripped of characters the file format cannot hold, so any report opens in Excel and WPS."""

from __future__ import annotations

import io
import re

from gixlint.lint.findings import numeric
from gixlint.report.inert import inert
from gixlint.report.view import RunView, category_zh

SUMMARY = ("文件", "机关", "年度", "格式", "结论", "错误", "警告", "提示", "已豁免")
FINDINGS = ("文件", "机关", "年度", "编号", "规则", "类别", "级别", "问题说明", "行号", "位置", "表格", "行", "列",
            "应为", "填报")
WIDTHS = {"文件": 28, "机关": 24, "格式": 16, "结论": 14, "问题说明": 60, "位置": 40, "行": 24, "列": 16}
WRAPPED = frozenset({"问题说明", "位置"})     # long text: wrapped in its column, so it prints whole


def _cell(value):
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if value is None:
        return None
    if numeric(value):
        return value
    return inert(ILLEGAL_CHARACTERS_RE.sub("", str(value)))


def _sheet(book, title: str, header: list[str], rows) -> None:
    """One sheet, written row by row (openpyxl's write-only mode: 100,000 rows are never all in
    memory): widths, the frozen header and its style first, the filter's range last."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(title)
    for i, name in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = WIDTHS.get(name, max(8, len(name) * 2 + 2))
    sheet.freeze_panes = "A2"
    # printed: landscape, as wide as the page, the header row on every page (set before the
    # first row, which writes the sheet's properties in write-only mode)
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = "9"      # A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.print_title_rows = "1:1"
    cells = []
    for name in header:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        cells.append(cell)
    sheet.append(cells)
    wrapped = [i for i, name in enumerate(header) if name in WRAPPED]
    wrap = Alignment(vertical="top", wrap_text=True)
    widths = {i: WIDTHS[header[i]] for i in wrapped}
    count = 1
    for row in rows:
        values = [_cell(v) for v in row]
        lines = max((_lines(values[i], widths[i]) for i in wrapped), default=1)
        for i in wrapped:
            cell = WriteOnlyCell(sheet, value=values[i])
            cell.alignment = wrap
            values[i] = cell
        count += 1
        if lines > 1:       # the height the wrapped text needs: neither Excel nor WPS works it out on opening
            sheet.row_dimensions[count].height = min(409, 15 * lines)
        sheet.append(values)
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{count}"


def _lines(text, width: int) -> int:
    """Lines a text takes wrapped in a column ``width`` characters wide (a Chinese character is two)."""
    if not isinstance(text, str) or not text:
        return 1
    wide = sum(1 for ch in text if ord(ch) > 0x2E7F)
    return -(-(len(text) + wide) // max(1, width - 1))


def render(view: RunView, about: str = "") -> bytes:
    """The workbook's bytes; ``about`` (one agency's file of a split) is its title."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    book.properties.title = f"{about} · 政府信息公开工作年度报告检查结果" if about else "政府信息公开工作年度报告检查结果"
    categories = [category_zh(c) for c in view.categories]
    _sheet(book, "汇总", [*SUMMARY, *categories], (
        [r.path, r.agency, r.year, r.format_zh, r.verdict_zh, r.counts["error"], r.counts["warning"],
         r.counts["info"], r.waived, *(r.by_category.get(c, 0) for c in view.categories)]
        for r in view.reports))
    _sheet(book, "问题清单", list(FINDINGS), _finding_rows(view))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _finding_rows(view: RunView):
    for r in view.reports:
        for f in r.findings:
            if not f.waived:
                yield [r.path, r.agency, r.year, f.rule, f.name, f.category_zh, f.severity_zh, f.message,
                       f.line or None, f.where, f.table and _table_zh(f.table), f.row_label, f.column_label,
                       _number(f.expected), _number(f.actual)]
    for f in view.roster:
        if not f.waived:
            yield ["", f.row, None, f.rule, f.name, f.category_zh, f.severity_zh, f.message, None, f.where,
                   "", "", "", _number(f.expected), _number(f.actual)]


def _table_zh(name: str) -> str:
    from gixlint.lint.findings import TABLE_ZH

    return TABLE_ZH.get(name, name)


def _number(value):
    """A count as a number the sheet can sort and filter; a printed plain number (「-1」, a
    negative count) too, which as text would get the apostrophe that keeps text inert; else text."""
    if value is None or numeric(value):
        return value
    text = str(value)
    if _PLAIN_NUMBER.fullmatch(text):
        return float(text) if "." in text else int(text)
    return text


_PLAIN_NUMBER = re.compile(r"-?(0|[1-9]\d{0,14})(\.\d{1,6})?")
