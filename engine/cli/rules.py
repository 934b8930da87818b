"""Commands for people who write rules: rules, rule, check-rules, test-rules, plugins."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from gixlint.cli.argparse_zh import ArgumentParser
from gixlint.cli.exits import EXIT_ERROR, EXIT_OK

EXIT_FAIL = 1


def _linter(packs=(), config_path: Path | None = None, strict: bool = False):
    """The rules a lint run in this folder would have: its config's packs and plugins, plus ``packs``."""
    from gixlint.lint import config
    from gixlint.lint.linter import Linter

    settings = config.discover(config_path, Path.cwd())
    if strict:
        settings.profile = "strict"
    return Linter.create(packs=list(packs), config=settings)


def rules(argv: list[str]) -> int:
    p = ArgumentParser(prog="gixlint rules", description="列出全部规则（含插件和 --rules 加载的规则包）。")
    p.add_argument("--rules", type=Path, action="append", default=[], help="同时列出此规则包中的规则")
    p.add_argument("--config", type=Path, default=None, help="配置文件（默认：最近的 gixlint.toml / pyproject.toml）")
    p.add_argument("--all", action="store_true", help="也列出默认关闭的规则")
    p.add_argument("--format", choices=("text", "json"), default="text")
    args = p.parse_args(argv)
    from gixlint.lint.packs import ConfigError

    try:
        linter = _linter(args.rules, args.config, strict=args.all)
    except ConfigError as exc:
        print(f"gixlint: {exc}", file=sys.stderr)
        return EXIT_ERROR
    if args.format == "json":
        rows = [{"id": r.id, "name": r.name, "aliases": r.aliases, "category": r.category, "severity": r.severity,
                 "kind": r.kind, "pack": r.pack, "enabled": r.enabled, "summary": r.doc.get("what", "")}
                for r in linter.rules]
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    console = Console()
    if not console.is_terminal:  # piped: one tab-separated line per rule, nothing cut off
        for r in linter.rules:
            print("\t".join((r.id, r.name, r.category, r.severity, r.pack, r.doc.get("what", ""))))
        return EXIT_OK
    table = Table("编号", "名称", "类别", "级别", "规则包", "说明", show_lines=False)
    for r in linter.rules:
        table.add_row(r.id, r.name, r.category, r.severity, r.pack, r.doc.get("what", ""))
    console.print(table)
    if not args.all:
        console.print("默认关闭的规则不在此列；gixlint rules --all 列出全部。", style="dim")
    return EXIT_OK


def rule(argv: list[str]) -> int:
    p = ArgumentParser(prog="gixlint rule", description="显示一条规则的说明：检查什么、为什么、依据、反例和正例。")
    p.add_argument("code", help="规则编号、名称或别名，如 GIX301 或 t3-row-total")
    p.add_argument("--rules", type=Path, action="append", default=[])
    p.add_argument("--config", type=Path, default=None)
    args = p.parse_args(argv)
    from gixlint.lint.packs import ConfigError

    try:
        linter = _linter(args.rules, args.config, strict=True)
    except ConfigError as exc:
        print(f"gixlint: {exc}", file=sys.stderr)
        return EXIT_ERROR
    wanted = args.code.strip()
    found = next((r for r in linter.rules if wanted.upper() == r.id or wanted in (r.name, *r.aliases)), None)
    if found is None:
        print(f"gixlint: 没有规则 {wanted}；用 gixlint rules 查看全部规则", file=sys.stderr)
        return EXIT_ERROR
    console = Console(highlight=False, soft_wrap=True)
    r = found
    console.print(f"[bold]{escape(r.id)} {escape(r.name)}[/bold]  （类别 {escape(r.category)}，级别 {r.severity}，"
                  f"规则包 {escape(r.pack)}{'，默认关闭' if not r.enabled else ''}）")
    doc = r.doc

    def block(title: str, text: str) -> None:
        console.print(f"\n[bold]{title}[/bold]")
        console.print(text.strip("\n"), markup=False)

    for title, key in (("检查什么", "what"), ("为什么", "why"), ("依据", "source")):
        if doc.get(key):
            block(title, doc[key])
    kind = linter.registry.kinds[r.kind]
    lines = [f"检查类型 {r.kind}：{kind.doc}"]
    lines += [f"  {key} = {json.dumps(value, ensure_ascii=False)}" for key, value in r.params.items()
              if value not in (None, "", [], {})]
    if r.when:
        lines.append(f"  when = {r.when}")
    block("检查方式", "\n".join(lines))
    block("提示信息模板", r.message)
    for title, key in (("反例（会报告）", "fail"), ("正例（不报告）", "pass")):
        if doc.get(key):
            block(title, doc[key])
    return EXIT_OK


