"""Write a generated report as a PDF with a real text layer and real table grids (reportlab).

The font is reportlab's built-in CID font ``STSong-Light`` (Adobe's Song for simplified Chinese,
not embedded, so no font file is needed; its text layer extracts back to the right characters).
Tables are drawn as grids with merged cells like the official template: the group labels
(``三、本年度办理结果``, ``（三）不予公开`` …) in merged cells, centred over their rows and wrapped
in their narrow column; long labels wrapped inside their cells with the numbers centred beside
them; table 三 runs over a page break with its header repeated; page numbers ``-N-``.

    pages = write_pdf(spec, path)      # {"t3.granted.total": 3, …}: the page each value is on

Test-only: reportlab is in the ``test`` extra.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from gixlint.testing.grid import Para, Tables, blocks
from gixlint.vocab import labels as L

FONT = "STSong-Light"
PAGE_W, PAGE_H = 595.27, 841.89          # A4
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 57.0, 64.0, 64.0
WIDTH = PAGE_W - 2 * MARGIN_X
BODY, TABLE = 10.5, 9.0                  # font sizes
PAD = 3.0


def _font() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def text_width(text: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, FONT, size)


def wrap(text: str, width: float, size: float, first_indent: float = 0.0) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` (never inside a number)."""
    lines, current = [], ""
    limit = width - first_indent
    for ch in text:
        if current and text_width(current + ch, size) > limit:
            cut = len(current)
            if ch.isascii() and ch.isalnum():
                while cut > 0 and current[cut - 1].isascii() and current[cut - 1].isalnum():
                    cut -= 1
                cut = cut or len(current)
            lines.append(current[:cut])
            current = current[cut:]
            limit = width
        current += ch
    lines.append(current)
    return lines


@dataclass
class Cell:
    row: int
    col: int
    text: str
    key: str | None = None
    rowspan: int = 1
    colspan: int = 1
    align: str = "left"      # left or center (values and headers are centred)


