"""``gixlint PATH…``: lint reports, run the cross-report step, print findings, set the exit code."""

from __future__ import annotations

import argparse
import os
import sys
import time
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
    p.add_argument("paths", nargs="+", type=Path,
                   help="报告文件或文件夹（递归查找 .txt .md .docx .html .mht .pdf 等）；- 表示从标准输入读一份报告")
    p.add_argument("--stdin-filename", default=None, metavar="文件名",
                   help="从标准输入读的报告叫什么名字：输出中显示它，按它的后缀读取，按它所在位置找配置文件")
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
                   help="配置文件，用于全部文件（默认：每个文件用它上方最近的 gixlint.toml 或含 [tool.gixlint] 的 "
                        "pyproject.toml，没有时用当前目录上方的）")
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
    p.add_argument("--jobs", "-j", type=int, default=0, help="并行进程数（默认：全部 CPU；要检查的文件不足 8 个时只用 1 个，省去启动进程的时间）")
    files = p.add_argument_group("选择文件（glob 写法同 .gitignore，相对于适用的配置文件所在文件夹）")
    files.add_argument("--exclude", type=_list, default=None, metavar="GLOB,…",
                       help="不检查这些文件和文件夹，取代配置中的 exclude 和默认排除（.git、__MACOSX 等）")
    files.add_argument("--extend-exclude", type=_list, default=None, metavar="GLOB,…", help="在排除之外再排除这些")
    files.add_argument("--include", type=_list, default=None, metavar="GLOB,…",
                       help="文件夹中只检查这些文件（默认：能读取的全部类型）")
    files.add_argument("--extend-include", type=_list, default=None, metavar="GLOB,…", help="另外也检查这些文件")
    files.add_argument("--force-exclude", action="store_true", help="命令行直接写出的文件被排除时也不检查")
    shown = p.add_argument_group("显示")
    shown.add_argument("--quiet", "-q", action="store_true",
                       help="只输出问题：不显示进度条、汇总和“已写入”之类的说明（警告和错误照常显示）")
    shown.add_argument("--statistics", action="store_true",
                       help="屏幕上只输出每条规则的问题数（--format json 时为 JSON），不逐条列出")
    shown.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                       help="颜色：auto（默认，终端里有颜色，设了 NO_COLOR 环境变量则没有）、always、never")
    cached = p.add_argument_group("缓存")
    cached.add_argument("--no-cache", action="store_true", help="不读也不写检查结果的缓存，每个文件都重新检查（为加快启动而保留的语法表、正则和规则包不受影响）")
    cached.add_argument("--cache-dir", type=Path, default=None,
                        help="缓存所在文件夹（默认：环境变量 GIXLINT_CACHE_DIR，或用户缓存目录，Linux 为 ~/.cache/gixlint）")
    return p


def lint(argv: list[str]) -> int:
    args = _lint_parser().parse_args(argv)
    from gixlint.cli import stdin
    from gixlint.cli.stderr import StderrConsole as Console  # rich is imported when something is printed
    from gixlint.cli.stderr import escape
    from gixlint.report.inert import terminal

    err = Console(stderr=True, soft_wrap=True, **outputs.console_options(args.color))

    def warn(note: str) -> None:
        err.print(f"gixlint: {terminal(note)}", style="yellow", markup=False, highlight=False)

    def inform(note: str) -> None:      # what -q leaves out
        if not args.quiet:
            err.print(f"gixlint: {terminal(note)}", markup=False, highlight=False)

    cwd = Path.cwd()
    with stdin.Spooled(args.paths, args.stdin_filename) as spooled:
        if spooled.problem:
            err.print(f"[red]gixlint: {escape(spooled.problem)}[/red]", highlight=False)
            return EXIT_ERROR
        args.paths = spooled.paths
        return _lint(args, err, warn, inform, cwd, spooled)


