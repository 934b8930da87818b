"""Generated reports in the layouts where a table row is one line: pdftotext rows, markdown, tsv.

The report's content is the same as :func:`gixlint.testing.generate.render` writes one cell per
line; only the layout differs. :func:`blocks` is that content in order (paragraphs and the three
tables), shared with the PDF writer (:mod:`gixlint.testing.pdf`).

``rows`` imitates ``pdftotext -layout``: columns aligned with spaces, long labels wrapped (their
numbers on the first line, on the last line, or on a line of their own in between), header
words stacked over two lines, group labels printed in the middle of their rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gixlint.vocab import labels as L

# -- the content, independent of layout --------------------------------------------------------


@dataclass
class Para:
    text: str
    key: str | None = None
    kind: str = "body"       # title, chrome, heading, body, agency, date


@dataclass
class T3Row:
    key: str
    label: str
    span: str                # where the label starts: A (whole width), B (beside the group), C
    values: list[tuple[str, str]]                # (text, Document.lines key)
    group_a: str | None = None                   # results
    group_b: str | None = None                   # denied, unable, not_processed, other_total


@dataclass
class Tables:
    t2: list[tuple[str, list[str], list[tuple[str, str, list[tuple[str, str]]]]]] = field(default_factory=list)
    t3: list[T3Row] = field(default_factory=list)
    t4: list[tuple[str, str]] = field(default_factory=list)


_GROUP_B = {"denied_": "denied", "unable_": "unable", "not_processed_": "not_processed", "other_": "other_total"}
T2_BLOCKS = (("一", ["regulations", "normative_documents"], ["本年制发件数", "本年废止件数", "现行有效件数"]),
             ("五", ["licensing"], ["本年处理决定数量"]),
             ("六", ["penalty", "enforcement"], ["本年处理决定数量"]),
             ("八", ["fee_amount"], ["本年收费金额（单位：万元）"]))


def _t2(spec) -> list:
    out = []
    for numeral, rows, headers in T2_BLOCKS:
        body = []
        for key in rows:
            if key not in spec.t2:
                continue
            columns = L.T2_ROWS[key][2]
            values = [(str(v), f"t2.{key}.{col}" if len(columns) > 1 else f"t2.{key}")
                      for col, v in zip(columns, spec.t2[key])]
            body.append((key, L.T2_ROWS[key][0], values))
        out.append((f"第二十条第（{numeral}）项", ["信息内容", *headers], body))
    return out


def _t3(spec) -> list[T3Row]:
    columns = list(L.T3_COLUMNS)
    rows = []
    for key in L.T3_ROWS:
        if key not in spec.t3:
            continue
        values = [(str(v), f"t3.{key}.{columns[i] if i < len(columns) else f'extra{i}'}")
                  for i, v in enumerate(spec.t3[key])]
        group_b = next((g for p, g in _GROUP_B.items() if key.startswith(p)), None)
        in_results = key in L.T3_LEAVES or key == "total"
        span = "A" if not in_results else ("C" if group_b else "B")
        rows.append(T3Row(key, L.T3_ROWS[key], span, values, "results" if in_results else None, group_b))
    return rows


def _t4(spec) -> list[tuple[str, str]]:
    out = []
    for i, value in enumerate(spec.t4):
        block = list(L.T4_BLOCKS)[i // 5] if i < 15 else "extra"
        out.append((str(value), f"t4.{block}.{list(L.T4_FIELDS)[i % 5]}"))
    return out


def blocks(spec) -> list:
    """The report in order: :class:`Para` objects and the names "t2", "t3", "t4"; and the tables."""
    from gixlint.testing.spec import matter_paragraphs, overview_paragraphs, problem_paragraphs

    out: list = [Para(f"{spec.agency}{spec.year}年政府信息公开工作年度报告", "title", "title")]
    if spec.published:
        out.append(Para(f"来源:{spec.agency} 发布时间:{spec.published} 字体:[ 大 中 小 ]", "published", "chrome"))
    if spec.period is not None:
        period = spec.period or f"{spec.year}年1月1日至{spec.year}年12月31日"
        out.append(Para(f"本报告根据《中华人民共和国政府信息公开条例》编制，所列数据的统计期限为{period}。", "period"))

    def heading(number: int) -> bool:
        if number in spec.omit_sections:
            return False
        if number not in spec.drop_headings:
            text = spec.headings.get(number, f"{L.NUMERALS[number - 1]}、{L.SECTION_TITLES[number]}")
            out.append(Para(text, f"sec.{number}", "heading"))
        return True

    if heading(1):
        out.extend(Para(t) for t in overview_paragraphs(spec))
    if heading(2):
        out.append("t2")
    if heading(3):
        out.append("t3")
    if heading(4):
        out.append("t4")
    if heading(5):
        out.extend(Para(t) for t in problem_paragraphs(spec))
    if heading(6):
        out.extend(Para(t, "fee") for t in matter_paragraphs(spec))
    if spec.signoff is not None:
        out.append(Para(spec.agency, "agency", "agency"))
        out.append(Para(spec.signoff or f"{spec.year + 1}年1月20日", "signoff", "date"))
    return out, Tables(_t2(spec), _t3(spec), _t4(spec))


# -- grids: every row with all its columns (markdown, tsv) ------------------------------------


def _grid_t2(tables: Tables) -> list[list[tuple[str, str | None]]]:
    grid = []
    for block, headers, rows in tables.t2:
        grid.append([(block, None), ("", None), ("", None), ("", None)])
        grid.append([(h, None) for h in headers] + [("", None)] * (4 - len(headers)))
        for _key, label, values in rows:
            cells = [(label, None), *values]
            grid.append(cells + [("", None)] * (4 - len(cells)))
    return grid


def _grid_t3(tables: Tables) -> list[list[tuple[str, str | None]]]:
    blank = ("", None)
    grid = [
        [(L.T3_NOTE, None), blank, blank, ("申请人情况", None)] + [blank] * 6,
        [blank] * 3 + [("自然人", None), ("法人或其他组织", None)] + [blank] * 4 + [("总计", None)],
        [blank] * 4 + [(L.T3_COLUMNS[k], None) for k in L.T3_APPLICANTS[1:]] + [blank],
    ]
    seen: set[str] = set()
    for row in tables.t3:
        a = b = blank
        if row.group_a and row.group_a not in seen:
            seen.add(row.group_a)
            a = (L.T3_GROUPS[row.group_a], None)
        if row.group_b and row.group_b not in seen:
            seen.add(row.group_b)
            b = (L.T3_GROUPS[row.group_b], None)
        label = (row.label, f"t3.{row.key}")
        lead = {"A": [label, blank, blank], "B": [a, label, blank], "C": [a, b, label]}[row.span]
        cells = lead + row.values
        grid.append(cells + [blank] * (10 - len(cells)))
    return grid


def _grid_t4(tables: Tables) -> list[list[tuple[str, str | None]]]:
    blank = ("", None)
    fields = [(f, None) for f in L.T4_FIELDS.values()]
    return [
        [("行政复议", None)] + [blank] * 4 + [("行政诉讼", None)] + [blank] * 9,
        fields + [("未经复议直接起诉", None)] + [blank] * 4 + [("复议后起诉", None)] + [blank] * 4,
        [blank] * 5 + fields + fields,
        list(tables.t4),
    ]


def _render_cells(spec, layout: str):
    from gixlint.testing.spec import Document

    content, tables = blocks(spec)
    out: list[str] = []
    lines: dict[str, int] = {}
    grids = {"t2": _grid_t2, "t3": _grid_t3, "t4": _grid_t4}
    for block in content:
        if isinstance(block, Para):
            prefix = {"title": "# ", "heading": "## "}.get(block.kind, "") if layout == "markdown" else ""
            out.append(prefix + block.text)
            if block.key:
                lines[block.key] = len(out)
            out.append("")
            continue
        grid = grids[block](tables)
        for r, row in enumerate(grid):
            if layout == "markdown":
                out.append("| " + " | ".join(text.replace("|", "\\|") for text, _ in row) + " |")
            else:
                out.append("\t".join(text for text, _ in row))
            for _text, key in row:
                if key:
                    lines[key] = len(out)
            if layout == "markdown" and r == 0:
                out.append("|" + "|".join(["---"] * len(row)) + "|")
        out.append("")
    return Document("\n".join(out) + "\n", lines)


# -- rows: pdftotext -layout --------------------------------------------------------------------

PROSE_WIDTH = 38


def _wrap(text: str, width: int) -> list[str]:
    return [text[i:i + width] for i in range(0, len(text), width)] or [""]


def _wrap_prose(text: str, width: int) -> list[str]:
    """Wrap at ``width`` characters, never inside a number (as word processors do)."""
    out, start = [], 0
    while len(text) - start > width:
        cut = start + width
        while cut > start + 1 and text[cut - 1].isascii() and text[cut].isascii() and text[cut].isalnum():
            cut -= 1
        out.append(text[start:cut])
        start = cut
    out.append(text[start:])
    return out


class _Canvas:
    """Lines of text with words placed at character columns."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.keys: dict[str, int] = {}

    def put(self, parts: list[tuple[int, str, str | None]]) -> int:
        line = ""
        for col, text, _key in sorted(parts, key=lambda p: p[0]):
            if not text:
                continue
            if len(line) > col - 2 and line:
                line += "  "
            line = line.ljust(col) + text
        self.lines.append(line.rstrip())
        number = len(self.lines)
        for _col, _text, key in parts:
            if key:
                self.keys[key] = number
        return number

    def para(self, text: str, key: str | None, kind: str) -> None:
        if kind in ("title", "heading", "chrome", "agency", "date"):
            indent = {"title": 6, "agency": 40, "date": 40}.get(kind, 0)
            self.put([(indent, text, key)])
            return
        pieces = _wrap_prose("  " + text, PROSE_WIDTH)
        self.put([(0, pieces[0], key)])
        for piece in pieces[1:]:
            self.put([(0, piece, None)])


