"""``gixlint parse FILE``: the AST gixlint read, as a tree for people or JSON for scripts."""

from __future__ import annotations

import sys
from pathlib import Path

from gixlint.cli.argparse_zh import ArgumentParser
from gixlint.cli.exits import EXIT_ERROR, EXIT_OK


def parse_command(argv: list[str]) -> int:
    p = ArgumentParser(prog="gixlint parse", description="显示 gixlint 对一份报告的解析结果（AST）。")
    p.add_argument("file", type=Path)
    p.add_argument("--format", choices=("text", "json"), default="text")
    args = p.parse_args(argv)
    from rich.console import Console
    from rich.markup import escape

    from gixlint.parse import parse_file
    from gixlint.read import ReadError
    from gixlint.report import ast as ast_reporter
    from gixlint.vocab.limits import LimitExceeded

    try:
        report = parse_file(args.file)
    except (ReadError, OSError, LimitExceeded) as exc:   # a file over a limit says which, as lint does
        Console(stderr=True).print(f"[red]gixlint: {escape(str(args.file))}: {escape(str(exc))}[/red]")
        return EXIT_ERROR
    if args.format == "json":
        sys.stdout.write(ast_reporter.to_json_text(report) + "\n")
    else:
        ast_reporter.render(report, Console(highlight=False, markup=False, soft_wrap=True))
    return EXIT_OK
