"""Start-up (#11): what a plain run imports, and installed plugins found once, as importlib.metadata finds them."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from gixlint.lint import plugins

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "01-clean-word-export.txt"


def _modules_after(code: str) -> set[str]:
    """The modules a fresh interpreter holds after running ``code``."""
    script = code + "\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))\n"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    return set(json.loads(out.strip().splitlines()[-1]))


def test_importing_the_command_line_imports_no_rich_and_no_metadata_reader():
    loaded = _modules_after("import gixlint.cli, gixlint.cli.lint")
    assert "rich" not in loaded
    assert "importlib.metadata" not in loaded and "email" not in loaded


def test_a_json_run_finds_plugins_without_importlib_metadata():
    loaded = _modules_after(textwrap.dedent(f"""
        import contextlib, io
        from gixlint.cli import main
        with contextlib.redirect_stdout(io.StringIO()):
            main([{str(EXAMPLE)!r}, "--format", "json", "--no-cache", "--today", "2026-12-03"])
    """))
    assert "gixlint.lint.plugins" in loaded
    assert "importlib.metadata" not in loaded and "email" not in loaded


def test_a_json_run_imports_no_rich():
    loaded = _modules_after(textwrap.dedent(f"""
        import contextlib, io
        from gixlint.cli import main
        with contextlib.redirect_stdout(io.StringIO()):
            main([{str(EXAMPLE)!r}, "--format", "json", "--no-cache", "--today", "2026-12-03"])
    """))
    assert "rich" not in loaded


def test_text_to_a_pipe_imports_no_rich():
    """Text output that no terminal will style (a pipe, a file) is written plain."""
    loaded = _modules_after(textwrap.dedent(f"""
        import contextlib, io
        from gixlint.cli import main
        with contextlib.redirect_stdout(io.StringIO()):
            main([{str(EXAMPLE)!r}, "--no-cache", "--today", "2026-12-03"])
    """))
    assert "gixlint.report.text" in loaded and "rich" not in loaded


def _as_importlib_finds_them(group: str) -> list[tuple[str, str]]:
    from importlib import metadata

    return [(ep.name, ep.dist.version) for ep in metadata.entry_points(group=group)]


@pytest.mark.parametrize("group", ["gixlint", "console_scripts", "pytest11"])
def test_entry_points_are_those_importlib_metadata_finds(monkeypatch, group):
    monkeypatch.setattr(plugins, "ENTRY_POINT_GROUP", group)
    found = plugins._scan(tuple(sys.path))
    assert [(name, version) for name, version, _load in found] == _as_importlib_finds_them(group)
    if group == "gixlint":
        from importlib import metadata

        assert [load() for _n, _v, load in found] == [ep.load() for ep in metadata.entry_points(group=group)]


def _dist(folder: Path, name: str, entry_points: str, metadata: str | None = None) -> None:
    info = folder / f"{name}-1.2.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(metadata or f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.2\n\nText.\n",
                                   encoding="utf-8")
    (info / "entry_points.txt").write_text(entry_points, encoding="utf-8")


def test_a_plugin_on_the_path_is_found_once_and_loaded(tmp_path, monkeypatch):
    (tmp_path / "gix_test_plugin_mod.py").write_text("VALUE = object()\n", encoding="utf-8")
    _dist(tmp_path, "gix_test_plugin", "# comment\n[console_scripts]\nx = y:z\n\n[gixlint]\nmine = gix_test_plugin_mod : VALUE\n")
    _dist(tmp_path / "later", "Gix.Test_Plugin", "[gixlint]\nshadowed = gix_test_plugin_mod\n")   # the same name, later
    monkeypatch.syspath_prepend(str(tmp_path / "later"))
    monkeypatch.syspath_prepend(str(tmp_path))
    found = plugins.installed()
    assert found is plugins.installed()                      # scanned once for this sys.path
    ours = [(name, version) for name, version, _load in found if name in ("mine", "shadowed")]
    assert ours == [("mine", "1.2")]
    assert [(n, v) for n, v, _l in found] == _as_importlib_finds_them("gixlint")
    import gix_test_plugin_mod

    assert next(load for name, _v, load in found if name == "mine")() is gix_test_plugin_mod.VALUE


@pytest.mark.parametrize("entry_points, metadata", [
    ("[gixlint]\nno equals sign here\n", None),                                    # importlib raises: so do we
    ("[gixlint]\nodd = not a valid (reference)\n", None),
    ("[gixlint]\nfolded = gix_test_plugin_mod\n", "Metadata-Version: 2.1\nName: x\nVersion: 1.\n 2\n\n"),
])
def test_what_importlib_metadata_reads_its_own_way_is_left_to_it(tmp_path, monkeypatch, entry_points, metadata):
    (tmp_path / "gix_test_plugin_mod.py").write_text("VALUE = 1\n", encoding="utf-8")
    _dist(tmp_path, "gix_odd_plugin", entry_points, metadata)
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(plugins._Unusual):
        plugins._scan(tuple(sys.path))
    try:
        expected = [(n, v) for n, v, _l in plugins._by_importlib()]
    except Exception as exc:  # noqa: BLE001 - whatever importlib.metadata raises, installed() raises too
        with pytest.raises(type(exc)):
            plugins.installed()
    else:
        assert [(n, v) for n, v, _l in plugins.installed()] == expected


def test_the_registry_loads_the_plugins_found(monkeypatch):
    calls = []
    real = plugins._scan
    monkeypatch.setattr(plugins, "_scanned", {})
    monkeypatch.setattr(plugins, "_scan", lambda paths: calls.append(paths) or real(paths))
    first = plugins.build_registry()
    second = plugins.build_registry()
    assert len(calls) == 1                                    # two registries (two config groups), one scan
    assert first.loaded == second.loaded == [(n, v) for n, v, _l in plugins.installed()]


def test_checking_a_text_file_loads_no_reader_or_library_it_does_not_need():
    """A named text file, JSON out, no cache: the Word, web and PDF readers and the PDF layout stay
    unloaded, with what they import (lxml, pdf-oxide, pdfminer), and so do lark (its parsers are
    generated ahead), pathspec (no folder
    is searched), sqlite3 (--no-cache) and numpy (one report is compared with nothing). (importlib.resources is not asked about: an editable
    install's own import hook loads it.)"""
    loaded = _modules_after(textwrap.dedent(f"""
        import contextlib, io
        from gixlint.cli import main
        with contextlib.redirect_stdout(io.StringIO()):
            main([{str(EXAMPLE)!r}, "--format", "json", "--no-cache", "--today", "2026-12-03"])
    """))
    assert "gixlint.parse.build" in loaded and "gixlint.read.text" in loaded     # it did check the file
    unwanted = {"gixlint.read.word", "gixlint.read.web", "gixlint.read.pdf", "gixlint.read.place",
                "gixlint.layout.pdf", "lxml", "pdf_oxide", "pdfminer", "pathspec", "sqlite3", "statistics",
                "numpy", "lark", "logging"}
    assert unwanted & loaded == set()


def test_the_lazy_readers_read_what_the_modules_read(tmp_path):
    import random

    from gixlint.read import READERS, pdf, web, word
    from gixlint.testing import random_spec
    from gixlint.testing.formats import write_docx, write_html

    spec = random_spec(random.Random(5))
    docx, page = write_docx(spec, tmp_path / "r.docx"), write_html(spec, tmp_path / "r.html")
    assert READERS[".docx"](docx) == word.read(docx)
    assert READERS[".html"](page) == web.read(page)
    assert READERS[".pdf"].module == "pdf" and pdf.read is not None
