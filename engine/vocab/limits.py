"""How much gixlint will read, inflate, nest, wait and hold for one file, and the setting for each.

Every file is untrusted (downloaded from a portal, uploaded by anyone), so each stage stops at
a limit instead of following a hostile file wherever it leads. The values live here, in the
lowest stage, because readers, the layout and the number model all consult them; a run sets
them once from ``[limits]`` in gixlint.toml (:func:`use`), and a worker process inherits them.
Hitting one raises :class:`LimitExceeded`, which the linter turns into one GIX000 finding
naming the limit and the setting that raises it.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, fields, replace

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What one file may cost: bytes, pages, objects, nesting, line length, findings and seconds."""

    file_mb: int = 64                # bytes read per file
    docx_part_mb: int = 20           # a .docx part (document.xml …) once inflated
    pdf_stream_mb: int = 16          # a PDF stream once inflated
    pdf_pages: int = 500
    pdf_objects: int = 200_000       # objects in the file, and things drawn on one page (forms drawn again count)
    nesting_depth: int = 400         # HTML/XML elements inside each other
    line_chars: int = 2_000_000      # characters in one line, paragraph or cell (a whole report: ~20,000)
    number_digits: int = 15          # digits in a count: longer is not a number (GIX203)
    findings_per_rule: int = 200     # per rule per file; the rest are summarised in one finding
    seconds_per_file: float = 30.0   # wall time to read and check one file (0: no worker process)
    memory_mb: int = 2048            # address space of the process checking one file (0: no ceiling)


# field → (setting in [limits], what it is in Chinese, unit)
SETTINGS = {
    "file_mb": ("file-mb", "单个文件大小", "MB"),
    "docx_part_mb": ("docx-part-mb", "Word 文档单个部件解压后的大小", "MB"),
    "pdf_stream_mb": ("pdf-stream-mb", "PDF 单个数据流解压后的大小", "MB"),
    "pdf_pages": ("pdf-pages", "PDF 页数", "页"),
    "pdf_objects": ("pdf-objects", "PDF 对象数（含一页上绘制的内容）", "个"),
    "nesting_depth": ("nesting-depth", "网页/XML 元素嵌套层数", "层"),
    "line_chars": ("line-chars", "一行（或一个段落、单元格）的字数", "字"),
    "number_digits": ("number-digits", "一个数字的位数", "位"),
    "findings_per_rule": ("findings-per-rule", "每条规则在一个文件中报告的问题数", "处"),
    "seconds_per_file": ("seconds-per-file", "检查一个文件的时间", "秒"),
    "memory_mb": ("memory-mb", "检查一个文件可用的内存", "MB"),
}
KEYS = {key: name for name, (key, _zh, _unit) in SETTINGS.items()}


def advice(name: str) -> str:
    """Where to raise the limit ``name``, in plain Chinese."""
    key = SETTINGS[name][0]
    return f"如确属正常报告，可在 gixlint.toml 的 [limits] 中调高 {key}"


class LimitExceeded(Exception):
    """A file went past one of the limits; ``str()`` is the whole Chinese message."""

    def __init__(self, name: str, found: str = ""):
        self.name = name
        key, zh, unit = SETTINGS[name]
        value = getattr(current(), name)
        shown = f"{value:g}" if isinstance(value, float) else str(value)
        seen = f"（本文件：{found}）" if found else ""
        super().__init__(f"超过上限：{zh}最多 {shown} {unit}{seen}，未继续读取；{advice(name)}")


_current = Limits()


def current() -> Limits:
    return _current


def use(limits: Limits) -> None:
    """Make ``limits`` the ones every stage consults from now on (in this process)."""
    global _current
    _current = limits


@contextmanager
def using(limits: Limits):
    previous = current()
    use(limits)
    try:
        yield limits
    finally:
        use(previous)


def with_values(base: Limits, values: dict) -> Limits:
    """``base`` with some fields changed (names as in :class:`Limits`)."""
    known = {f.name for f in fields(Limits)}
    return replace(base, **{k: v for k, v in values.items() if k in known})
