"""Write a generated report as a Word document or a web page, with the tables agencies use.

The same :class:`~gixlint.testing.generate.ReportSpec` that :func:`render` writes as text
becomes a .docx (real Word tables merged the way the official template merges them) or an
.html page (the report inside portal chrome, ``rowspan``/``colspan`` tables, ``&nbsp;``
cells, ``<br>`` in split header cells). Reading either back must give the same report.

    write_docx(spec, Path("r.docx"))
    write_html(spec, Path("r.html"), encoding="gbk")
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from gixlint.testing.spec import ReportSpec, matter_paragraphs, overview_paragraphs, problem_paragraphs
from gixlint.vocab import labels as L

T3_KEYS = list(L.T3_ROWS)
_RESULTS = T3_KEYS[T3_KEYS.index("granted"):T3_KEYS.index("total") + 1]
_SUBGROUPS = {"denied_": "denied", "unable_": "unable", "not_processed_": "not_processed", "other_": "other_total"}
_T2_BLOCKS = (("一", ["regulations", "normative_documents"], ["本年制发件数", "本年废止件数", "现行有效件数"]),
              ("五", ["licensing"], ["本年处理决定数量"]),
              ("六", ["penalty", "enforcement"], ["本年处理决定数量"]),
              ("八", ["fee_amount"], ["本年收费金额（单位：万元）"]))


# --- what the report says, in order (mirrors generate.render) -------------------------------

def outline(spec: ReportSpec) -> list[tuple[str, str]]:
    """Blocks of the report: (kind, text) with kind title, chrome, p, h, t2, t3, t4, signoff."""
    out: list[tuple[str, str]] = [("title", f"{spec.agency}{spec.year}年政府信息公开工作年度报告")]
    if spec.published:
        out.append(("chrome", spec.published))
    if spec.period is not None:
        period = spec.period or f"{spec.year}年1月1日至{spec.year}年12月31日"
        out.append(("p", f"本报告根据《中华人民共和国政府信息公开条例》编制，所列数据的统计期限为{period}。"))
    bodies = {
        1: [("p", t) for t in overview_paragraphs(spec)],
        2: [("t2", "")], 3: [("t3", "")], 4: [("t4", "")],
        5: [("p", t) for t in problem_paragraphs(spec)],
        6: [("p", t) for t in matter_paragraphs(spec)],
    }
    for number in range(1, 7):
        if number in spec.omit_sections:
            continue
        if number not in spec.drop_headings:
            out.append(("h", spec.headings.get(number, f"{L.NUMERALS[number - 1]}、{L.SECTION_TITLES[number]}")))
        out.extend(bodies[number])
    if spec.signoff is not None:
        out.append(("signoff", spec.agency))
        out.append(("signoff", spec.signoff or f"{spec.year + 1}年1月20日"))
    return out


@dataclass
class _T3Row:
    key: str
    group: int      # rows the 三、本年度办理结果 cell spans from here (0: not its first row; -1: no group)
    sub: int        # rows a （三）…（六） cell spans from here (0: not first; -1: label spans two columns)
    sub_label: str
    values: list


def t3_rows(spec: ReportSpec) -> list[_T3Row]:
    """Table 三's rows with the merges of the template: the group and sub-group label columns."""
    keys = [k for k in T3_KEYS if k in spec.t3]
    results = [k for k in keys if k in _RESULTS]
    rows = []
    for key in keys:
        group = -1 if key not in _RESULTS else (len(results) if key == results[0] else 0)
        prefix = next((p for p in _SUBGROUPS if key.startswith(p)), None)
        sub, sub_label = -1, ""
        if prefix:
            members = [k for k in keys if k.startswith(prefix)]
            sub = len(members) if key == members[0] else 0
            sub_label = L.T3_GROUPS[_SUBGROUPS[prefix]]
        rows.append(_T3Row(key, group, sub, sub_label, list(spec.t3[key])))
    return rows


def _text(value) -> str:
    return "" if value is None else str(value)


# --- Word ---------------------------------------------------------------------------------

