"""Writing a run's findings in every format asked for, so that ``lint`` only decides what to check.

``--format NAME`` prints to standard output (or to ``-o FILE``); ``--format NAME=FILE`` writes a
file; both may be repeated, e.g. ``--format text --format html=报告.html --format xlsx=问题.xlsx``.
``--split-by agency DIR`` writes one HTML or xlsx file per agency to send back.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

FORMATS = ("text", "json", "csv", "html", "xlsx", "sarif", "github", "junit")
BINARY = frozenset({"xlsx"})
SUFFIX = {"text": ".txt", "json": ".json", "csv": ".csv", "html": ".html", "xlsx": ".xlsx", "sarif": ".sarif",
          "github": ".txt", "junit": ".xml"}
SPLITTABLE = ("html", "xlsx")


@dataclass(frozen=True)
class Output:
    """One output asked for: a format, and the file it goes to."""

    format: str
    path: Path | None = None      # None: standard output (or -o)


def format_spec(text: str) -> Output:
    """``html`` or ``html=报告.html``, for argparse."""
    name, sep, path = text.partition("=")
    name = name.strip().lower()
    if name not in FORMATS:
        raise argparse.ArgumentTypeError(f"未知的输出格式「{name}」，可用：{'、'.join(FORMATS)}")
    if sep and not path.strip():
        raise argparse.ArgumentTypeError(f"「{text}」缺少文件名，如 {name}=结果{SUFFIX[name]}")
    return Output(name, Path(path.strip()) if sep else None)


@dataclass
class Run:
    """What every output format may need from one lint run."""

    results: list
    rules: list
    stale: list = field(default_factory=list)
    waived: int = 0
    show_clean: bool = False
    config_used: dict | list | None = None   # JSON ``config_used``: which configuration file(s), found how
    quiet: bool = False                 # -q: findings only, no summary lines
    color: str = "auto"                 # --color auto|always|never (auto honours NO_COLOR)


@dataclass
class Targets:
    """Where a run's outputs go: decided before linting, so a wrong option costs no time."""

    outputs: list[Output]
    split_dir: Path | None = None
    split_formats: tuple[str, ...] = ()
    inputs: tuple = ()            # the checked files: never written over


def plan(formats: list[Output] | None, output_file: Path | None, split_by=None, inputs=()) -> Targets:
    """Where each output goes; ``-o`` takes the one without a file. Raises ValueError in plain Chinese."""
    outputs = list(formats or [Output("text")])
    bare = [o for o in outputs if o.path is None]
    if len(bare) > 1 and output_file is None:
        raise ValueError("只能有一种格式输出到屏幕；其余请写成「格式=文件名」，如 --format html=报告.html")
    if output_file is not None:
        if len(bare) != 1:
            raise ValueError("-o 只用于一种未指定文件名的格式，如 --format html -o 报告.html")
        outputs = [Output(o.format, output_file) if o is bare[0] else o for o in outputs]
    for o in outputs:
        if o.format in BINARY and o.path is None:
            raise ValueError(f"{o.format} 是二进制文件，请指定文件名：--format {o.format}=问题{SUFFIX[o.format]} "
                             f"或 -o 问题{SUFFIX[o.format]}")
    paths = [o.path.resolve() for o in outputs if o.path]
    if len(paths) != len(set(paths)):
        raise ValueError("两种输出格式写到了同一个文件")
    split_dir, split_formats = None, ()
    if split_by:
        key, folder = split_by
        if key not in ("agency", "机关"):
            raise ValueError(f"--split-by 目前只支持 agency（按机关），不支持「{key}」")
        split_dir = Path(folder)
        split_formats = tuple(f for f in SPLITTABLE if any(o.format == f for o in outputs)) or ("html",)
    check_targets(outputs, inputs, split_dir)
    return Targets(outputs, split_dir, split_formats, tuple(str(p) for p in inputs))


def shows_reports(targets: Targets) -> bool:
    """Whether an output shows reports' tables (the HTML report, the files per agency)."""
    return targets.split_dir is not None or any(o.format == "html" for o in targets.outputs)


def emit(targets: Targets, run: Run, err=None) -> None:
    """Write every output and the per-agency files; say on standard error what was written."""
    run.waived = sum(len(getattr(r, "waived", ())) for r in run.results)
    written = write_all(targets.outputs, run)
    if targets.split_dir is not None:
        parts = split(run, targets.split_dir, list(targets.split_formats), targets.inputs)
        if err is not None:
            err.print(f"gixlint: 按机关写出 {len(parts)} 个文件到 {targets.split_dir}", highlight=False,
                      markup=False)
    if err is not None:
        for path in written:
            err.print(f"gixlint: 已写入 {path}", highlight=False, markup=False)


def check_targets(outputs: list[Output], inputs, split_dir: Path | None = None) -> None:
    """Refuse to write over a report being checked. Raises ValueError in plain Chinese."""
    existing = [o for o in outputs if o.path and o.path.exists()]    # one not there yet is no report
    for o in existing:
        if o.path.is_dir():
            raise ValueError(f"输出文件 {o.path} 是一个文件夹")
    if existing:
        checked = _identities(inputs)
        for o in existing:
            if _identity(o.path) in checked:
                raise ValueError(f"输出文件 {o.path} 是被检查的报告之一，不会覆盖它")
    if split_dir is not None and split_dir.exists() and not split_dir.is_dir():
        raise ValueError(f"{split_dir} 已存在且不是文件夹")


