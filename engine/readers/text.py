"""Plain-text reports: decode whatever encoding the agency's export used."""

from __future__ import annotations

from pathlib import Path

from ..layout import Layout, from_text

_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding). UTF-8 and BOMs are taken as they are; the rest is detected."""
    from . import ReadError

    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4096] and not _looks_utf16(data):
        raise ReadError("不是文本文件（含二进制内容）")
    import charset_normalizer

    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise ReadError("无法识别文件编码，可能不是文本文件")
    encoding = best.encoding
    # GB2312 and GBK are subsets of GB18030: decoding with the superset loses nothing
    if encoding.replace("_", "").lower() in {"gb2312", "gbk", "cp936", "hz"}:
        encoding = "gb18030"
    try:
        return data.decode(encoding), encoding
    except (UnicodeDecodeError, LookupError):
        return str(best), best.encoding


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without BOM: every other byte of ASCII-range text is zero."""
    sample = data[:4096]
    return sample[1::2].count(0) > len(sample) // 4 or sample[0::2].count(0) > len(sample) // 4


def read(path: Path) -> Layout:
    from . import ReadError

    data = path.read_bytes()
    if not data.strip():
        raise ReadError("文件为空")
    text, encoding = decode(data)
    if "\x00" in text:
        raise ReadError("不是文本文件（含二进制内容）")
    return from_text(text, encoding=encoding)