def _lint(args, err, warn, inform, cwd: Path, spooled) -> int:
    from gixlint.cli.configs import Lookup
    from gixlint.cli.scope import Scope
    from gixlint.cli.stderr import escape
    from gixlint.lint.packs import ConfigError

    try:
        if args.isolated and args.config is not None:
            raise ConfigError("--isolated 表示不读任何配置文件，不能同时用 --config")
        lookup = Lookup(args.config, cwd, args.isolated, spooled.stand_ins)
        scope = Scope(lookup.config_for, cwd, args.exclude, args.extend_exclude, args.include, args.extend_include,
                      args.force_exclude)
        files, missing, skipped = collect(args.paths, scope)
    except ConfigError as exc:
        err.print(f"[red]gixlint: 配置错误：[/red]{escape(str(exc))}", highlight=False, soft_wrap=True)
        return EXIT_ERROR
    try:
        targets = outputs.plan(args.format, args.output_file, args.split_by, files)
    except ValueError as exc:
        err.print(f"[red]gixlint: {escape(str(exc))}[/red]", highlight=False)
        return EXIT_ERROR
    for m in missing:
        err.print(f"[red]gixlint: 找不到 {escape(m)}[/red]")
    for note in skipped:
        warn(note)
    if not files and not missing:
        from gixlint.read import SUFFIXES

        warn(f"没有找到可检查的报告文件（{'、'.join(sorted(SUFFIXES))}）")
    groups = lookup.groups(files)
    del files       # the groups hold them, as text, from here on
    try:
        for group in groups:
            _prepare(group, lookup, args, warn)
        if args.baseline or args.write_baseline:
            from gixlint.corpus import baseline
        waivers = baseline.load(args.baseline) if args.baseline else []
    except ConfigError as exc:
        err.print(f"[red]gixlint: 配置错误：[/red]{escape(str(exc))}", highlight=False, soft_wrap=True)
        return EXIT_ERROR
    timings: dict[str, float] = {}
    results, cached = _check(groups, args, err, warn, outputs.shows_reports(targets), timings)
    spooled.rename(results)
    if cached:
        inform(f"{cached} 个文件未改变，用了上次的检查结果")
    before = sum(len(r.findings) for r in results)
    stale = baseline.apply(waivers, results) if waivers else []
    waived = before - sum(len(r.findings) for r in results)
    if waivers:
        inform(f"按豁免清单 {args.baseline} 略去 {waived} 个已接受的问题")
    for w in stale:
        warn(f"豁免不再匹配任何问题，可删除：{w.describe()}")
    if args.write_baseline:
        count = baseline.write(args.write_baseline, results)
        inform(f"已把 {count} 条问题写入 {args.write_baseline}（请填写每条的 reason）")
    used = [g.settled.to_json() for g in groups if g.settled.to_json() is not None]
    rules = list({r.id: r for g in groups for r in g.linter.rules}.values())
    run = outputs.Run(results, rules, stale, show_clean=args.show_clean,
                      config_used=used[0] if len(used) == 1 else (used or None), quiet=args.quiet, color=args.color)
    if args.statistics:
        targets = _statistics(targets, run)
    start = time.perf_counter()
    outputs.emit(targets, run, None if args.quiet else err)
    timings["outputs"] = time.perf_counter() - start
    from gixlint.cli.checking import peak_mb

    timings["peak_mb_outputs"] = peak_mb()
    if os.environ.get("GIXLINT_TIMINGS"):      # for benchmarks/region.py: seconds per step on stderr
        sys.stderr.write("gixlint-timings " + " ".join(f"{k}={v:.3f}" for k, v in timings.items()) + "\n")
    if missing:
        return EXIT_ERROR
    if args.write_baseline:
        return EXIT_OK
    return EXIT_FINDINGS if any(_failed(g, args.fail_on, results, spooled.shown) for g in groups) else EXIT_OK


def _prepare(group, lookup, args, warn) -> None:
    """Settle the group's configuration and build its Linter; raises ConfigError."""
    from gixlint.lint.linter import Linter

    group.settled = lookup.settle(group, args.paths, args.allow_local_plugins, args.no_plugins)
    for note in group.settled.notes:
        warn(note)
    settings = group.settled.config
    if args.profile:
        settings.profile = args.profile
    severity = {k: v for d in args.severity for k, v in d.items()}
    roster_path = args.roster or settings.roster
    if roster_path:
        from gixlint.corpus import roster
    group.options = dict(today=args.today, select=args.select, ignore=args.ignore, packs=args.rules,
                         severity=severity, load_plugins=not args.no_plugins, config=settings,
                         require_plugins=args.require_plugins,
                         roster=roster.load(roster_path) if roster_path else None,
                         limits=_limits(settings, args.rule_timeout))
    linter = group.linter = Linter.create(**group.options)
    # a clerk linting one file beside the supervisor's gixlint.toml gets the roster's deadline, not
    # a list of every other agency that has not published
    linter.context.options["roster_coverage"] = bool(args.roster) or any(p.is_dir() for p in args.paths)
    coverage = [r.id for r in linter.rules if r.kind == "roster-coverage"]
    if linter.context.roster is None and args.select and coverage:
        warn(f"没有名单（--roster 或配置中的 roster），{'、'.join(coverage)} 不会检查任何内容")
    for pack in settings.skipped_packs:
        warn(f"未加载规则包 {pack}：它用到的检查类型来自没有运行的本地插件")
    for name, reason in linter.registry.failed:
        warn(f"插件 {name} 加载失败：{reason}")


def _check(groups, args, err, warn, keep_reports: bool, timings: dict):
    """Lint every group (cache first), then the cross-report step; results in file order."""
    from gixlint.cli.checking import check

    cache = None
    if not args.no_cache:
        from gixlint.corpus import cache as caching  # sqlite3: not for --no-cache

        cache = caching.Cache.open(args.cache_dir or caching.default_folder(), warn)
    try:
        return check(groups, err, not (args.no_progress or args.quiet), args.jobs, cache, keep_reports, timings)
    finally:
        if cache is not None:
            cache.close()


def _statistics(targets, run):
    """``--statistics``: the counts per rule take the place of the output on the screen."""
    from gixlint.report import statistics

    rows = statistics.count(run.results)
    screen = [o for o in targets.outputs if o.path is None]
    fmt = screen[0].format if screen else "text"
    sys.stdout.write(statistics.as_json(rows) if fmt == "json" else statistics.text(rows))
    targets.outputs = [o for o in targets.outputs if o.path is not None]
    return targets


def _failed(group, fail_on: str | None, results, shown=str) -> bool:
    """Whether a file of this group has a finding at its configuration's fail-on level."""
    settings = group.settled.config
    level = fail_on or settings.fail_on or ("warning" if settings.profile == "strict" else "error")
    if level == "never":
        return False
    threshold = SEVERITY_RANK[level]
    paths = {shown(str(f)) for _i, f in group.files}
    mine = [r for r in results if r.path in paths or (r.roster and group.linter.context.roster is not None
                                                        and r.path == group.linter.context.roster.path)]
    return any(SEVERITY_RANK[f.severity] >= threshold for r in mine for f in r.findings)


def _limits(settings, rule_timeout: float):
    """Make the configuration's [limits] the run's (worker processes inherit them); the rule bounds."""
    from gixlint.lint import bounds
    from gixlint.vocab import limits

    limits.use(limits.with_values(limits.Limits(), settings.limits))
    return bounds.Limits(seconds=rule_timeout, hits=limits.current().findings_per_rule)