def _identity(path) -> tuple[int, int] | None:
    """The file itself, whatever path or link names it (a hard link too): device and inode."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return st.st_dev, st.st_ino


def _identities(paths) -> set[tuple[int, int]]:
    """The files' identities: a stat each, where resolving every path of a 100,000-file run
    walked each one's folders."""
    return {i for i in map(_identity, paths) if i is not None}


def render(fmt: str, run: Run, view=None, about: str = "") -> str | bytes:
    """The whole output in one format (text is written by :func:`write`, straight to a console).
    ``about``: whose reports these are (one agency's file of a split), for the page's title."""
    if fmt == "json":
        from gixlint.report import json as json_reporter

        return json_reporter.render(run.results, run.stale, run.waived, run.rules, run.config_used) + "\n"
    if fmt == "csv":
        from gixlint.report import csv as csv_reporter

        return csv_reporter.render(run.results)
    if fmt == "sarif":
        from gixlint.report import sarif

        return sarif.render(run.results, run.rules) + "\n"
    if fmt == "github":
        from gixlint.report import github

        return github.render(run.results)
    if fmt == "junit":
        from gixlint.report import junit

        return junit.render(run.results)
    from gixlint.report import view as views

    view = view or views.build(run.results, run.rules)
    if fmt == "xlsx":
        from gixlint.report import xlsx

        return xlsx.render(view, about)
    if fmt == "html":
        from gixlint.report import html

        return html.render(view, f"{about} · {html.TITLE}" if about else html.TITLE)
    raise ValueError(fmt)


def write_all(outputs: list[Output], run: Run) -> list[Path]:
    """Write every output; return the files written."""
    written, view = [], None
    for o in outputs:
        if o.format in ("html", "xlsx") and view is None:
            from gixlint.report import view as views

            view = views.build(run.results, run.rules)
        if o.format == "text":
            _text(run, o.path)
        elif o.format == "html" and o.path is not None:
            from gixlint.report import html

            with _open(o.path, "w") as f:
                f.writelines(html.chunks(view))
        elif o.format == "json":         # written as made: no copy of a 100,000-report document
            from gixlint.report import json as json_reporter

            pieces = json_reporter.chunks(run.results, run.stale, run.waived, run.rules, run.config_used)
            if o.path is None:
                sys.stdout.writelines(pieces)
                sys.stdout.write("\n")
            else:
                with _open(o.path, "w") as f:
                    f.writelines(pieces)
                    f.write("\n")
        else:
            data = render(o.format, run, view)
            if o.path is None:
                _stdout(data, newline="" if o.format == "csv" else None)
            else:
                _save(o.path, data)
        if o.path:
            written.append(o.path)
    return written


def write(fmt: str, run: Run) -> None:
    """Print the run to standard output in ``fmt``."""
    write_all([Output(fmt)], run)


def split(run: Run, directory: Path, formats: list[str], inputs=()) -> list[Path]:
    """One file per agency in ``directory`` (HTML, xlsx or both): 「示例县教育局-检查结果.html」."""
    from gixlint.report import view as views
    from gixlint.report.split import by_agency

    directory.mkdir(parents=True, exist_ok=True)
    checked = {Path(p).resolve() for p in inputs}
    written = []
    for name, results in by_agency(run.results):
        part = Run(results, run.rules)
        view = views.build(results, run.rules)
        for fmt in formats:
            path = directory / f"{name}-检查结果{SUFFIX[fmt]}"
            if path.resolve() in checked:
                continue
            _save(path, render(fmt, part, view, about=name))
            written.append(path)
    return written


def console_options(color: str) -> dict:
    """rich Console arguments for ``--color``: auto leaves it to the terminal, and NO_COLOR (set
    to anything) turns every style off, bold too; an explicit ``--color always`` wins over it."""
    import os

    if color == "auto" and os.environ.get("NO_COLOR"):
        color = "never"
    if color == "always":
        return {"force_terminal": True, "no_color": False, "color_system": "standard"}
    if color == "never":
        return {"color_system": None, "no_color": True}
    return {}


def wants_style(color: str) -> bool:
    """Whether the terminal text gets rich's styling: ``--color always``, or ``auto`` on a terminal
    (or with FORCE_COLOR) unless NO_COLOR is set. Anything else is written plain, without rich."""
    import os

    if color != "auto":
        return color == "always"
    if os.environ.get("NO_COLOR"):
        return False
    return bool(os.environ.get("FORCE_COLOR")) or (hasattr(sys.stdout, "isatty") and sys.stdout.isatty())


def _text(run: Run, path: Path | None) -> None:
    from gixlint.report import text as text_reporter

    show = {"show_clean": run.show_clean, "rules": run.rules, "quiet": run.quiet}
    if path is not None:
        with _open(path, "w") as f:
            text_reporter.write_plain(run.results, f, **show)
    elif wants_style(run.color):
        from rich.console import Console

        text_reporter.render(run.results, Console(highlight=False, **console_options(run.color)), **show)
    else:
        text_reporter.write_plain(run.results, sys.stdout, **show)


def _stdout(data: str, newline=None) -> None:
    if newline is not None and hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(newline=newline)  # the CSV writer already ends rows with CRLF
    sys.stdout.write(data)


def _save(path: Path, data: str | bytes) -> None:
    with _open(path, "wb" if isinstance(data, bytes) else "w") as f:
        f.write(data)


def _open(path: Path, mode: str):
    path.parent.mkdir(parents=True, exist_ok=True)
    if "b" in mode:
        return open(path, mode)
    return open(path, mode, encoding="utf-8", newline="")
