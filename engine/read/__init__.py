"""The read stage: a file → its text (.txt/.md), its items (.docx/.html) or its characters (.pdf).

Nothing after this stage touches the file. Each reader handles some file suffixes; a new format
slots in here by adding a module and an entry in ``READERS``. The layout stage
(:func:`gixlint.layout.lay_out`) turns what is read into a :class:`~gixlint.read.document.Layout`.

Files downloaded from portals often carry the wrong suffix (a PDF saved as ``download.htm``, a
.docx served as ``.doc``), so the first bytes decide when they clearly name another format.
Formats gixlint cannot read (.doc, .wps, .ofd, .rtf, .docm) are still collected from a folder and reported
with what to do, so a supervisor sees them instead of having them silently skipped.
"""

from __future__ import annotations

import importlib
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Union

from gixlint.read import text
from gixlint.read.document import Layout, ReadError, SourceText
from gixlint.vocab import limits

if TYPE_CHECKING:
    from gixlint.read.pdf import PdfPages


class _Reader:
    """A reader module's ``read``, imported when first called: a run over text files never
    loads the Word, web and PDF readers (nor lxml and pdf-oxide)."""

    def __init__(self, module: str):
        self.module = module

    def __call__(self, path: Path) -> Source:
        return importlib.import_module(f"gixlint.read.{self.module}").read(path)


_WORD, _WEB, _PDF = _Reader("word"), _Reader("web"), _Reader("pdf")
READERS: dict[str, Callable[[Path], Source]] = {
    ".txt": text.read,
    ".text": text.read,
    ".md": text.read,
    ".docx": _WORD,
    ".html": _WEB,
    ".htm": _WEB,
    ".shtml": _WEB,
    ".xhtml": _WEB,
    ".mht": _WEB,
    ".mhtml": _WEB,
    ".pdf": _PDF,
}
# formats collected from a folder but not read: (what it is, what the user should do instead)
_RESAVE = "请在 Word 或 WPS 中另存为 .docx（或 PDF）后再检查"
UNREADABLE = {
    ".doc": ("旧版 Word（.doc）或其他旧版 Office 文件", _RESAVE),
    ".wps": ("WPS 文字（.wps）文件", "请在 WPS 中另存为 .docx（或 PDF）后再检查"),
    ".ofd": ("OFD 版式文件", "请提供同一报告的 PDF、.docx 或网页版"),
    ".docm": ("启用宏的 Word 文档（.docm）", "请在 Word 中另存为 .docx 后再检查"),
    ".rtf": ("RTF 文件", _RESAVE),
}
# what a reader hands the layout stage
Source = Union[SourceText, Layout, "PdfPages"]  # noqa: UP007 - PdfPages is imported only with the PDF reader
SUFFIXES = frozenset(READERS) | frozenset(UNREADABLE)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"      # .doc, .wps, .xls: OLE compound file
# a Word or WPS file saved with a password: an OLE compound file holding the encrypted package
# (its stream's name is in the file's directory, in UTF-16). Not a suffix: no file is named so.
ENCRYPTED = "encrypted"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")


def sniff(path: Path) -> str:
    """The suffix the file's first bytes say it has, or its own suffix when they say nothing clear."""
    suffix = path.suffix.lower()
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError:
        return suffix
    if b"%PDF-" in head[:1024]:
        return ".pdf"
    if head.startswith(b"{\\rtf"):
        return ".rtf"
    if head.startswith(_OLE):
        if _encrypted(path):
            return ENCRYPTED
        return suffix if suffix in (".doc", ".wps") else ".doc"
    if head.startswith(b"PK\x03\x04"):
        if suffix == ".docx":
            return suffix           # the Word reader says what is wrong with a broken one
        import zipfile

        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError):
            return suffix
        if "word/document.xml" in names:
            return ".docm" if suffix == ".docm" else ".docx"
        if "OFD.xml" in names:
            return ".ofd"
        return suffix
    if suffix not in (".mht", ".mhtml") and b"multipart/related" in head.lower():
        from gixlint.read import web

        if web.is_mhtml(head):
            return ".mht"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if suffix not in (".html", ".htm", ".shtml", ".xhtml") and start.startswith((b"<!doctype html", b"<html")):
        return ".html"
    return suffix


def _encrypted(path: Path) -> bool:
    """Is this OLE compound file an Office document saved with a password? (Its directory, which
    may lie anywhere in the file, names the encrypted package; read no more than a report's size.)"""
    try:
        with open(path, "rb") as handle:
            return _ENCRYPTED_STREAM in handle.read(limits.current().file_mb * limits.MB)
    except OSError:
        return False


def read(path: Path) -> Source:
    """Read ``path`` with the reader for what it is (its first bytes, else its suffix); plain files
    of unknown suffix as text."""
    try:
        status = path.stat()            # once: each look costs a system call, per file of a run
    except OSError:
        status = None                   # gone or out of reach: reading it says so, below
    if status is not None and not stat.S_ISREG(status.st_mode):   # a pipe or a device could wait forever
        raise ReadError("这不是普通文件（可能是命名管道、设备或文件夹），gixlint 不读取")
    if status is not None and status.st_size == 0:
        raise ReadError("文件为空（0 字节），可能没有下载或保存完整")
    kind = sniff(path)
    if kind == ENCRYPTED:
        raise ReadError("文件设置了打开密码，gixlint 无法读取其内容：请在 Word 或 WPS 中取消打开密码后另存，再检查")
    if kind in UNREADABLE:
        what, advice = UNREADABLE[kind]
        said = f"这是{what}" if kind == path.suffix.lower() else f"文件扩展名是 {path.suffix or '（无）'}，内容却是{what}"
        raise ReadError(f"{said}，gixlint 不能直接读取：{advice}")
    reader = READERS.get(kind, text.read)
    try:
        size = (status if status is not None else path.stat()).st_size
        if size > limits.current().file_mb * limits.MB:
            raise limits.LimitExceeded("file_mb", f"{size / limits.MB:.1f} MB")
        source = reader(path)
    except (ReadError, limits.LimitExceeded):
        raise
    except OSError as exc:
        raise ReadError(f"无法读取文件：{exc.strerror or exc}") from exc
    _check_lines(source)
    return source


def _check_lines(source: Source) -> None:
    """A line (or paragraph, or cell) longer than ``limits.line_chars`` is refused before the
    layout stage: its work on one line grows faster than the line."""
    most = limits.current().line_chars
    if isinstance(source, SourceText):
        longest = max((len(line) for line in source.text.splitlines()), default=0) if len(source.text) > most else 0
    elif isinstance(source, Layout):
        longest = max((len(item.text) for item in source.items), default=0)
    else:
        return
    if longest > most:
        raise limits.LimitExceeded("line_chars", f"最长一行 {longest} 字")
