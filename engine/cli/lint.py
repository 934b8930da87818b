"""``gixlint PATH…``: lint reports, run the cross-report step, print findings, set the exit code."""

from __future__ import annotations

import argparse
import os
from datetime import date
from pathlib import Path

from gixlint.cli import outputs
from gixlint.cli.argparse_zh import ArgumentParser
from gixlint.cli.collect import collect
from gixlint.cli.exits import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK
from gixlint.lint.findings import SEVERITY_RANK


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应为 YYYY-MM-DD：{text}") from None


def _list(text: str) -> list[str]:
    return [s.strip() for s in text.replace("，", ",").split(",") if s.strip()]


def _severities(text: str) -> dict[str, str]:
    out = {}
    for item in _list(text):
        selector, _, level = item.partition("=")
        if level not in ("error", "warning", "info"):
            raise argparse.ArgumentTypeError(f"应为 规则=级别（error/warning/info）：{item}")
        out[selector.strip()] = level
    return out


def _lint_parser() -> ArgumentParser:
    p = ArgumentParser(
        prog="gixlint",
        description="检查政府信息公开工作年度报告（国办公开办函〔2021〕30号格式）。"
                    "其他命令：parse FILE（显示解析结果）、rules（列出规则）、rule 编号（规则说明）、"
                    "check-rules 规则包.toml、test-rules 用例目录、plugins（已加载的插件）、"
                    "annotate 报告.docx（另存一份带批注的 Word 副本）。",
    )
    p.add_argument("paths", nargs="+", type=Path, help="报告文件或文件夹（递归查找 .txt .md .docx .html .mht .pdf 等）")
    p.add_argument("--format", type=outputs.format_spec, action="append", default=None, metavar="格式[=文件]",
                   help="输出格式，可多次：text（默认）、json、csv、html（可邮寄的单个网页）、xlsx（电子表格）、"
                        "sarif、github（工作流注释）、junit；写成 格式=文件名 则写入文件，如 html=报告.html")
    p.add_argument("--output-file", "-o", type=Path, default=None, help="把未指定文件名的那种格式写入此文件")
    p.add_argument("--split-by", nargs=2, metavar=("agency", "文件夹"), default=None,
                   help="每个机关一个文件（html 与/或 xlsx，默认 html），写入此文件夹，便于分别发回")
    p.add_argument("--fail-on", choices=("error", "warning", "info", "never"), default=None,
                   help="有此级别及以上的发现时退出码为 1（默认 error，strict 配置为 warning）")
    p.add_argument("--select", type=_list, default=None, help="只运行这些规则：编号、编号前缀、名称或类别，逗号分隔")
    p.add_argument("--ignore", type=_list, default=None, help="不运行这些规则（同上）")
    p.add_argument("--severity", type=_severities, action="append", default=[],
                   help="调整级别，如 GIX104=warning 或 dates=info（可多次，逗号分隔）")
    p.add_argument("--rules", type=Path, action="append", default=[], help="额外的 TOML 规则包（可多次）")
    p.add_argument("--config", type=Path, default=None,
                   help="配置文件（默认：从当前目录向上最近的 gixlint.toml 或含 [tool.gixlint] 的 pyproject.toml）")
    p.add_argument("--profile", choices=("default", "strict"), default=None, help="规则配置档")
    p.add_argument("--require-plugins", type=_list, default=[], help="必须加载成功的插件，缺少则退出码 2")
    p.add_argument("--baseline", type=Path, default=None, help="豁免清单（JSON）：其中的问题不再报告")
    p.add_argument("--write-baseline", type=Path, default=None, help="把本次全部问题写成豁免清单（JSON）")
    p.add_argument("--roster", type=Path, default=None,
                   help="名单（CSV：机关名称、类型、发布期限）：列出没有报告的机关，按名单核对发布期限")
    p.add_argument("--today", type=_date, default=None, help="以此日期为今天（YYYY-MM-DD），用于复现结果")
    p.add_argument("--no-plugins", action="store_true", help="不运行任何插件：已安装的和配置中 plugins 指明的本地插件都不运行")
    p.add_argument("--allow-local-plugins", action="store_true",
                   help="运行自动找到的配置中 plugins 指明的本地插件（Python 代码；用 --config 指定的配置不需要此项）")
    p.add_argument("--isolated", action="store_true", help="不读任何配置文件（gixlint.toml、pyproject.toml）")
    p.add_argument("--rule-timeout", type=float, default=10.0, metavar="秒",
                   help="每条规则检查一份报告的时限（默认 10 秒），超时的规则中止并报告，本次不再执行")
    p.add_argument("--show-clean", action="store_true", help="也列出没有问题的文件")
    p.add_argument("--no-progress", action="store_true", help="不显示进度条")
    p.add_argument("--jobs", "-j", type=int, default=0, help="并行进程数（默认：64 个文件以上用全部 CPU）")
    return p


