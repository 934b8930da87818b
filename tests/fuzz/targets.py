"""What the fuzz session feeds gixlint: one hypothesis strategy and one target per stage.

A target gets one generated input and must return or raise only the errors gixlint promises
(``ReadError`` for an unreadable file, ``ConfigError`` for a bad configuration or roster,
``FormulaError``/``Uncheckable`` for a formula). Anything else is a crasher.
"""

from __future__ import annotations

import io
import random
import tempfile
import zipfile
from pathlib import Path

from hypothesis import strategies as st

from gixlint.lint.formula import Evaluator, FormulaError, Uncheckable, compile_formula
from gixlint.lint.packs import ConfigError
from gixlint.read import ReadError
from gixlint.testing import random_spec, render

_REPORTS = [render(random_spec(random.Random(seed)), layout).text
            for seed, layout in enumerate(("word-tabs", "blank-lines", "rows", "markdown", "tsv"))]
_PIECES = ["年", "月", "日", "件", "条", "一、", "（一）", "总计", "\t", "\n", "\r\n", " ", "|", "-", "：",
           "2024年1月1日", "0", "9" * 16, "１２", "二〇二四年", "政府信息公开", "申请", "﻿", "\x00", "\ufffd",
           "<", ">", "&amp;", "\u2f00", "ﬁ", "\U0001f600", "\ud800"]
_TMP = Path(tempfile.mkdtemp(prefix="gixlint-fuzz-"))


def _joined(pieces: list[str], max_size: int):
    """Strings made of whole pieces (tokens, tags), not single characters."""
    return st.lists(st.sampled_from(pieces), max_size=max_size).map("".join)


def _file(data: bytes, suffix: str) -> Path:
    path = _TMP / f"input{suffix}"
    path.write_bytes(data)
    return path


@st.composite
def mutated_report(draw) -> str:
    """A generated report with a few lines cut, doubled, spliced or replaced by odd pieces."""
    lines = draw(st.sampled_from(_REPORTS)).split("\n")
    for _ in range(draw(st.integers(0, 6))):
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.integers(0, 3))
        if action == 0:
            del lines[i]
        elif action == 1:
            lines.insert(i, lines[i] * draw(st.integers(1, 50)))
        elif action == 2:
            lines[i] = lines[i][: draw(st.integers(0, 40))] + draw(_joined(_PIECES, 8))
        else:
            lines[i] = draw(st.text(max_size=60))
    return "\n".join(lines)


def _parse_file(data: bytes, suffix: str) -> None:
    from gixlint.parse.build import parse_file

    try:
        parse_file(_file(data, suffix))
    except ReadError:
        pass


# -- targets: each takes what its strategy draws -----------------------------------------------

def text_bytes(data: bytes) -> None:
    _parse_file(data, ".txt")


def report_text(text: str) -> None:
    encoding = random.Random(len(text)).choice(["utf-8", "utf-16", "gb18030", "utf-8-sig"])
    _parse_file(text.encode(encoding, errors="surrogatepass" if encoding.startswith("utf") else "replace"), ".txt")


def html_text(text: str) -> None:
    _parse_file(text.encode("utf-8", errors="surrogatepass"), ".html")


_DOCX_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w='
              '"http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')


def docx_body(body: str) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                         'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
                         '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                         'officedocument.wordprocessingml.document.main+xml"/></Types>')
        archive.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                         'package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/'
                         'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        archive.writestr("word/document.xml", _DOCX_HEAD + body + "</w:body></w:document>")
    _parse_file(buffer.getvalue(), ".docx")


_PDF = None


def _seed_pdf() -> bytes:
    global _PDF
    if _PDF is None:
        from gixlint.testing.pdf import write_pdf

        path = _TMP / "seed.pdf"
        spec = random_spec(random.Random(5))
        write_pdf(spec, path)
        _PDF = path.read_bytes()
    return _PDF


def pdf_mutation(edits: list[tuple[int, bytes]]) -> None:
    data = bytearray(_seed_pdf())
    for where, chunk in edits:
        at = where % len(data)
        data[at:at + len(chunk)] = chunk
    _parse_file(bytes(data), ".pdf")


