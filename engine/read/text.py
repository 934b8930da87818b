"""Plain-text reports: decode whatever encoding the agency's export used."""

from __future__ import annotations

from pathlib import Path

from gixlint.read.document import SourceText

# UTF-32 first: its little-endian BOM begins with UTF-16's
_BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xef\xbb\xbf", "utf-8"),
         (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
_BOM_NAMES = {"utf-8": "utf-8-sig", "utf-16-le": "utf-16", "utf-16-be": "utf-16"}
_MOSTLY = 0.01      # at most this share of bad bytes in otherwise good UTF-8: replace them, read the rest


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding). UTF-8 and BOMs are taken as they are; the rest is detected.

    Bytes that do not decode in an otherwise readable file (a broken sequence after a BOM, a
    lone UTF-16 surrogate) become U+FFFD; :func:`replaced` says where."""
    from gixlint.read.document import ReadError

    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace"), _BOM_NAMES.get(encoding, encoding)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4096]:
        # UTF-16/32 without a BOM hold NUL bytes too; anything else with NULs is binary
        for encoding in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
            if len(data) % (4 if "32" in encoding else 2):
                continue
            text = data.decode(encoding, errors="replace")
            if _printable(text) > 0.97:
                return text, encoding
        raise ReadError("不是文本文件（含二进制内容）")
    text = data.decode("utf-8", errors="replace")
    if text.count("\ufffd") <= _MOSTLY * len(data):
        return text, "utf-8"
    import charset_normalizer

    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise ReadError("无法识别文件编码，可能不是文本文件")
    encoding = best.encoding
    # GB2312 and GBK are subsets of GB18030: decoding with the superset loses nothing
    if encoding.replace("_", "").lower() in {"gb2312", "gbk", "cp936", "hz"}:
        encoding = "gb18030"
    try:
        return data.decode(encoding, errors="replace"), encoding
    except LookupError:
        return str(best), best.encoding


def replaced(text: str) -> tuple[int, int]:
    """(how many characters could not be decoded, the line of the first), or (0, 0)."""
    count = text.count("\ufffd")
    if not count:
        return 0, 0
    return count, text.count("\n", 0, text.index("\ufffd")) + 1


def _printable(text: str) -> float:
    sample = text[:4000]
    good = sum(1 for ch in sample if (ch.isprintable() and ch != "\ufffd") or ch in "\n\r\t")
    return good / max(1, len(sample))


def read(path: Path) -> SourceText:
    from gixlint.read.document import ReadError

    data = path.read_bytes()
    if not data.strip():
        raise ReadError("文件为空")
    text, encoding = decode(data)
    if "\x00" in text:
        raise ReadError("不是文本文件（含二进制内容）")
    count, line = replaced(text)
    return SourceText(text, encoding, count, line)
