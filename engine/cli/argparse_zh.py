"""argparse, speaking Chinese: a clerk who mistypes an option reads what went wrong in her language.

argparse's own words come from gettext with no Chinese catalogue, so the few messages a user can
meet are translated here, where they are printed; anything not listed passes through unchanged.
"""

from __future__ import annotations

import argparse
import os
import re
import sys

_MESSAGES = (
    (r"unrecognized arguments: (.*)", r"无法识别的参数：\1"),
    (r"the following arguments are required: (.*)", r"缺少必需的参数：\1"),
    (r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)", r"参数 \1 的值 \2 无效，可选：\3"),
    (r"argument (\S+): expected one argument", r"参数 \1 后面需要一个值"),
    (r"argument (\S+): expected at least one argument", r"参数 \1 后面至少需要一个值"),
    (r"argument (\S+): expected (\d+) arguments", r"参数 \1 后面需要 \2 个值"),
    (r"argument (\S+): ignored explicit argument (.*)", r"参数 \1 不接受值 \2"),
    (r"argument (\S+): invalid (\w+) value: (.*)", r"参数 \1 的值 \3 无效"),
    (r"argument (\S+): not allowed with argument (\S+)", r"参数 \1 不能与 \2 同时使用"),
    (r"ambiguous option: (\S+) could match (.*)", r"选项 \1 有歧义，可能是：\2"),
    (r"argument (\S+): (.*)", r"参数 \1：\2"),
)
_HELP = (("usage: ", "用法："), ("positional arguments:", "位置参数："), ("optional arguments:", "选项："),
         ("options:", "选项："), ("show this help message and exit", "显示本帮助并退出"))


def translate(message: str) -> str:
    for pattern, replacement in _MESSAGES:
        if re.fullmatch(pattern, message, flags=re.S):
            return re.sub(pattern, replacement, message, count=1, flags=re.S)
    return message


class ArgumentParser(argparse.ArgumentParser):
    """An ``argparse.ArgumentParser`` whose usage, help and errors are in Chinese."""

    def format_usage(self) -> str:
        return _help_words(super().format_usage())

    def format_help(self) -> str:
        return _help_words(super().format_help())

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：错误：{translate(message)}\n")

    def _get_formatter(self):
        # argparse makes a formatter for every add_argument (to check its metavar), and each one
        # asks shutil for the terminal's width: importing shutil (with bz2 and lzma) cost a one-file
        # run more than building its whole command line. The width is asked of os directly.
        return self.formatter_class(prog=self.prog, width=_width())


def _width() -> int:
    """Columns for help text, as argparse works them out: $COLUMNS, else the terminal's, else 80;
    less two."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return (columns or 80) - 2


def _help_words(text: str) -> str:
    for english, chinese in _HELP:
        text = text.replace(english, chinese)
    return text