def lint(argv: list[str]) -> int:
    args = _lint_parser().parse_args(argv)
    from rich.console import Console
    from rich.markup import escape

    from gixlint.corpus import baseline, roster
    from gixlint.corpus.step import check_corpus
    from gixlint.lint import bounds, trust
    from gixlint.lint.linter import Linter
    from gixlint.lint.packs import ConfigError
    from gixlint.report.inert import terminal

    err = Console(stderr=True, soft_wrap=True)
    files, missing, skipped = collect(args.paths)
    try:
        targets = outputs.plan(args.format, args.output_file, args.split_by, files)
    except ValueError as exc:
        err.print(f"[red]gixlint: {escape(str(exc))}[/red]", highlight=False)
        return EXIT_ERROR
    for m in missing:
        err.print(f"[red]gixlint: 找不到 {escape(m)}[/red]")
    for note in skipped:
        err.print(f"gixlint: {terminal(note)}", style="yellow", markup=False, highlight=False)
    if not files and not missing:
        from gixlint.read import SUFFIXES

        err.print(f"[yellow]gixlint: 没有找到可检查的报告文件（{'、'.join(sorted(SUFFIXES))}）[/yellow]")
    try:
        settled = trust.settle(args.config, Path.cwd(), args.paths, args.isolated, args.allow_local_plugins,
                               args.no_plugins)
        for note in settled.notes:
            err.print(f"gixlint: {terminal(note)}", style="yellow", markup=False, highlight=False)
        settings = settled.config
        if args.profile:
            settings.profile = args.profile
        severity = {k: v for d in args.severity for k, v in d.items()}
        roster_path = args.roster or settings.roster
        options = dict(today=args.today, select=args.select, ignore=args.ignore, packs=args.rules,
                       severity=severity, load_plugins=not args.no_plugins, config=settings,
                       require_plugins=args.require_plugins, roster=roster.load(roster_path) if roster_path else None,
                       limits=bounds.Limits(seconds=args.rule_timeout))
        linter = Linter.create(**options)
        waivers = baseline.load(args.baseline) if args.baseline else []
    except ConfigError as exc:
        err.print(f"[red]gixlint: 配置错误：[/red]{escape(str(exc))}", highlight=False, soft_wrap=True)
        return EXIT_ERROR
    # a clerk linting one file beside the supervisor's gixlint.toml gets the roster's deadline, not
    # a list of every other agency that has not published
    linter.context.options["roster_coverage"] = bool(args.roster) or any(p.is_dir() for p in args.paths)
    coverage = [r.id for r in linter.rules if r.kind == "roster-coverage"]
    if linter.context.roster is None and args.select and coverage:
        err.print(f"[yellow]gixlint: 没有名单（--roster 或配置中的 roster），{'、'.join(coverage)} 不会检查任何内容[/yellow]")
    for pack in settings.skipped_packs:
        err.print(f"gixlint: 未加载规则包 {terminal(pack)}：它用到的检查类型来自没有运行的本地插件", style="yellow",
                  markup=False, highlight=False)
    for name, reason in linter.registry.failed:
        err.print(f"[yellow]gixlint: 插件 {escape(name)} 加载失败：{escape(reason)}[/yellow]", highlight=False)
    jobs = args.jobs if args.jobs else (min(os.cpu_count() or 1, 8) if len(files) >= 64 else 1)
    results = _run(linter, files, err, not args.no_progress, jobs, options)
    check_corpus(linter, results)
    before = sum(len(r.findings) for r in results)
    stale = baseline.apply(waivers, results) if waivers else []
    waived = before - sum(len(r.findings) for r in results)
    if waivers:
        err.print(f"gixlint: 按豁免清单 {escape(str(args.baseline))} 略去 {waived} 个已接受的问题")
    for w in stale:
        err.print(f"[yellow]gixlint: 豁免不再匹配任何问题，可删除：{escape(w.describe())}[/yellow]", highlight=False)
    if args.write_baseline:
        count = baseline.write(args.write_baseline, results)
        err.print(f"gixlint: 已把 {count} 条问题写入 {escape(str(args.write_baseline))}（请填写每条的 reason）")
    outputs.emit(targets, outputs.Run(results, linter.rules, stale, show_clean=args.show_clean,
                                                config_used=settled.to_json()), err)
    if missing:
        return EXIT_ERROR
    fail_on = args.fail_on or settings.fail_on or ("warning" if settings.profile == "strict" else "error")
    if fail_on == "never" or args.write_baseline:
        return EXIT_OK
    threshold = SEVERITY_RANK[fail_on]
    failed = any(SEVERITY_RANK[f.severity] >= threshold for r in results for f in r.findings)
    return EXIT_FINDINGS if failed else EXIT_OK


def _run(linter, files, err, progress: bool, jobs: int, options: dict):
    """Lint every file, in worker processes for big folders; results keep the input order."""
    from gixlint.lint.linter import lint_files

    show = progress and len(files) > 1 and err.is_terminal
    if not show:
        return lint_files(linter, files, jobs, options)
    from rich.progress import Progress

    with Progress(console=err, transient=True) as bar:
        task = bar.add_task("检查报告", total=len(files))
        return lint_files(linter, files, jobs, options, done=lambda: bar.advance(task))
