"""Files with the wrong suffix are read by what they are; formats gixlint cannot read are
collected from a folder and reported with what to do, never skipped in silence."""

from __future__ import annotations

import json
import shutil
import zipfile

import pytest

from gixlint.cli import main
from gixlint.lint.linter import Linter
from gixlint.read import sniff
from gixlint.testing import TODAY
from gixlint.testing.formats import write_docx, write_html
from gixlint.testing.generate import report_cells, spec_cells
from gixlint.testing.pdf import write_pdf

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


@pytest.fixture(scope="module")
def linter():
    return Linter.create(today=TODAY, load_plugins=False)


def _cells_right(linter, path, spec) -> None:
    result = linter.lint_file(path)
    assert result.report is not None and report_cells(result.report) == spec_cells(spec), path
    assert "GIX000" not in {f.rule for f in result.findings}


def test_pdf_saved_as_htm(tmp_path, linter, spec):
    write_pdf(spec, tmp_path / "r.pdf")
    wrong = tmp_path / "download.htm"
    shutil.copy(tmp_path / "r.pdf", wrong)
    assert sniff(wrong) == ".pdf"
    _cells_right(linter, wrong, spec)


def test_docx_served_as_doc_and_html_saved_as_txt(tmp_path, linter, spec):
    docx = write_docx(spec, tmp_path / "r.docx")
    as_doc = tmp_path / "报告.doc"
    shutil.copy(docx, as_doc)
    assert sniff(as_doc) == ".docx"
    _cells_right(linter, as_doc, spec)
    html = write_html(spec, tmp_path / "r.html")
    as_txt = tmp_path / "page.txt"
    shutil.copy(html, as_txt)
    assert sniff(as_txt) == ".html"
    _cells_right(linter, as_txt, spec)


@pytest.mark.parametrize(("name", "data", "says"), [
    ("old.doc", OLE, "另存为 .docx"),
    ("draft.wps", OLE, "WPS 文字"),
    ("report.docx", OLE, "扩展名是 .docx，内容却是旧版 Word"),
    ("report.ofd", None, "OFD 版式文件"),
    ("saved.doc", b"{\\rtf1\\ansi\\deff0 {\\fonttbl}}", "扩展名是 .doc，内容却是RTF 文件"),
    ("macro.docm", None, "启用宏的 Word 文档"),
])
def test_unreadable_formats_say_what_to_do(tmp_path, linter, name, data, says):
    path = tmp_path / name
    if data is None:
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("word/document.xml" if name.endswith(".docm") else "OFD.xml", "<x/>")
    else:
        path.write_bytes(data)
    [finding] = linter.lint_file(path).findings
    assert finding.rule == "GIX000" and says in finding.message


def test_folder_run_lists_doc_files_instead_of_skipping_them(tmp_path, capsys, spec):
    write_docx(spec, tmp_path / "a.docx")
    (tmp_path / "b.doc").write_bytes(OLE)
    (tmp_path / "notes.xlsx").write_bytes(b"PK\x03\x04")          # not a report format: not collected
    (tmp_path / "~$a.docx").write_bytes(b"\x05owner")               # Word's lock file: not collected
    main([str(tmp_path), "--today", "2026-11-23", "--no-plugins", "--no-progress", "--format", "json"])
    files = {f["path"].split("/")[-1]: [x["rule"] for x in f["findings"]]
             for f in json.loads(capsys.readouterr().out)["files"]}
    assert set(files) == {"a.docx", "b.doc"} and files["b.doc"] == ["GIX000"]


def test_plain_text_stays_text(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("<p>不是网页，只是以尖括号开头的一行字</p>\n一、总体情况\n", encoding="utf-8")
    assert sniff(path) == ".txt"


@pytest.mark.parametrize(("charset", "transfer"), [("gb2312", "quoted-printable"), ("utf-8", "base64")])
def test_web_page_saved_as_one_file(tmp_path, linter, spec, charset, transfer):
    """Internet Explorer's and Edge's 「网页，单个文件」 (.mht): a MIME message holding the page."""
    import base64
    import quopri

    html = write_html(spec, tmp_path / "r.html").read_text(encoding="utf-8").replace("utf-8", charset)
    raw = html.encode("gb18030" if charset == "gb2312" else charset)
    body = quopri.encodestring(raw) if transfer == "quoted-printable" else base64.encodebytes(raw)
    saved = tmp_path / "报告.mht"
    saved.write_bytes(b"From: <Saved by Windows Internet Explorer 11>\r\n"
                      b"MIME-Version: 1.0\r\n"
                      b'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="----=_NextPart_000"\r\n'
                      b"\r\nThis is a multi-part message in MIME format.\r\n\r\n------=_NextPart_000\r\n"
                      + f'Content-Type: text/html;\r\n\tcharset="{charset}"\r\n'.encode()
                      + f"Content-Transfer-Encoding: {transfer}\r\n".encode()
                      + b"Content-Location: http://www.example.gov.cn/art/2025/1/20/art_1.html\r\n\r\n"
                      + body + b"\r\n------=_NextPart_000--\r\n")
    _cells_right(linter, saved, spec)
    renamed = tmp_path / "报告.html"                # the same file under a web-page suffix
    shutil.copy(saved, renamed)
    assert sniff(renamed) == ".mht" and sniff(saved) == ".mht"
    _cells_right(linter, renamed, spec)


@pytest.mark.parametrize("name", ["加密 报告.docx", "加密.doc"])
def test_a_document_saved_with_a_password_is_named_so(tmp_path, linter, spec, name):
    """Word or WPS with an opening password writes an OLE file holding the encrypted package: it
    is no old .doc, and 「另存为 .docx」 would not help; the clerk must remove the password."""
    import io

    ooxml = pytest.importorskip("msoffcrypto.format.ooxml")
    plain = write_docx(spec, tmp_path / "plain.docx")
    locked = io.BytesIO()
    with open(plain, "rb") as handle:
        ooxml.OOXMLFile(handle).encrypt("123456", locked)
    path = tmp_path / name
    path.write_bytes(locked.getvalue())
    [finding] = linter.lint_file(path).findings
    assert finding.rule == "GIX000" and "设置了打开密码" in finding.message and "旧版" not in finding.message
    (tmp_path / "old.doc").write_bytes(OLE)                          # a plain OLE file is still an old .doc
    assert "旧版 Word" in linter.lint_file(tmp_path / "old.doc").findings[0].message


def test_a_broken_docx_is_explained_in_chinese(tmp_path, linter, spec):
    """What zipfile or python-docx said (KeyError, BadZipFile) is put in words a clerk can act on."""
    other = tmp_path / "压缩包改名.docx"
    with zipfile.ZipFile(other, "w") as z:
        z.writestr("照片/1.jpg", b"\xff\xd8\xff")
    good = write_docx(spec, tmp_path / "good.docx").read_bytes()
    cut = tmp_path / "截断.docx"
    cut.write_bytes(good[: len(good) // 2])
    for path, says in ((other, "缺少 Word 文档必需的部分 [Content_Types].xml"), (cut, "不是完整的 zip 压缩包")):
        [finding] = linter.lint_file(path).findings
        assert says in finding.message and "Error" not in finding.message and "Bad" not in finding.message
