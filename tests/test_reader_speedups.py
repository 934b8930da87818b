"""The .docx and .html readers' fast paths (#11) read what the slow ones read, and leave the rest to them.

The Word reader reads the package part by part; python-docx (the whole package) reads it when
anything is out of the ordinary. Both must give the same items, and python-docx's own words when
the package is damaged.
"""

from __future__ import annotations

import random
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from gixlint.read import ReadError, web, word
from gixlint.testing import random_spec
from gixlint.testing.formats import write_docx, write_html

WNS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
NUMBERING = (f'<w:abstractNum {WNS} w:abstractNumId="90">'
             '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
             '<w:lvl w:ilvl="1"><w:start w:val="3"/><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%2"/></w:lvl>'
             '</w:abstractNum>')


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _write(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def _by_python_docx(path: Path):
    return word._layout(*word._python_docx(path)).items


@pytest.fixture(scope="module")
def numbered(tmp_path_factory) -> Path:
    """A report whose headings take list numbers from numbering.xml, some directly and some through a
    paragraph style (based on another), with a hidden run, a content control and merged cells."""
    import docx
    from docx.oxml import parse_xml

    folder = tmp_path_factory.mktemp("numbered")
    plain = write_docx(random_spec(random.Random(51)), folder / "plain.docx")
    document = docx.Document(str(plain))
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(NUMBERING))
    numbering.append(parse_xml(f'<w:num {WNS} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    styles = document.styles.element
    styles.append(parse_xml(f'<w:style {WNS} w:type="paragraph" w:styleId="GixHead"><w:name w:val="gix head"/>'
                            '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr></w:pPr></w:style>'))
    styles.append(parse_xml(f'<w:style {WNS} w:type="paragraph" w:styleId="GixHeadToo"><w:name w:val="gix head 2"/>'
                            '<w:basedOn w:val="GixHead"/></w:style>'))
    heads = [p for p in document.paragraphs if re.match(r"^[一二三四五六]、", p.text)]
    for i, paragraph in enumerate(heads):
        paragraph.text = paragraph.text.split("、", 1)[1]
        ppr = paragraph._p.get_or_add_pPr()
        if i % 3 == 0:
            ppr.append(parse_xml(f'<w:numPr {WNS}><w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr>'))
        else:
            ppr.insert(0, parse_xml(f'<w:pStyle {WNS} w:val="{"GixHead" if i % 3 == 1 else "GixHeadToo"}"/>'))
    sub = next(p for p in document.paragraphs if p.text.startswith("（一）"))
    sub._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {WNS}><w:ilvl w:val="1"/><w:numId w:val="90"/></w:numPr>'))
    path = folder / "numbered.docx"
    document.save(str(path))
    parts = _parts(path)
    body = parts["word/document.xml"].decode()
    run = re.findall(r"<w:r>(?:(?!</w:r>).)*?<w:t[^>]*>\d+</w:t></w:r>", body)[5]
    body = body.replace(run, run + "<w:r><w:rPr><w:vanish/></w:rPr><w:t>7</w:t></w:r>", 1)
    body = body.replace("<w:tbl>", "<w:sdt><w:sdtContent><w:tbl>", 1).replace("</w:tbl>", "</w:tbl></w:sdtContent></w:sdt>", 1)
    parts["word/document.xml"] = body.encode()
    return _write(path, parts)


def test_numbered_headings_read_as_python_docx_reads_them(numbered):
    items = word.read(numbered).items
    assert items == _by_python_docx(numbered)
    texts = [it.text for it in items]
    assert "一、总体情况" in texts and "二、主动公开政府信息情况" in texts and "三、收到和处理政府信息公开申请情况" in texts
    assert any(t.startswith("③") for t in texts)              # the second level, started at 3


def test_generated_and_plain_documents_read_alike(tmp_path):
    for seed in (1, 2, 3):
        path = write_docx(random_spec(random.Random(seed), busy=seed != 2), tmp_path / f"r{seed}.docx")
        assert word.read(path).items == _by_python_docx(path)


def test_styles_are_read_only_when_a_paragraph_needs_them(numbered, monkeypatch):
    read_parts = []
    real = zipfile.ZipFile.read
    monkeypatch.setattr(zipfile.ZipFile, "read", lambda self, name, pwd=None: read_parts.append(
        getattr(name, "filename", name)) or real(self, name, pwd))
    word.read(numbered)
    assert "word/styles.xml" in read_parts                     # its headings take numbers through styles
    read_parts.clear()
    plain = numbered.with_name("plain.docx")
    word.read(plain)                                           # no paragraph has a style: styles.xml unread
    assert "word/document.xml" in read_parts and "word/styles.xml" not in read_parts
    assert not {"word/stylesWithEffects.xml", "word/theme/theme1.xml", "docProps/thumbnail.jpeg"} & set(read_parts)


@pytest.mark.parametrize("damage", ["no content types", "template", "no main document", "styles needed and broken",
                                    "missing numbering", "document not xml"])
def test_a_package_out_of_the_ordinary_is_python_docx_s_to_judge(numbered, tmp_path, damage):
    parts = _parts(numbered)
    if damage == "no content types":
        del parts["[Content_Types].xml"]
    elif damage == "template":
        parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(b"document.main+xml", b"template.main+xml")
    elif damage == "no main document":
        del parts["_rels/.rels"]
    elif damage == "styles needed and broken":
        parts["word/styles.xml"] = b"<w:styles"
    elif damage == "missing numbering":
        del parts["word/numbering.xml"]
    else:
        parts["word/document.xml"] = parts["word/document.xml"].replace(b"<w:body>", b"<w:body>\xff", 1)
    path = _write(tmp_path / "damaged.docx", parts)
    with pytest.raises(ReadError) as fast:
        word.read(path)
    with pytest.raises(ReadError) as slow:
        _by_python_docx(path)
    assert str(fast.value) == str(slow.value)
    assert "无法打开 Word 文档" in str(fast.value)


def test_the_original_file_is_never_written(numbered):
    before = numbered.read_bytes()
    word.read(numbered)
    assert numbered.read_bytes() == before


# --- web pages ------------------------------------------------------------------------------------

def test_an_empty_page_says_so_as_before():
    with pytest.raises(ReadError, match="无法解析网页：Document is empty"):
        web.from_html("<!-- 只有注释 -->")


def test_items_keep_their_lines_after_the_portal_is_cut(tmp_path):
    spec = random_spec(random.Random(23))
    spec.published = "2025-01-17"
    layout = web.read(write_html(spec, tmp_path / "r.html"))
    assert [it.line for it in layout.items] == list(range(1, len(layout.items) + 1))
    assert not any("版权所有" in it.text for it in layout.items)
    assert any(it.role == "chrome" and "2025-01-17" in it.text for it in layout.items)


def test_importing_the_web_reader_compiles_none_of_its_patterns():
    code = "import gixlint.read.web as w; print(w._pattern.cache_info().currsize)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "0"


_TIDY_ALPHABET = "a1一（）,:：[]bookmark \t\r\n\f\v\x0b\x0c\x1c\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff\u2028²"


@pytest.mark.parametrize("keep_gaps", [False, True])
def test_tidy_skips_only_texts_it_would_leave_as_they_are(keep_gaps):
    """A text with nothing to remove or collapse is returned as it is; any other goes the whole way."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from gixlint.read import emit

    @settings(max_examples=3000, deadline=None)
    @given(st.text(alphabet=_TIDY_ALPHABET, max_size=12) | st.text(max_size=12))
    def check(text):
        assert emit.tidy(text, keep_gaps) == emit._tidy(text, keep_gaps)

    check()
    assert emit.tidy("12 [bookmark:x]3", keep_gaps) == "12 3" and emit.tidy("345", keep_gaps) == "345"


# a page with what the web reader's fast paths step around: hidden elements of every kind, cells
# holding <br>, paragraphs, a nested table and a laid-out page, spans, upper-case markup
_ODD_PAGE = """<html><body style="margin:0">
<div style="DISPLAY : None">隐藏的段落</div><p hidden>也隐藏</p><p style="color:red">看得见</p>
<table><tr style="visibility:hidden"><td>隐藏行</td></tr>
<TR><TD ROWSPAN=2>甲<br>乙</TD><td colspan="2"><p>一</p><p>二</p></td><td style="display:none">9</td></TR>
<tr><td><span>3</span></td><td><table><tr><td>内</td></tr></table></td><td hidden>8</td><td>4</td></tr>
<tr><td>{long}</td><td>  5 </td><td>\u3000</td></tr>
<tr><td>12</td><!-- 注释 --><TH>0</TH><td>１２</td><td>²</td><td>7\n</td><td>-3</td><td>1,024</td></tr></table>
</body></html>""".replace("{long}", "<p>" + "很长的段落。" * 20 + "</p><p>" + "第二段。" * 20 + "</p>")


def _web_pages(tmp_path: Path) -> list[str]:
    pages = [write_html(random_spec(random.Random(seed)), tmp_path / f"{seed}.html").read_text(encoding="utf-8")
             for seed in range(6)]
    return [*pages, _ODD_PAGE]


def _items(page: str) -> list[tuple]:
    return [(it.line, it.text, it.role, it.source) for it in web.from_html(page).items]


def test_a_web_page_s_hidden_elements_are_the_ones_each_would_say(tmp_path):
    """The set found in one pass holds exactly the elements :func:`web._hidden` says are hidden."""
    from lxml import etree

    for page in _web_pages(tmp_path):
        root = etree.fromstring(page.encode("utf-8"), etree.HTMLParser())
        assert web._hidden_elements(root) == {el for el in root.iter() if web._hidden(el)}
    assert len(web._hidden_elements(etree.fromstring(_ODD_PAGE.encode("utf-8"), etree.HTMLParser()))) == 5


def test_web_fast_paths_read_what_the_plain_walk_reads(tmp_path, monkeypatch):
    """Text-only cells and the hidden set read as every cell through the general path, each element
    asked whether it is hidden, read the same pages."""
    pages = _web_pages(tmp_path)
    fast = [_items(page) for page in pages]
    monkeypatch.setattr(web._Walker, "cell", web._Walker._cell)
    monkeypatch.setattr(web._Walker, "_row_cells", lambda self, tr: iter(
        [c for c in tr if web._tag(c) in ("td", "th") and c not in self.hidden]))
    monkeypatch.setattr(web, "_hidden_elements", lambda root: frozenset(el for el in root.iter() if web._hidden(el)))
    assert [_items(page) for page in pages] == fast
    assert ("看得见" in {text for _line, text, _role, _source in fast[-1]}
            and not {"隐藏的段落", "也隐藏", "隐藏行", "9", "8"} & {text for _l, text, _r, _s in fast[-1]})


def test_a_cell_of_one_part_joins_as_any_other():
    from gixlint.read import emit

    for text in ["", "  5 ", "\u3000", "商业\n企业", "12 [bookmark:x]3", "a\u00a0\u00a0b", "总计"]:
        assert emit.join_cell([text]) == "".join(emit.tidy(p) for p in [text]).strip(emit._EDGE)


def test_a_count_is_the_cell_the_general_path_makes():
    """A cell of ASCII digits skips the trim and the chrome test: neither can change it."""
    from gixlint.read import emit
    from gixlint.read.document import CELL, CHROME
    from gixlint.read.furniture import is_chrome

    for text in ["0", "12", "007", "1024", "2024", "１２", "²", " 5", "12 "]:
        out = emit.Emitter()
        out.cell(text, "表格 1 第 1 行第 1 格")
        plain = text.strip(emit._EDGE)
        assert out.pieces == [(plain, CHROME if is_chrome(plain) else CELL, "表格 1 第 1 行第 1 格")], text
