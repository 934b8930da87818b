"""Command line: ``gixlint PATH…`` lints, ``gixlint parse FILE`` shows the AST, ``gixlint rules`` lists rules.

Exit codes: 0 no finding at or above ``--fail-on``; 1 there are; 2 usage, configuration or
internal error. Only machine output goes to stdout; progress and logs go to stderr. Each command
has its module: :mod:`.lint`, :mod:`.parse`, :mod:`.rules`; :mod:`.collect` finds the files.
"""

from __future__ import annotations

import os
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


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # numpy's OpenBLAS starts a thread per core when imported, for matrix work gixlint never
    # does (MinHash is elementwise); on a supervisor's machine those threads only compete with
    # the worker processes. A setting the user made is left as it is.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
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
    finally:
        from gixlint.vocab import dataclasscache, regexcache

        regexcache.keep()      # the patterns this run compiled, for the next run
        dataclasscache.keep()  # and the dataclass methods