def write_docx(spec: ReportSpec, path: Path) -> Path:
    """The report as a Word document with real, merged tables."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = docx.Document()
    for kind, text in outline(spec):
        if kind == "title":
            document.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif kind == "chrome":
            document.add_paragraph(f"来源:{spec.agency} 发布时间:{text} 字体:[ 大 中 小 ]")
        elif kind == "t2":
            _docx_t2(document, spec)
        elif kind == "t3":
            _docx_t3(document, spec)
        elif kind == "t4":
            _docx_t4(document, spec)
        elif kind == "signoff":
            document.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.RIGHT
        else:
            document.add_paragraph(text)
    document.save(str(path))
    return path


def _grid(document, rows: int, cols: int) -> list[list]:
    """A new bordered table and its cells by grid position, taken before any merge (python-docx
    recomputes the whole grid on every ``table.cell`` call)."""
    table = document.add_table(rows=rows, cols=cols)
    table.style = "Table Grid"
    cells = table._cells
    return [cells[r * cols:(r + 1) * cols] for r in range(rows)]


def _set(cell, *paragraphs: str) -> None:
    cell.text = paragraphs[0] if paragraphs else ""
    for extra in paragraphs[1:]:
        cell.add_paragraph(extra)


def _docx_t2(document, spec: ReportSpec) -> None:
    rows = []
    for numeral, keys, headers in _T2_BLOCKS:
        rows.append(("block", [f"第二十条第（{numeral}）项"]))
        rows.append(("row", ["信息内容", *headers]))
        for key in keys:
            if key in spec.t2:
                columns = L.T2_ROWS[key][2]
                rows.append(("row", [L.T2_ROWS[key][0], *[_text(v) for v, _ in zip(spec.t2[key], columns)]]))
    grid = _grid(document, len(rows), 4)
    for r, (kind, cells) in enumerate(rows):
        if kind == "block" or len(cells) == 2:
            first = 0 if kind == "block" else 1
            merged = grid[r][first].merge(grid[r][3])
            if kind == "row":
                _set(grid[r][0], cells[0])
            _set(merged, cells[-1])
            continue
        for c, text in enumerate(cells[:4]):
            _set(grid[r][c], text)


def _docx_t3(document, spec: ReportSpec) -> None:
    rows = t3_rows(spec)
    width = max([len(L.T3_COLUMNS), *(len(r.values) for r in rows)])
    grid = _grid(document, 3 + len(rows), 3 + width)
    last = 2 + width
    _set(grid[0][0].merge(grid[2][2]), L.T3_NOTE)
    _set(grid[0][3].merge(grid[0][last]), "申请人情况")
    _set(grid[1][3].merge(grid[2][3]), "自然人")
    _set(grid[1][4].merge(grid[1][8]), "法人或其他组织")
    _set(grid[1][9].merge(grid[2][9]), "总计")
    for c, label in zip(range(4, 9), (("商业", "企业"), ("科研", "机构"), ("社会公益组织",), ("法律服务机构",), ("其他",))):
        _set(grid[2][c], *label)
    for i, row in enumerate(rows):
        r = 3 + i
        if row.group < 0:
            _set(grid[r][0].merge(grid[r][2]), L.T3_ROWS[row.key])
        else:
            if row.group > 0:
                _set(grid[r][0].merge(grid[r + row.group - 1][0]), L.T3_GROUPS["results"])
            if row.sub < 0:
                _set(grid[r][1].merge(grid[r][2]), L.T3_ROWS[row.key])
            else:
                if row.sub > 0:
                    _set(grid[r][1].merge(grid[r + row.sub - 1][1]), row.sub_label)
                _set(grid[r][2], L.T3_ROWS[row.key])
        for c, value in enumerate(row.values):
            _set(grid[r][3 + c], _text(value))


def _docx_t4(document, spec: ReportSpec) -> None:
    fields = list(L.T4_FIELDS.values())
    width = max(15, len(spec.t4))
    grid = _grid(document, 4, width)
    _set(grid[0][0].merge(grid[0][4]), "行政复议")
    _set(grid[0][5].merge(grid[0][width - 1]), "行政诉讼")
    for c, label in enumerate(fields):
        _set(grid[1][c].merge(grid[2][c]), label)
    _set(grid[1][5].merge(grid[1][9]), "未经复议直接起诉")
    _set(grid[1][10].merge(grid[1][width - 1]), "复议后起诉")
    for c in range(5, 15):
        _set(grid[2][c], fields[c % 5])
    for c, value in enumerate(spec.t4):
        _set(grid[3][c], _text(value))


# --- web page -----------------------------------------------------------------------------

_PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
{meta}<title>{title}_{agency}</title>
<style>body{{font-family:SimSun}} table{{border-collapse:collapse}} td{{border:1px solid #000}}</style>
<script>var columnTitle = "一、总体情况"; document.write("<p>扫码阅读</p>");</script>
</head>
<body>
<div class="header">
  <div class="logo">{city}人民政府</div>
  <ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li>
    <li><a href="/zwfw">政务服务</a></li><li><a href="/hdjl">互动交流</a></li><li><a href="/nb">年度报告</a></li></ul>
</div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; <a href="/nb">政府信息公开年度报告</a></div>
<div class="main">
  <div class="sidebar"><h3>相关链接</h3>
    <ul><li><a href="#">{agency}{previous}年政府信息公开工作年度报告</a></li><li><a href="#">政府信息公开指南</a></li></ul>
    <div style="display:none">三、收到和处理政府信息公开申请情况</div>
  </div>
  <div class="article">
    <h1 class="title">{title}</h1>
    <div class="info">{info}</div>
    <div class="content" id="zoom">
{body}
    </div>
    <div class="tools">【打印本页】 【关闭窗口】</div>
    <div class="qr">扫一扫在手机打开当前页</div>
  </div>
</div>
<div class="footer">
  <p>版权所有：{city}人民政府&nbsp;&nbsp;网站标识码：3206000001&nbsp;&nbsp;苏ICP备05012345号</p>
  <p>主办单位：{city}人民政府办公室<br>联系电话：0513-12345678</p>
</div>
</body>
</html>
"""