def formula(text: str) -> None:
    from gixlint.parse.build import parse_text

    try:
        compiled = compile_formula(text)
    except FormulaError:
        return
    try:
        Evaluator(parse_text(_REPORTS[0])).evaluate(compiled)
    except (FormulaError, Uncheckable, ZeroDivisionError):   # every caller reads these as "not checkable"
        pass


def config_text(text: str) -> None:
    from gixlint.lint import config

    path = _TMP / "cfg" / "gixlint.toml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        config.load(path)
    except ConfigError:
        pass


def roster_bytes(data: bytes) -> None:
    from gixlint.corpus import roster

    try:
        roster.load(_file(data, ".csv"))
    except ConfigError:
        pass


def cli_file(pair: tuple[str, bytes]) -> None:
    """The whole command line on one file in a folder beside a good report: exit 0, 1 or 2, no traceback."""
    import contextlib

    from gixlint.cli import main

    suffix, data = pair
    folder = _TMP / "cli"
    folder.mkdir(exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    (folder / "good.txt").write_text(_REPORTS[1], encoding="utf-8")
    (folder / f"odd{suffix}").write_bytes(data)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(folder), "--format", "json", "--no-progress", "--isolated", "--no-plugins",
                     "--today", "2025-03-01"])
    assert code in (0, 1), f"exit {code}: {err.getvalue()[-500:]}"
    assert "Traceback" not in err.getvalue()
    assert "good.txt" in out.getvalue()


_FORMULA_TOKENS = ["t3.", "t2.", "t4.", "granted", "natural", "total", "sum(", ")", "(", "+", "-", "*", "/", "==",
                   "<=", ">=", "0", "1", "year", " and ", " or ", "not ", "abs(", ",", "*", "1e308", "?", "x"]
_TOML_PIECES = ["select = [", "ignore = [", "]", "\"GIX\"", "severity = {", "}", "GIX104 = \"warning\"", "\n",
                "[limits]", "seconds-per-file = ", "memory-mb = ", "-1", "0", "1e999", "nan", "\"x\"", "extend = ",
                "\"gixlint.toml\"", "per-file-ignores = {\"*\" = 1}", "deadlines = {department = \"02-30\"}", "="]
_CSV_PIECES = ["机关名称", "类型", "发布期限", ",", "，", "\t", "\n", "\"", "县教育局", "部门", "政府", "01-31", "13-45",
               "\ufeff", "\x00", "=cmd"]

STRATEGIES = {
    "text-bytes": (text_bytes, st.binary(max_size=2000)),
    "report-text": (report_text, mutated_report()),
    "html": (html_text, _joined((["<div>", "</div>", "<table>", "<tr>", "<td>", "</td>", "<br>",
                                                 "&nbsp;", "<!DOCTYPE html>", "<html>", "<p>", "一、", "7", "\n",
                                                 "<td rowspan=\"99999\">", "<td colspan=\"0\">", "<meta charset=\"x\">",
                                                 "<!ENTITY a \"b\">", "&a;", "<![CDATA[", "]]>"]), max_size=80)),
    "docx": (docx_body, _joined((["<w:p>", "</w:p>", "<w:r>", "</w:r>", "<w:t>", "</w:t>", "一、",
                                                 "<w:tbl>", "</w:tbl>", "<w:tr>", "</w:tr>", "<w:tc>", "</w:tc>",
                                                 "<w:gridSpan w:val=\"9999\"/>", "<w:vMerge/>", "12", "&lt;",
                                                 "<w:numPr><w:numId w:val=\"1\"/></w:numPr>", "<w:br/>", "<w:tab/>"]),
                                  max_size=60)),
    "pdf": (pdf_mutation, st.lists(st.tuples(st.integers(0, 1 << 20), st.binary(min_size=1, max_size=8)),
                                   min_size=1, max_size=4)),
    "formula": (formula, _joined((_FORMULA_TOKENS), max_size=30)),
    "config": (config_text, _joined((_TOML_PIECES), max_size=20)),
    "roster": (roster_bytes, _joined((_CSV_PIECES), max_size=40).map(
        lambda s: s.encode("utf-8", errors="surrogatepass"))),
    "cli": (cli_file, st.tuples(st.sampled_from([".txt", ".html", ".docx", ".pdf", ".md", ".csv"]),
                                st.one_of(st.binary(max_size=600), mutated_report().map(
                                    lambda t: t.encode("utf-8", errors="surrogatepass"))))),
}
