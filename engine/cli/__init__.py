"""Command line: ``gixlint PATH…`` lints, ``gixlint parse FILE`` shows the AST, ``gixlint rules`` lists rules.

Exit codes: 0 no finding at or above ``--fail-on``; 1 there are; 2 usage, configuration or
internal error. Only machine output goes to stdout; progress and logs go to stderr. Each command
has its module: :mod:`.lint`, :mod:`.parse`, :mod:`.rules`; :mod:`.collect` finds the files.
"""

from __future__ import annotations

import sys

from gixlint.cli.exits import EXIT_ERROR, EXIT_OK


def _commands():
    from gixlint.cli import rules as cli_rules
    from gixlint.cli.annotate import annotate_command
    from gixlint.cli.parse import parse_command
    from gixlint.cli.serve import serve_command

    return {"parse": parse_command, "rules": cli_rules.rules, "rule": cli_rules.rule,
            "check-rules": cli_rules.check_rules, "test-rules": cli_rules.test_rules,
            "plugins": cli_rules.plugins, "annotate": annotate_command,
            "serve": serve_command}


COMMANDS = ("parse", "rules", "rule", "check-rules", "test-rules", "plugins", "annotate", "serve")


class StderrConsole:
    """A rich ``Console``, made when first used: a run that prints nothing to the terminal (JSON to
    stdout, no warning) does not import rich for it. Takes Console's arguments."""

    def __init__(self, **options) -> None:
        object.__setattr__(self, "_options", options)
        object.__setattr__(self, "_made", None)

    def _console(self):
        made = self._made
        if made is None:
            from rich.console import Console

            made = Console(**self._options)
            object.__setattr__(self, "_made", made)
        return made

    def __getattr__(self, name: str):
        return getattr(self._console(), name)

    def __setattr__(self, name: str, value) -> None:
        setattr(self._console(), name, value)

    def __enter__(self):
        return self._console().__enter__()

    def __exit__(self, *exc):
        return self._console().__exit__(*exc)


def escape(markup: str) -> str:
    """rich's ``markup.escape``, importing rich only when something is printed."""
    from rich.markup import escape as rich_escape

    return rich_escape(markup)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv in (["--version"], ["-V"]):
        from gixlint import __version__

        print(f"gixlint {__version__}")
        return EXIT_OK
    try:
        if argv and argv[0] in COMMANDS:  # a folder named like a command: write ./parse
            return _commands()[argv[0]](argv[1:])
        from gixlint.cli.lint import lint

        return lint(argv)
    except SystemExit as exc:  # argparse: usage errors are exit code 2
        return int(exc.code or 0) if isinstance(exc.code, int) else EXIT_ERROR
    except KeyboardInterrupt:
        return EXIT_ERROR
    except Exception as exc:  # an internal error must still say what happened
        import traceback

        traceback.print_exc()
        print(f"gixlint: 内部错误：{exc}", file=sys.stderr)
        return EXIT_ERROR