def write_html(spec: ReportSpec, path: Path, encoding: str = "utf-8", declare: bool = True) -> Path:
    """The report as a portal web page in ``encoding`` (declared in ``<meta charset>`` unless not)."""
    esc = html.escape
    body: list[str] = []
    title = ""
    published = None
    for kind, text in outline(spec):
        if kind == "title":
            title = text
        elif kind == "chrome":
            published = text
        elif kind == "h":
            body.append(f"<p style=\"text-indent:2em\"><strong>{esc(text)}</strong></p>")
        elif kind == "p":
            body.append(f"<p style=\"text-indent:2em\">{_wrap(esc(text))}</p>")
        elif kind == "t2":
            body.append(_html_t2(spec))
        elif kind == "t3":
            body.append(_html_t3(spec))
        elif kind == "t4":
            body.append(_html_t4(spec))
        elif kind == "signoff":
            body.append(f"<p style=\"text-align:right\">{esc(text)}</p>")
    info = [f"<span>来源:{esc(spec.agency)}</span>"]
    if published:
        info.append(f"<span>发布时间:{esc(published)}</span>")
    info.append("<span>字体:[ <a href=\"#\">大</a> <a href=\"#\">中</a> <a href=\"#\">小</a> ]</span>")
    city = spec.agency[:3] if "市" in spec.agency[:3] else "示例市"
    meta = f"<meta charset=\"{encoding}\">\n" if declare else ""
    page = _PAGE.format(meta=meta, title=esc(title), agency=esc(spec.agency), city=esc(city),
                        previous=spec.year - 1, info="&nbsp;".join(info), body="\n".join(body))
    path.write_bytes(page.encode(encoding))
    return path


