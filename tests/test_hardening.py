"""Hostile text files (issue #12): every one becomes a finding for that file, within bounds.

Each input is built here (never a copy of anyone's crash file). A generous alarm catches a hang
or a quadratic blow-up; it is a guard, not a timing test.
"""

from __future__ import annotations

import random
import signal
from contextlib import contextmanager

import pytest

from gixlint.lint.linter import Linter
from gixlint.testing import TODAY, random_spec, render


@pytest.fixture(scope="module")
def linter():
    return Linter.create(today=TODAY, load_plugins=False)


@pytest.fixture(scope="module")
def report_text():
    return render(random_spec(random.Random(3)), "blank-lines").text


@contextmanager
def within(seconds: int):
    def stop(*_):
        raise TimeoutError(f"took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def lint_bytes(linter, tmp_path, data: bytes, name: str = "report.txt"):
    path = tmp_path / name
    path.write_bytes(data)
    with within(20):
        result = linter.lint_file(path)
    assert path.read_bytes() == data          # never modified
    return result


def rules(result) -> set[str]:
    return {f.rule for f in result.findings}


def test_utf8_bom_then_a_broken_byte_is_checked_with_a_note(linter, tmp_path, report_text):
    cut = report_text.index("二、主动公开")
    data = b"\xef\xbb\xbf" + report_text[:cut].encode() + b"\xff\x80" + report_text[cut:].encode()
    result = lint_bytes(linter, tmp_path, data)
    [note] = [f for f in result.findings if f.rule == "GIX008"]
    assert note.severity == "info" and "2 处" in note.message
    assert "GIX000" not in rules(result) and result.report.tables["t3"].status == "exact"


@pytest.mark.parametrize("size", ["whole", "tiny"])
def test_utf16_with_a_lone_surrogate(linter, tmp_path, report_text, size):
    body = report_text.encode("utf-16-le")
    data = b"\xff\xfe" + (body[:400] + b"\x00\xd8" + body[400:] if size == "whole" else b"\x00\xd8")
    result = lint_bytes(linter, tmp_path, data)
    if size == "whole":
        assert "GIX008" in rules(result) and result.report.tables["t3"].status == "exact"
    else:
        assert [f.rule for f in result.findings] == ["GIX000"]


@pytest.mark.parametrize("encoding", ["utf-32", "utf-32-le"])
def test_a_utf32_report_is_read(linter, tmp_path, report_text, encoding):
    result = lint_bytes(linter, tmp_path, report_text.encode(encoding))
    assert result.report is not None and result.report.tables["t3"].status == "exact"
    assert "GIX000" not in rules(result)


@pytest.mark.parametrize("digits", [4400, 1_000_000])
def test_a_cell_of_thousands_of_digits_is_text_not_a_number(linter, tmp_path, report_text, digits):
    i = report_text.index("\n0\n")
    data = (report_text[:i] + "\n" + "9" * digits + "\n" + report_text[i + 3:]).encode()
    result = lint_bytes(linter, tmp_path, data)
    [hit] = [f for f in result.findings if f.rule == "GIX203"]
    assert len(hit.message) < 300


def test_a_line_repeating_a_date_is_read_in_linear_time(linter, tmp_path, report_text):
    data = report_text.replace("\n", "\n" + "2024年1月1日" * 30000 + "\n", 1).encode()
    result = lint_bytes(linter, tmp_path, data)
    assert result.report is not None
