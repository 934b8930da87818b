"""``gixlint annotate 报告.docx [-o 报告.批注.docx]``: a copy of the Word file with the findings as comments."""

from __future__ import annotations

from pathlib import Path

from gixlint.cli.argparse_zh import ArgumentParser
from gixlint.cli.exits import EXIT_ERROR, EXIT_OK


def _parser() -> ArgumentParser:
    p = ArgumentParser(prog="gixlint annotate",
                       description="检查一份 Word 报告，另存一份副本，把每个问题作为批注写在对应的段落或表格单元格上。"
                                   "原文件不会被修改。")
    p.add_argument("path", type=Path, help="Word 报告（.docx）")
    p.add_argument("-o", "--output", type=Path, default=None, help="副本的文件名（默认：原名加「.批注.docx」，放在原文件旁边）")
    p.add_argument("--today", default=None, help="以此日期为今天（YYYY-MM-DD），用于复现结果")
    p.add_argument("--rules", type=Path, action="append", default=[], help="额外的 TOML 规则包（可多次）")
    p.add_argument("--no-plugins", action="store_true", help="不加载已安装的插件")
    return p


def annotate_command(argv: list[str]) -> int:
    import sys
    from datetime import date

    from gixlint.lint.linter import Linter
    from gixlint.lint.packs import ConfigError
    from gixlint.report.annotate import annotate
    from gixlint.report.verdict import verdict

    args = _parser().parse_args(argv)
    source: Path = args.path
    target: Path = args.output or source.with_name(f"{source.stem}.批注.docx")

    def fail(message: str) -> int:
        print(f"gixlint annotate: {message}", file=sys.stderr)
        return EXIT_ERROR

    if source.suffix.lower() != ".docx":
        return fail(f"只能给 Word 文档（.docx）加批注：{source}")
    if not source.is_file():
        return fail(f"找不到 {source}")
    if target.exists() and target.resolve() == source.resolve():
        return fail("副本不能与原文件同名：原文件从不修改，请用 -o 另给一个文件名")
    try:
        today = date.fromisoformat(args.today) if args.today else None
    except ValueError:
        return fail(f"日期应为 YYYY-MM-DD：{args.today}")
    try:
        linter = Linter.create(today=today, packs=args.rules, load_plugins=not args.no_plugins)
        linter.context.options["digests"] = False          # one file: compared with nothing
    except ConfigError as exc:
        return fail(f"配置错误：{exc}")
    data = source.read_bytes()
    result = linter.lint_file(source)
    if result.report is None or result.report.layout != "docx":
        reason = result.findings[0].message if result.findings else "不是 Word 文档"
        return fail(f"无法读取 {source}：{reason}")
    try:
        annotated, count = annotate(data, result.report, result.findings)
        target.write_bytes(annotated)
    except OSError as exc:
        return fail(f"无法写入 {target}：{exc}")
    print(f"已写入 {target}：{count} 处批注，{verdict(result.findings)}")
    return EXIT_OK
