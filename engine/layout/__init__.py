"""The layout stage: what a reader read → items, one per cell or paragraph, each with its line.

Text files are laid out by the way their tables were written (:mod:`.text`, with :mod:`.rows`
for row-per-line layouts and :mod:`.runon` for crawled pages); PDF characters by their lines and
drawn grids (:mod:`.pdf`); .docx and .html readers already give items. Look-alike characters
are read as ordinary 汉字 here (:mod:`.lookalike`).
"""

from __future__ import annotations

from pathlib import Path

from gixlint.layout.text import from_text, join_wrapped_prose
from gixlint.read import Source, read
from gixlint.read.document import TEXT_BOXES, Layout, Problem, SourceText


def lay_out(source: Source) -> Layout:
    """Items from whatever the reader read."""
    if isinstance(source, SourceText):
        layout = from_text(source.text, encoding=source.encoding)
        if source.bad_characters:
            layout.problems.append(Problem(
                "replaced-bytes", source.bad_line,
                f"文件中有 {source.bad_characters} 处字节无法按 {source.encoding} 解码（第一处在第 {source.bad_line} 行），"
                "已换成「\ufffd」后照常检查；这些位置的文字可能缺损，请对照原件"))
        return layout
    if isinstance(source, Layout):     # .docx and .html readers give items already
        if source.variant == TEXT_BOXES:
            # a PDF converted to Word, a text box a line: the lines of a paragraph are one again
            source.items = join_wrapped_prose(source.items)
        return source
    from gixlint.layout import pdf  # only a PDF run needs the PDF layout (and its imports)
    from gixlint.read.pdf import PdfPages

    return pdf.lay_out(source) if isinstance(source, PdfPages) else source


def from_file(path: Path) -> Layout:
    """Read a file and lay it out: the input of the parse stage."""
    return lay_out(read(path))


__all__ = ["from_file", "from_text", "lay_out"]