class _Writer:
    def __init__(self, path: Path, valign: str = "middle") -> None:
        from reportlab.pdfgen import canvas

        _font()
        self.valign = valign
        self.canvas = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
        self.page = 1
        self.y = PAGE_H - MARGIN_TOP
        self.pages: dict[str, int] = {}

    # -- pages ------------------------------------------------------------------------------
    def new_page(self) -> None:
        self.footer()
        self.canvas.showPage()
        self.page += 1
        self.y = PAGE_H - MARGIN_TOP

    def footer(self) -> None:
        self.canvas.setFont(FONT, 9)
        self.canvas.drawCentredString(PAGE_W / 2, MARGIN_BOTTOM / 2, f"-{self.page}-")

    def need(self, height: float) -> None:
        if self.y - height < MARGIN_BOTTOM:
            self.new_page()

    def close(self) -> None:
        self.footer()
        self.canvas.save()

    # -- prose ------------------------------------------------------------------------------
    def para(self, p: Para) -> None:
        c = self.canvas
        size = {"title": 16, "heading": 12, "chrome": 9}.get(p.kind, BODY)
        leading = size * 1.7
        if p.kind in ("title", "chrome"):
            lines = wrap(p.text, WIDTH, size)
            for line in lines:
                self.need(leading)
                c.setFont(FONT, size)
                c.drawCentredString(PAGE_W / 2, self.y - size, line)
                self.y -= leading
            if p.key:
                self.pages[p.key] = self.page
            self.y -= 4
            return
        if p.kind in ("agency", "date"):
            self.need(leading)
            c.setFont(FONT, size)
            c.drawRightString(PAGE_W - MARGIN_X - 20, self.y - size, p.text)
            self.y -= leading
            if p.key:
                self.pages[p.key] = self.page
            return
        indent = 0.0 if p.kind == "heading" else 2 * size
        lines = wrap(p.text, WIDTH, size, indent)
        for i, line in enumerate(lines):
            self.need(leading)
            if i == 0 and p.key:
                self.pages[p.key] = self.page
            c.setFont(FONT, size)
            c.drawString(MARGIN_X + (indent if i == 0 else 0), self.y - size, line)
            self.y -= leading

    # -- tables -----------------------------------------------------------------------------
    def table(self, widths: list[float], cells: list[Cell], header_rows: int) -> None:
        """Draw a grid; rows that do not fit go to the next page under a repeated header."""
        size, leading = TABLE, TABLE * 1.45
        rows = max(c.row + c.rowspan for c in cells)
        xs = [MARGIN_X]
        for w in widths:
            xs.append(xs[-1] + w)
        lines: dict[int, list[str]] = {}
        for i, cell in enumerate(cells):
            inner = xs[cell.col + cell.colspan] - xs[cell.col] - 2 * PAD
            lines[i] = wrap(cell.text, inner, size) if cell.text else []
        heights = [leading + 2 * PAD] * rows
        for i, cell in enumerate(cells):
            need = len(lines[i]) * leading + 2 * PAD
            have = sum(heights[cell.row:cell.row + cell.rowspan])
            if need > have:
                heights[cell.row + cell.rowspan - 1] += need - have

        def draw_rows(first: int, last: int, top: float) -> None:
            """Rows first..last-1 of the grid, starting at ``top``."""
            tops = {first: top}
            for r in range(first, last):
                tops[r + 1] = tops[r] - heights[r]
            c = self.canvas
            c.setLineWidth(0.5)
            for i, cell in enumerate(cells):
                r0, r1 = max(cell.row, first), min(cell.row + cell.rowspan, last)
                if r0 >= r1:
                    continue
                x0, x1 = xs[cell.col], xs[cell.col + cell.colspan]
                y0, y1 = tops[r0], tops[r1]
                c.rect(x0, y1, x1 - x0, y0 - y1, stroke=1, fill=0)
                if cell.row < first:
                    continue  # a merged cell carried over from the previous page: its text is there
                text = lines[i]
                block = len(text) * leading
                middle = cell.rowspan > 1 or (cell.align == "center" and self.valign == "middle")
                y = (y0 + y1) / 2 + block / 2 - size * 0.85 if middle else y0 - PAD - size * 0.85
                c.setFont(FONT, size)
                for line in text:
                    if cell.align == "center":
                        c.drawCentredString((x0 + x1) / 2, y, line)
                    else:
                        c.drawString(x0 + PAD, y, line)
                    y -= leading
                if cell.key:
                    self.pages[cell.key] = self.page

        header_height = sum(heights[:header_rows])
        self.need(header_height + heights[header_rows] if rows > header_rows else header_height)
        draw_rows(0, header_rows, self.y)
        self.y -= header_height
        r = header_rows
        while r < rows:
            # a merged group cell never splits its first row from the rows it heads
            if self.y - heights[r] < MARGIN_BOTTOM:
                self.new_page()
                draw_rows(0, header_rows, self.y)   # the header, repeated
                self.y -= header_height
            start = r
            while r < rows and self.y - heights[r] >= MARGIN_BOTTOM:
                self.y -= heights[r]
                r += 1
            draw_rows(start, r, self.y + sum(heights[start:r]))
        self.y -= 10


def _t2_cells(tables: Tables) -> tuple[list[float], list[Cell], int]:
    cells: list[Cell] = []
    r = 0
    for block, headers, rows in tables.t2:
        cells.append(Cell(r, 0, block, colspan=4, align="center"))
        r += 1
        if len(headers) == 4:
            cells.extend(Cell(r, i, h, align="center") for i, h in enumerate(headers))
        else:
            cells += [Cell(r, 0, headers[0], align="center"), Cell(r, 1, headers[1], colspan=3, align="center")]
        r += 1
        for _key, label, values in rows:
            cells.append(Cell(r, 0, label))
            if len(values) == 1:
                cells.append(Cell(r, 1, values[0][0], values[0][1], colspan=3, align="center"))
            else:
                cells.extend(Cell(r, 1 + i, v, k, align="center") for i, (v, k) in enumerate(values))
            r += 1
    return [150.0, (WIDTH - 150) / 3, (WIDTH - 150) / 3, (WIDTH - 150) / 3], cells, 0