V0, STEP = 50, 8                  # value columns of table 三
_A, _B, _C, _LABEL_WIDTH = 0, 10, 22, 16


def _rows_t2(canvas: _Canvas, tables: Tables) -> None:
    cols = [0, 20, 36, 52]
    for block, headers, rows in tables.t2:
        canvas.put([(0, block, None)])
        if len(headers) == 4:
            # header words stacked over two lines, as narrow cells print them
            canvas.put([(0, "信息内容", None)] + [(c, h[:4], None) for c, h in zip(cols[1:], headers[1:])])
            canvas.put([(c, h[4:], None) for c, h in zip(cols[1:], headers[1:])])
        else:
            canvas.put([(c, h, None) for c, h in zip(cols, headers)])
        for _key, label, values in rows:
            canvas.put([(0, label, None)] + [(c + 2, v, k) for c, (v, k) in zip(cols[1:] + [68, 76, 84], values)])


def _group_fragments(text: str, width: int) -> list[str]:
    return _wrap(text, width)


def _rows_t3(canvas: _Canvas, tables: Tables) -> None:
    note = _wrap(L.T3_NOTE, 18)
    canvas.put([(0, note[0], None), (V0 + 2 * STEP, "申请人情况", None)])
    canvas.put([(0, note[1], None), (V0, "自然人", None), (V0 + STEP + 4, "法人或其他组织", None),
                (V0 + 6 * STEP, "总计", None)])
    for rest in note[2:]:
        canvas.put([(0, rest, None)])
    canvas.put([(V0 + STEP * (i + 1), w, None) for i, w in enumerate(["商业", "科研", "社会公", "法律服", "其他"])])
    canvas.put([(V0 + STEP * (i + 1), w, None) for i, w in enumerate(["企业", "机构", "益组织", "务机构"])])

    # physical lines of the body: [slot A, slot B, label text, values]; rows wrap their labels
    body: list[dict] = []
    spans: dict[str, list[int]] = {}
    for row in tables.t3:
        start = {"A": _A, "B": _B, "C": _C}[row.span]
        width = _LABEL_WIDTH if row.span != "A" else 40
        pieces = _wrap(row.label, width)
        values = [(V0 + STEP * i + (2 - len(v) if len(v) < 3 else 0), v, k) for i, (v, k) in enumerate(row.values)]
        label_key = (start, pieces[0], f"t3.{row.key}")
        lines = [{"parts": [label_key]}] + [{"parts": [(start, p, None)]} for p in pieces[1:]]
        if len(pieces) == 1:
            at = 0
        elif row.key == "partially_granted":
            at = 0                               # numbers on the first line
        elif row.key == "other_fee_unpaid":
            lines.insert(1, {"parts": []})       # numbers on a line of their own, between the halves
            at = 1
        elif len(pieces) >= 3:
            at = 1                               # numbers beside the middle line
        else:
            at = len(lines) - 1                  # numbers on the continuation line
        lines[at]["parts"] = lines[at]["parts"] + values
        first = len(body)
        body.extend(lines)
        for group in (row.group_a, row.group_b):
            if group:
                spans.setdefault(group, []).extend(range(first, len(body)))
    # group labels in the middle of their rows, wrapped in their narrow column
    for group, slot, width in (("results", _A, 4), ("denied", _B, 5), ("unable", _B, 9),
                               ("not_processed", _B, 4), ("other_total", _B, 9)):
        taken = spans.get(group)
        if not taken:
            continue
        pieces = _group_fragments(L.T3_GROUPS[group], width)
        middle = taken[len(taken) // 2 - len(pieces) // 2]
        for offset, piece in enumerate(pieces):
            index = min(middle + offset, taken[-1])
            body[index]["parts"] = body[index]["parts"] + [(slot, piece, None)]
    for line in body:
        canvas.put(line["parts"])


def _rows_t4(canvas: _Canvas, tables: Tables) -> None:
    col = [i * 7 for i in range(15)]
    canvas.put([(col[0], "行政复议", None), (col[7], "行政诉讼", None)])
    top = [(col[i], w, None) for i, w in enumerate(["结果", "结果", "其他", "尚未", "总计"])]
    canvas.put(top + [(col[5], "未经复议直接起诉", None), (col[10], "复议后起诉", None)])
    canvas.put([(col[i], w, None) for i, w in enumerate(["维持", "纠正", "结果", "审结"])]
               + [(col[5 + i], w, None) for i, w in enumerate(["结果", "结果", "其他", "尚未", "总计"] * 2)])
    canvas.put([(col[5 + i], w, None) for i, w in enumerate(["维持", "纠正", "结果", "审结", "", "维持", "纠正",
                                                               "结果", "审结"])])
    canvas.put([(col[i] if i < 15 else col[-1] + 7 * (i - 14), v, k) for i, (v, k) in enumerate(tables.t4)])


def _render_rows(spec):
    from gixlint.testing.spec import Document

    content, tables = blocks(spec)
    canvas = _Canvas()
    for block in content:
        if isinstance(block, Para):
            canvas.para(block.text, block.key, block.kind)
        else:
            {"t2": _rows_t2, "t3": _rows_t3, "t4": _rows_t4}[block](canvas, tables)
    return Document("\n".join(canvas.lines) + "\n", canvas.keys)


def render_grid(spec, layout: str):
    if layout == "rows":
        return _render_rows(spec)
    return _render_cells(spec, layout)
