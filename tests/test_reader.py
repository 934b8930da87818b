"""Reading text reports in the encodings agencies actually export."""

from __future__ import annotations

import random

import pytest

from gixlint.layout import from_file as read
from gixlint.lint.linter import Linter
from gixlint.parse import parse_file
from gixlint.read import ReadError
from gixlint.testing import TODAY, random_spec, render

TEXT = render(random_spec(random.Random(3))).text


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-le"])
def test_encodings_are_detected(tmp_path, encoding):
    path = tmp_path / "report.txt"
    path.write_bytes(TEXT.encode(encoding))
    report = parse_file(path)
    assert report.meta.agency == "示例市示例区生态环境局"
    assert len(report.sections) == 6
    assert len(report.tables["t3"].rows) == 25


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_keep_line_numbers(tmp_path, newline):
    path = tmp_path / "report.txt"
    path.write_bytes(TEXT.replace("\n", newline).encode("utf-8"))
    plain = parse_file(_write(tmp_path / "plain.txt", TEXT))
    other = parse_file(path)
    assert [s.line for s in other.sections] == [s.line for s in plain.sections]
    assert other.tables["t3"].rows["total"].cells["total"].line == plain.tables["t3"].rows["total"].cells["total"].line


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_binary_file_is_a_finding_not_a_crash(tmp_path):
    path = tmp_path / "scan.txt"
    path.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(ReadError):
        read(path)
    result = Linter.create(today=TODAY, load_plugins=False).lint_file(path)
    assert [f.rule for f in result.findings] == ["GIX000"]
    assert result.findings[0].severity == "error"


def test_empty_file_is_unreadable(tmp_path):
    path = _write(tmp_path / "empty.txt", "  \n\n")
    result = Linter.create(today=TODAY, load_plugins=False).lint_file(path)
    assert [f.rule for f in result.findings] == ["GIX000"]
    assert "空" in result.findings[0].message


def test_text_that_is_not_a_report(tmp_path):
    path = _write(tmp_path / "notes.txt", "会议纪要\n今天讨论了食堂菜单。\n下周再议。\n")
    result = Linter.create(today=TODAY, load_plugins=False).lint_file(path)
    assert [f.rule for f in result.findings] == ["GIX000"]
    assert "不是政府信息公开工作年度报告" in result.findings[0].message


def test_input_file_is_never_modified(tmp_path):
    path = _write(tmp_path / "r.txt", TEXT)
    before = path.read_bytes()
    Linter.create(today=TODAY, load_plugins=False).lint_file(path)
    assert path.read_bytes() == before


def test_a_reader_bug_is_a_finding_for_that_file_only(tmp_path, monkeypatch):
    from gixlint import read as readers

    def broken(path):
        raise RuntimeError("boom")

    monkeypatch.setitem(readers.READERS, ".txt", broken)
    bad = _write(tmp_path / "a.txt", TEXT)
    linter = Linter.create(today=TODAY, load_plugins=False)
    [finding] = linter.lint_file(bad).findings
    assert finding.rule == "GIX000" and "内部错误" in finding.message and "boom" in finding.message


@pytest.mark.parametrize("suffix", [".txt", ".md", ".docx", ".html", ".pdf"])
def test_garbage_of_every_kind_never_crashes(tmp_path, suffix):
    rng = random.Random(suffix)
    linter = Linter.create(today=TODAY, load_plugins=False)
    samples = [bytes(rng.randrange(256) for _ in range(rng.randrange(1, 3000))) for _ in range(15)]
    samples += [b"", b"\xef\xbb\xbf", b"PK\x03\x04" + bytes(50), b"%PDF-1.4\n" + bytes(80), "<html>无</html>".encode()]
    for i, data in enumerate(samples):
        path = tmp_path / f"{i}{suffix}"
        path.write_bytes(data)
        result = linter.lint_file(path)
        assert all(f.message for f in result.findings)
