"""Plain-text reports: decode whatever encoding the agency's export used."""

from __future__ import annotations

from pathlib import Path

from gixlint.read.document import SourceText

_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding). UTF-8 and BOMs are taken as they are; the rest is detected."""
    from gixlint.read.document import ReadError

    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4096]:
        # UTF-16 without a BOM holds NUL bytes too; anything else with NULs is binary
        for encoding in ("utf-16-le", "utf-16-be"):
            text = _strict(data, encoding)
            if text is not None and _printable(text) > 0.97:
                return text, encoding
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


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _printable(text: str) -> float:
    sample = text[:4000]
    good = sum(1 for ch in sample if ch.isprintable() or ch in "\n\r\t")
    return good / max(1, len(sample))


def read(path: Path) -> SourceText:
    from gixlint.read.document import ReadError

    data = path.read_bytes()
    if not data.strip():
        raise ReadError("文件为空")
    text, encoding = decode(data)
    if "\x00" in text:
        raise ReadError("不是文本文件（含二进制内容）")
    return SourceText(text, encoding)
