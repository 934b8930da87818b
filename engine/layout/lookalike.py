"""Look-alike characters from PDF font maps read as the ordinary 汉字 they stand for."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from gixlint.read.document import Layout, Problem

# PDF fonts often map ordinary 汉字 to look-alike code points: Kangxi radicals (⼀ for 一, ⾏ for
# 行), CJK compatibility ideographs, simplified radicals (⻓ for 长). Text copied from such a PDF
# looks right but no label, heading or statement matches it. They are read as the ordinary 汉字.
_LOOKALIKE = re.compile("[\u2e80-\u2fdf\uf900-\ufaff\U0002f800-\U0002fa1f]")
_RADICALS = str.maketrans("⺠⻄⻅⻆⻉⻋⻓⻔⻘⻙⻚⻛⻜⻝⻢⻣⻤⻥⻦⻧⻨⻩⻪⻬⻮⻰",
                          "民西见角贝车长门青韦页风飞食马骨鬼鱼鸟卤麦黄黾齐齿龙")


def _ordinary(ch: str) -> str:
    return unicodedata.normalize("NFKC", ch.translate(_RADICALS))


def ordinary_hanzi(layout: Layout) -> Layout:
    """Look-alike radicals and compatibility ideographs read as ordinary 汉字, with one problem
    (``lookalike-characters``) saying how many there were and where the first one is."""
    if not _LOOKALIKE.search("\n".join([item.text for item in layout.items])):
        return layout           # nearly every report: one search of all its text, not one an item
    count, first, items = 0, None, []
    for item in layout.items:
        if not _LOOKALIKE.search(item.text):    # nearly every item: nothing to look at
            items.append(item)
            continue
        changed = [ch for ch in _LOOKALIKE.findall(item.text) if _ordinary(ch) != ch]
        if changed:
            count += len(changed)
            first = first or (item, changed[0])
            item = replace(item, text=_LOOKALIKE.sub(lambda m: _ordinary(m.group()), item.text))
        items.append(item)
    if not count:
        return layout
    item, sample = first
    return replace(layout, items=items, problems=[*layout.problems, Problem(
        "lookalike-characters", item.line,
        f"文字中有 {count} 个外形像汉字的部首或兼容字符（如「{sample}」U+{ord(sample):04X} 代替「{_ordinary(sample)}」），"
        "多由 PDF 字体的字符映射造成；已按标准汉字检查，但发布的文件在检索、复制和读屏时会出错",
        actual=count)])