def render_markdown_html(spec: ReportSpec) -> str:
    """The report as PDF-to-Markdown converters such as MinerU write it: Markdown text, each
    table an HTML ``<table>`` (spans and all) on its own lines."""
    import re

    from gixlint.testing.generate import render

    tables = iter([_html_t2(spec), _html_t3(spec), _html_t4(spec)])
    parts = re.split(r"((?:^\|.*\|\s*\n)+)", render(spec, "markdown").text, flags=re.M)
    return "".join(next(tables, "") + "\n" if p.startswith("|") else p for p in parts)


def _wrap(text: str) -> str:
    """Break a long paragraph across two source lines between Chinese characters, as editors do."""
    if len(text) < 40:
        return text
    for i in range(len(text) // 2, len(text) - 1):
        if _cjk(text[i - 1]) and _cjk(text[i]):
            return text[:i] + "\n        " + text[i:]
    return text


def _cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _td(text: str, colspan: int = 1, rowspan: int = 1) -> str:
    attrs = (f" colspan=\"{colspan}\"" if colspan > 1 else "") + (f" rowspan=\"{rowspan}\"" if rowspan > 1 else "")
    content = html.escape(text).replace("\n", "<br>") if text else "&nbsp;"
    return f"<td{attrs}>{content}</td>"


def _html_t2(spec: ReportSpec) -> str:
    out = ["<table class=\"t2\" border=\"1\">"]
    for numeral, keys, headers in _T2_BLOCKS:
        out.append(f"<tr>{_td(f'第二十条第（{numeral}）项', 4)}</tr>")
        if len(headers) == 1:
            out.append(f"<tr>{_td('信息内容')}{_td(headers[0], 3)}</tr>")
        else:
            out.append("<tr>" + "".join(_td(h) for h in ["信息内容", *headers]) + "</tr>")
        for key in keys:
            if key not in spec.t2:
                continue
            columns = L.T2_ROWS[key][2]
            values = [_text(v) for v, _ in zip(spec.t2[key], columns)]
            span = 3 if len(columns) == 1 else 1
            out.append("<tr>" + _td(L.T2_ROWS[key][0]) + "".join(_td(v, span) for v in values) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


def _html_t3(spec: ReportSpec) -> str:
    rows = t3_rows(spec)
    width = max([len(L.T3_COLUMNS), *(len(r.values) for r in rows)])
    out = ["<table class=\"t3\" border=\"1\"><tbody>",
           f"<tr>{_td(L.T3_NOTE, 3, 3)}{_td('申请人情况', width)}</tr>",
           f"<tr>{_td('自然人', 1, 2)}{_td('法人或其他组织', 5)}{_td('总计', 1, 2)}</tr>",
           "<tr>" + "".join(_td(t) for t in ("商业\n企业", "科研\n机构", "社会公益组织", "法律服务机构", "其他")) + "</tr>"]
    for row in rows:
        cells = []
        label = L.T3_ROWS[row.key]
        if row.key == "partially_granted":
            label = label.replace("（区分", "\n（区分")
        if row.group < 0:
            cells.append(_td(label, 3))
        else:
            if row.group > 0:
                cells.append(_td(L.T3_GROUPS["results"], 1, row.group))
            if row.sub < 0:
                cells.append(_td(label, 2))
            else:
                if row.sub > 0:
                    cells.append(_td(row.sub_label, 1, row.sub))
                cells.append(_td(label))
        cells.extend(_td(_text(v)) for v in row.values)
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def _html_t4(spec: ReportSpec) -> str:
    fields = list(L.T4_FIELDS.values())
    width = max(15, len(spec.t4))
    return "\n".join([
        "<table class=\"t4\" border=\"1\">",
        f"<thead><tr>{_td('行政复议', 5)}{_td('行政诉讼', width - 5)}</tr>",
        "<tr>" + "".join(_td(f, 1, 2) for f in fields) + _td("未经复议直接起诉", 5) + _td("复议后起诉", width - 10) + "</tr>",
        "<tr>" + "".join(_td(f) for f in fields * 2) + "</tr></thead>",
        "<tbody><tr>" + "".join(_td(_text(v)) for v in spec.t4) + "</tr></tbody>",
        "</table>"])


def fill_template(spec: ReportSpec, template: Path, path: Path) -> Path:
    """Fill the official blank Word template's three tables with ``spec``'s values (text parts untouched)."""
    import docx
    from docx.table import _Cell

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    document = docx.Document(str(template))
    t2, t3, t4 = document.tables[:3]

    def fill(table, tr, values):
        for tc, value in zip(tr.findall(f"{w}tc")[-len(values):], values):
            _Cell(tc, table).text = str(value)

    for tr in t2._tbl.findall(f"{w}tr"):
        label = "".join(t.text or "" for t in tr.findall(f"{w}tc")[0].iter(f"{w}t"))
        key = L.T2_ROW_INDEX.get(L.label_key(label))
        if key:
            fill(t2, tr, spec.t2[key])
    for tr, key in zip(t3._tbl.findall(f"{w}tr")[3:], L.T3_ROWS):
        fill(t3, tr, spec.t3[key])
    fill(t4, t4._tbl.findall(f"{w}tr")[3], spec.t4)
    document.save(str(path))
    return path


# --- a PDF converted to Word: every line in a text box ------------------------------------------

_BOX_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
           'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
           'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
           'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
           'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
           'xmlns:v="urn:schemas-microsoft-com:vml"')


def write_text_box_docx(spec: ReportSpec, path: Path, lines_per_page: int = 40, layout: str = "blank-lines",
                        first_page: int = 0, text: str | None = None) -> Path:
    """The report as a PDF-to-Word converter writes it (LibreOffice's PDF import, for one): one
    body paragraph anchoring a text box for each run of one font on a line, placed by offsets that
    start again at the top of each page; a line's digits in a box of their own, written after the
    next line's text, as such converters order them, and each box a little wider than its text
    (reaching over the next); each box once more in VML for older Word.
    ``layout``: whose lines (a table row on one line with ``"rows"``); ``text``: these lines
    instead; ``first_page``: so many lines on the first page (a title page)."""
    import re
    import zipfile

    from gixlint.testing.generate import render

    source = render(spec, layout).text if text is None else text
    lines = [" ".join(line.split()) for line in source.split("\n") if line.strip()]
    boxes: list[tuple[int, int, str]] = []        # (top, left, text) in XML order
    late: list[tuple[int, int, str]] = []
    for n, line in enumerate(lines):
        at = n if not first_page else n + lines_per_page - first_page if n >= first_page else n
        if at % lines_per_page == 0 or n == first_page:
            boxes.extend(late)
            late = []
        top = 900_000 + (at % lines_per_page) * 230_000
        left = 0
        pending = late
        late = []
        for piece in re.findall(r"[0-9.]+|[^0-9.]+", line):
            box = (top, left, piece.strip())
            (late if piece[0].isdigit() else boxes).append(box)
            left += 160_000 * len(piece)
        boxes.extend(pending)
    boxes.extend(late)

    def box_xml(i: int, top: int, left: int, text: str) -> str:
        run = f'<w:p><w:r><w:t xml:space="preserve">{html.escape(text)}</w:t></w:r></w:p>'
        return (f'<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor>'
                f'<wp:positionH relativeFrom="column"><wp:posOffset>{left}</wp:posOffset></wp:positionH>'
                f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>{top}</wp:posOffset></wp:positionV>'
                f'<wp:extent cx="{160_000 * len(text) + 60_000}" cy="200000"/><wp:docPr id="{i}" name="Shape{i}"/>'
                f'<a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>{run}</w:txbxContent></wps:txbx>'
                f'</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>'
                f'<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>{run}</w:txbxContent></v:textbox>'
                f'</v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>')

    body = "".join(box_xml(i, *box) for i, box in enumerate(boxes, start=1) if box[2])
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {_BOX_NS}><w:body>'
                f'<w:p>{body}</w:p></w:body></w:document>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
                   'openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/'
                   'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/'
                   'xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                   'officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
                   'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
                   'openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
                   '</Relationships>')
        z.writestr("word/document.xml", document)
    return path
