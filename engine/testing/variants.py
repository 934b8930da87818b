"""The same report as other tools pass it on: variants of a text file that keep every printed
value, for checking that gixlint reads what a file prints however it was saved or converted.

Each variant is a function ``bytes → bytes`` (the file's bytes, decoded as UTF-8 where it works on
text) named for what it imitates: a Windows editor's line endings or encoding, a converter that
writes tables as HTML, a copy from a PDF viewer that squeezes the spaces between columns. A
variant applies to a file only where the tool it imitates could have met that kind of file
(:func:`variants_for`). ``benchmarks/variants.py`` runs them over ``../shared/real`` and
``tests/test_real_variants.py`` holds the reading to them: every keyed cell exact or declared
unread, and no error the original does not have.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Callable

Variant = Callable[[bytes], bytes]

_PIPE_BLOCK = re.compile(r"(?:^[ \t]*\|.*\|[ \t]*(?:\n|$))+", re.M)
_PIPE_RULE = re.compile(r"^\s*\|?(\s*:?-{2,}:?\s*\|)+\s*(:?-{2,}:?\s*)?\|?\s*$")


def _text(fn: Callable[[str], str]) -> Variant:
    def variant(data: bytes) -> bytes:
        return fn(data.decode("utf-8")).encode("utf-8")
    variant.__doc__ = fn.__doc__
    return variant


def crlf(data: bytes) -> bytes:
    """Windows line endings (Notepad, a Word 「纯文本」 save)."""
    return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def gb18030(data: bytes) -> bytes:
    """Saved in the Chinese Windows code page (GBK/GB18030), as older tools and WPS do."""
    return data.decode("utf-8").encode("gb18030")


def utf8_bom(data: bytes) -> bytes:
    """UTF-8 with a byte-order mark (Notepad's 「UTF-8 with BOM」)."""
    return b"\xef\xbb\xbf" + data


def utf16(data: bytes) -> bytes:
    """UTF-16 with a byte-order mark (Notepad's 「Unicode」)."""
    return data.decode("utf-8").encode("utf-16")


@_text
def trailing_spaces(text: str) -> str:
    """Spaces left at the end of every line (copied from a web page or a PDF viewer)."""
    return "\n".join(line + "  " if line else line for line in text.split("\n"))


@_text
def no_form_feeds(text: str) -> str:
    """pdftotext's page breaks lost (text copied page by page into one file)."""
    return text.replace("\x0c", "\n")


@_text
def squeezed_spaces(text: str) -> str:
    """Runs of spaces between columns squeezed to two: the column alignment is lost, the order kept."""
    return re.sub(r" {3,}", "  ", text)


@_text
def tabs_as_spaces(text: str) -> str:
    """Every tab written as four spaces (an editor set to expand tabs)."""
    return text.replace("\t", "    ")


@_text
def crawled_with_spaces(text: str) -> str:
    """A one-cell-per-line page as a crawler keeps its text (「get_text(" ")」): the title, then
    every cell and paragraph on one line with a space between; an empty cell leaves nothing."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    return lines[0] + "\n" + " ".join(lines[1:]) + "\n" if lines else text


@_text
def crawled_lines(text: str) -> str:
    """The same page's text a line per cell or paragraph, blank lines and empty cells gone
    (「get_text("\\n", strip=True)」)."""
    return "\n".join(line.strip() for line in text.split("\n") if line.strip()) + "\n"


def _pipe_rows(block: str) -> list[list[str]]:
    rows = []
    for line in block.strip("\n").split("\n"):
        if _PIPE_RULE.match(line):
            continue
        inner = line.strip().removeprefix("|").removesuffix("|")
        rows.append([cell.strip() for cell in re.split(r"(?<!\\)\|", inner)])
    return rows


def _html_table(rows: list[list[str]], joiner: str) -> str:
    def row(cells):
        return "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>"
    return "<table>" + joiner + joiner.join(row(r) for r in rows) + joiner + "</table>\n"


@_text
def html_tables(text: str) -> str:
    """Each Markdown pipe table written as one line of HTML, as MinerU writes tables."""
    return _PIPE_BLOCK.sub(lambda m: _html_table(_pipe_rows(m.group(0)), ""), text)


@_text
def html_table_rows(text: str) -> str:
    """Each Markdown pipe table written as HTML, a row to a line, as pandoc and Marker write it."""
    return _PIPE_BLOCK.sub(lambda m: _html_table(_pipe_rows(m.group(0)), "\n"), text)


def _grid_table(rows: list[list[str]]) -> str:
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    border = "+" + "+".join("-" * 8 for _ in range(width)) + "+"
    out = [border]
    for n, row in enumerate(rows):
        # a long cell goes on over a second line of its row: at a line break the source had
        # (before 「（区分处理的…」), or where pandoc fits the column's width
        # (written 「\\」 at the end of the line, pandoc's hard line break)
        cut = [c.find("（", 1) if c.find("（", 1) > 0 else 10 for c in row]
        first = [c[:k] + ("\\" if k < len(c) and c[k] == "（" else "") for c, k in zip(row, cut)]
        rest = [c[k:] for c, k in zip(row, cut)]
        out.append("| " + " | ".join(first) + " |")
        if any(rest):
            out.append("| " + " | ".join(rest) + " |")
        out.append(border.replace("-", "=") if n == 0 else border)
    return "\n".join(out) + "\n"


@_text
def grid_tables(text: str) -> str:
    """Each pipe table written as pandoc's grid table: borders between rows, long cells wrapped
    onto a second line of their row."""
    return _PIPE_BLOCK.sub(lambda m: _grid_table(_pipe_rows(m.group(0))), text)


@_text
def pipes_without_edges(text: str) -> str:
    """Pipe tables without their outer pipes (「a | b | c」), which GitHub Markdown allows."""
    def strip(m: re.Match) -> str:
        return "".join(re.sub(r"^\s*\|(.*)\|\s*$", r"\1", line) + "\n" for line in m.group(0).strip("\n").split("\n"))
    return _PIPE_BLOCK.sub(strip, text)


@_text
def plain_headings(text: str) -> str:
    """Markdown heading marks and bold markers dropped (the text pasted into a plain editor)."""
    text = re.sub(r"^#{1,6}[ \t]*", "", text, flags=re.M)
    return text.replace("**", "")


def _pdftotext(*options: str) -> Variant:
    def variant(data: bytes) -> bytes:
        import subprocess

        return subprocess.run(["pdftotext", *options, "-", "-"], input=data, capture_output=True, check=True).stdout
    return variant


pdftotext_reading_order = _pdftotext()
pdftotext_reading_order.__doc__ = "A PDF's text as ``pdftotext`` gives it by default (reading order, no columns kept)."
pdftotext_raw = _pdftotext("-raw")
pdftotext_raw.__doc__ = "A PDF's text in the order it is drawn (``pdftotext -raw``), as some crawlers save it."


def libreoffice_word(data: bytes) -> bytes:
    """A PDF opened in LibreOffice and saved as Word, as PDF-to-Word converters do it: every
    line in a text box where the PDF printed it."""
    import subprocess
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "report.pdf"
        source.write_bytes(data)
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp}/profile",
                        "--infilter=writer_pdf_import", "--convert-to", "docx", "--outdir", tmp, str(source)],
                       capture_output=True, check=True, timeout=180)
        return (Path(tmp) / "report.docx").read_bytes()


def pdfminer_text(data: bytes) -> bytes:
    """A PDF's text as pdfminer.six's ``extract_text`` gives it (Python crawlers' usual choice)."""
    import io

    from pdfminer.high_level import extract_text

    return extract_text(io.BytesIO(data)).encode("utf-8")


ANY_TEXT: dict[str, Variant] = {"crlf": crlf, "gb18030": gb18030, "utf8-bom": utf8_bom, "utf16": utf16,
                                "trailing-spaces": trailing_spaces}
MARKDOWN: dict[str, Variant] = {"html-tables": html_tables, "html-table-rows": html_table_rows, "grid-tables": grid_tables,
                                "pipes-without-edges": pipes_without_edges, "plain-headings": plain_headings}
PDFTOTEXT: dict[str, Variant] = {"no-form-feeds": no_form_feeds, "squeezed-spaces": squeezed_spaces}
TABBED: dict[str, Variant] = {"tabs-as-spaces": tabs_as_spaces, "crawled-with-spaces": crawled_with_spaces,
                              "crawled-lines": crawled_lines}


def pdf_texts() -> dict[str, Variant]:
    """A PDF's text as the tools on this machine extract it, and its Word conversion (see
    :func:`file_name` for the names they are saved under)."""
    import shutil

    out: dict[str, Variant] = {}
    if shutil.which("pdftotext"):
        out.update({"pdftotext": pdftotext_reading_order, "pdftotext-raw": pdftotext_raw})
    try:
        import pdfminer  # noqa: F401
    except ImportError:
        pass
    else:
        out["pdfminer-text"] = pdfminer_text
    if shutil.which("soffice"):
        out["libreoffice-word"] = libreoffice_word
    return out


def variants_for(name: str, data: bytes) -> dict[str, Variant]:
    """The variants that fit a file: every text file's, and those of its kind (by name and
    content); a PDF's are its text as extraction tools give it (:func:`pdf_texts`)."""
    if name.endswith(".pdf") or data.startswith(b"%PDF"):
        return pdf_texts()
    out = dict(ANY_TEXT)
    if name.endswith(".md") and b"|" in data:
        out.update(MARKDOWN)
    if b"\x0c" in data or "pdftotext" in name:
        out.update(PDFTOTEXT)
    if data.count(b"\n\t") > 20:
        out.update(TABBED)
    return out


def new_errors(result, original) -> Counter:
    """The errors of a variant's result that the original file's result has not, by what they
    are about (rule, table, row, column: places move between variants). A GIX006 is left out: a
    variant may leave gixlint less sure, never wrong."""
    def errors(r) -> Counter:
        return Counter((f.rule, f.table, f.row, f.column) for f in r.findings if f.severity == "error")

    return Counter({key: n for key, n in (errors(result) - errors(original)).items() if key[0] != "GIX006"})


def file_name(name: str, data: bytes, variant: str = "") -> str:
    """The name a variant of ``name`` is saved under: a PDF's extracted text is a .txt, its
    Word conversion a .docx."""
    if name.endswith(".pdf") or data.startswith(b"%PDF"):
        return name.rsplit(".", 1)[0] + (".docx" if variant == "libreoffice-word" else ".txt")
    return name