def check_rules(argv: list[str]) -> int:
    p = ArgumentParser(prog="gixlint check-rules", description="检查 TOML 规则包是否有效（键、类型、公式）。")
    p.add_argument("packs", nargs="+", type=Path)
    args = p.parse_args(argv)
    from gixlint.lint.packs import ConfigError, load_pack
    from gixlint.lint.plugins import build_registry

    registry = build_registry()
    status = EXIT_OK
    known: dict[str, str] = {}
    for source in registry.packs:
        pack = load_pack(source, registry.kinds)
        known.update({r.id: pack.name for r in pack.rules})
    for path in args.packs:
        try:
            pack = load_pack(path, registry.kinds)
        except ConfigError as exc:
            print(f"{exc}", file=sys.stderr)
            status = EXIT_ERROR
            continue
        clash = sorted(set(known) & {r.id for r in pack.rules})
        if clash:
            taken = "；".join(f"{rid}（已在规则包 {known[rid]} 中）" for rid in clash)
            print(f"{path}: 规则编号与已加载的规则重复：{taken}。请换一个前缀（pack.prefix）", file=sys.stderr)
            status = EXIT_ERROR
            continue
        print(f"{path}: 有效，规则包 {pack.name} {pack.version}，{len(pack.rules)} 条规则")
    return status


def test_rules(argv: list[str]) -> int:
    p = ArgumentParser(prog="gixlint test-rules", description="运行规则测试用例（TOML：报告 + 应出现/不应出现的问题）。")
    p.add_argument("paths", nargs="+", type=Path, help="用例文件或目录")
    args = p.parse_args(argv)
    from gixlint.lint.packs import ConfigError
    from gixlint.testing.harness import load_cases

    try:
        cases = load_cases(*args.paths)
    except ConfigError as exc:
        print(f"gixlint: {exc}", file=sys.stderr)
        return EXIT_ERROR
    console = Console(highlight=False, soft_wrap=True)
    failed = 0
    for case in cases:
        try:
            problems = case.run()
        except ConfigError as exc:
            problems = [f"配置错误：{exc}"]
        if problems:
            failed += 1
            console.print(f"[red]FAIL[/red] {escape(str(case))}")
            for line in problems:
                console.print(f"     {line}", markup=False)
        else:
            console.print(f"[green]ok[/green]   {escape(str(case))}")
    console.print(f"\n{len(cases) - failed} passed, {failed} failed")
    return EXIT_FAIL if failed else EXIT_OK


def plugins(argv: list[str]) -> int:
    p = ArgumentParser(prog="gixlint plugins", description="列出已加载的插件、检查类型和规则包，以及加载失败的插件。")
    p.parse_args(argv)
    from gixlint.lint.packs import ConfigError, load_pack
    from gixlint.lint.plugins import build_registry

    registry = build_registry()
    console = Console(highlight=False, soft_wrap=True)
    console.print("[bold]插件[/bold]")
    console.print("  gixlint（内置） " + _version())
    for name, version in registry.loaded:
        console.print(f"  {escape(name)} {escape(version)}")
    for name, reason in registry.failed:
        console.print(f"  [red]加载失败[/red] {escape(name)}：{escape(reason)}")
    console.print("[bold]检查类型[/bold]")
    for name in sorted(registry.kinds):
        console.print(f"  {name:<24} 来自 {registry.kind_source.get(name, '?')}")
    console.print("[bold]规则包[/bold]")
    status = EXIT_OK
    for source in registry.packs:
        try:
            pack = load_pack(source, registry.kinds)
            console.print(f"  {pack.name} {pack.version}（{len(pack.rules)} 条规则）来自 "
                          f"{registry.pack_source.get(str(source), '?')}：{source}", markup=False)
        except ConfigError as exc:
            console.print(f"  [red]无效[/red] {escape(str(exc))}")
            status = EXIT_ERROR
    return EXIT_FAIL if registry.failed else status


def _version() -> str:
    from gixlint import __version__

    return __version__