def _t3_cells(tables: Tables, joined: frozenset[str] = frozenset()) -> tuple[list[float], list[Cell], int]:
    value_w = 37.0
    widths = [50.0, 56.0, WIDTH - 106 - 7 * value_w] + [value_w] * 7
    cells = [
        Cell(0, 0, L.T3_NOTE, rowspan=3, colspan=3),
        Cell(0, 3, "申请人情况", colspan=7, align="center"),
        Cell(1, 3, "自然人", rowspan=2, align="center"),
        Cell(1, 4, "法人或其他组织", colspan=5, align="center"),
        Cell(1, 9, "总计", rowspan=2, align="center"),
    ]
    cells += [Cell(2, 4 + i, L.T3_COLUMNS[k], align="center") for i, k in enumerate(L.T3_APPLICANTS[1:])]
    first_row: dict[str, int] = {}
    count: dict[str, int] = {}
    r = 3
    for row in tables.t3:
        col, span = {"A": (0, 3), "B": (1, 2), "C": (2, 1)}[row.span]
        cells.append(Cell(r, col, row.label, f"t3.{row.key}", colspan=span))
        if row.key in joined:
            # separators lost: the row's numbers printed as one string across its cells
            text = "".join(v for v, _k in row.values)
            cells.append(Cell(r, 3, text, row.values[0][1], colspan=7, align="center"))
        else:
            for i, (value, key) in enumerate(row.values):
                if 3 + i < len(widths):
                    cells.append(Cell(r, 3 + i, value, key, align="center"))
        for group in (row.group_a, row.group_b):
            if group:
                first_row.setdefault(group, r)
                count[group] = count.get(group, 0) + 1
        r += 1
    for group, start in first_row.items():
        cells.append(Cell(start, 0 if group == "results" else 1, L.T3_GROUPS[group], rowspan=count[group],
                          align="center"))
    return widths, cells, 3


def _t4_cells(tables: Tables) -> tuple[list[float], list[Cell], int]:
    fields = list(L.T4_FIELDS.values())
    cells = [Cell(0, 0, "行政复议", colspan=5, align="center"), Cell(0, 5, "行政诉讼", colspan=10, align="center")]
    cells += [Cell(1, i, f, rowspan=2, align="center") for i, f in enumerate(fields)]
    cells += [Cell(1, 5, "未经复议直接起诉", colspan=5, align="center"),
              Cell(1, 10, "复议后起诉", colspan=5, align="center")]
    cells += [Cell(2, 5 + i, f, align="center") for i, f in enumerate(fields * 2)]
    cells += [Cell(3, i, v, k, align="center") for i, (v, k) in enumerate(tables.t4[:15])]
    return [WIDTH / 15] * 15, cells, 3


def write_pdf(spec, path: Path | str, joined: set[str] | frozenset[str] = frozenset(),
              valign: str = "middle") -> dict[str, int]:
    """Write ``spec`` as a PDF at ``path``; return the page of every keyed value and paragraph.

    ``joined`` names table-三 rows whose numbers are printed run together (``0300003``), the
    way a PDF whose cell separators were lost reads. ``valign`` places the numbers in their
    cells: "middle" (centred beside a wrapped label) or "top" (Word's default: on its first line).
    """
    content, tables = blocks(spec)
    writer = _Writer(Path(path), valign)
    for block in content:
        if isinstance(block, Para):
            writer.para(block)
        elif block == "t3":
            widths, cells, header_rows = _t3_cells(tables, frozenset(joined))
            writer.table(widths, cells, header_rows)
        else:
            widths, cells, header_rows = {"t2": _t2_cells, "t4": _t4_cells}[block](tables)
            writer.table(widths, cells, header_rows)
    writer.close()
    return writer.pages
