"""The linter: run every selected rule's check kind on a report and turn hits into findings."""

from __future__ import annotations

import re
import time
from collections import deque
from dataclasses import dataclass, field, replace
from datetime import date
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

from gixlint.checks.common import evaluator as shared_evaluator
from gixlint.lint import alone, bounds, pool, trust
from gixlint.lint.config import Config
from gixlint.lint.config import selectors as config_selectors
from gixlint.lint.findings import SEVERITY_RANK, TABLE_ZH, Finding
from gixlint.lint.formula import FormulaError, Uncheckable, compile_formula
from gixlint.lint.kinds import Context, Hit
from gixlint.lint.packs import ConfigError, Rule, load_pack
from gixlint.lint.plugins import Registry, build_registry
from gixlint.lint.record import ReportRecord, pack
from gixlint.lint.spill import pack as pack_value
from gixlint.parse.build import parse_file
from gixlint.parse.model import Report
from gixlint.read import ReadError
from gixlint.vocab import labels as L
from gixlint.vocab import limits

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def _as_list(value) -> list:
    return [value] if isinstance(value, str) else list(value)


def render(template: str, values: dict) -> str:
    """Fill ``{name}`` placeholders from ``values``; never evaluates anything."""
    return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), template)


def matches(rule: Rule, selector: str) -> bool:
    """A selector is a code or code prefix (GIX3), a rule name, an alias or a category."""
    s = selector.strip()
    return bool(s) and (rule.id.startswith(s.upper()) or s in (rule.name, rule.category) or s in rule.aliases)


@dataclass(slots=True)
class FileResult:
    """One file's findings, and what the run keeps of its report."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    report: Report | None = None    # the parsed report, when it was checked in this process and kept
    roster: bool = False        # the supervisor's roster, carrying GIX905's findings: not a report
    waived: list[Finding] = field(default_factory=list)   # per-file-ignores and baseline: not reported, still true
    record: ReportRecord | None = None   # what outputs need of the report (None: not read)
    # cross-report rule id → its digest of the report; or (from a worker) that dict pickled, or
    # kept on disk (gixlint.lint.spill; spill.digest gives one back in every case)
    digests: dict[str, Any] = field(default_factory=dict)

    def full_report(self) -> Report | None:
        """The parsed report: kept in this process, or unpacked from the record if it was kept
        compressed; None when it was not kept (or not read)."""
        if self.report is not None:
            return self.report
        return self.record.report() if self.record is not None else None

    def rename(self, path: str) -> None:
        """Name the checked file as the user knows it (an upload, standard input), everywhere."""
        self.path = path
        if self.record is not None:
            self.record.path = path
        if self.report is not None:
            self.report.path = path

    def travelling(self, keep_report: bool) -> FileResult:
        """This result as a worker sends it back: the record and digests, the report itself only
        compressed and only if ``keep_report``."""
        record = self.record
        if record is not None and keep_report and record.packed is None and self.report is not None:
            record = replace(record, packed=pack(self.report))
        # all the digests in one pickle: the main process keeps them as they come (gixlint.lint.spill)
        digests = pack_value(self.digests) if isinstance(self.digests, dict) and self.digests else self.digests
        return replace(self, report=None, record=record, digests=digests)


class Linter:
    """Holds the loaded rules; lint as many reports as you like with one instance."""

    def __init__(self, registry: Registry, rules: list[Rule], context: Context):
        self.registry = registry
        self.rules = rules
        self.context = context
        self.config = Config()
        self.limits = bounds.Limits()
        self.timed_out: dict[str, str] = {}     # rule id → the file it ran out of time on

    @classmethod
    def create(cls, today: date | None = None, select: list[str] | None = None,
               ignore: list[str] | None = None, packs: list[Path] | None = None,
               severity: dict[str, str] | None = None, load_plugins: bool = True,
               config: Config | None = None, require_plugins: list[str] | None = None,
               roster=None, limits: bounds.Limits | None = None) -> Linter:
        """Load kinds and packs, then choose rules: config first, command-line options on top.
        ``roster`` is a loaded :class:`gixlint.corpus.roster.Roster` (its deadlines apply to GIX506)."""
        config = config or Config()
        registry = build_registry(load_entry_points=load_plugins, local_plugins=config.plugins)
        for name in [*config.require_plugins, *(require_plugins or [])]:
            if not registry.has(name):
                failed = dict(registry.failed)
                reason = next((v for k, v in failed.items() if k.split(" ")[0] == name), "未安装")
                raise ConfigError(f"要求的插件 {name} 未加载：{reason}")
        rules: list[Rule] = []
        for source in [*registry.packs, *config.rules, *(packs or [])]:
            if config.refused_plugins and source in config.rules and trust.needs_missing_kind(source, registry.kinds):
                config.skipped_packs.append(str(source))    # its kinds come from a plugin that did not run
                continue
            plugin = registry.pack_source.get(str(source), "")
            try:
                pack = load_pack(source, registry.kinds)
            except ConfigError as exc:
                # an installed plugin's broken pack names itself and is left out, unless it is required
                required = {*config.require_plugins, *(require_plugins or [])}
                if source not in registry.packs or plugin.startswith("gixlint.") or plugin.split(" ")[0] in required:
                    raise
                registry.failed.append((plugin, f"规则包 {source} 无法加载，已跳过：{exc}"))
                continue
            taken = {r.id: r for r in rules}
            named = {r.name: r for r in rules}
            for r in pack.rules:
                if r.id in taken:
                    raise ConfigError(f"{source}: 规则编号 {r.id} 已由规则包 {taken[r.id].pack}（{taken[r.id].origin}）定义")
                if r.name in named:
                    raise ConfigError(f"{source}: 规则名称 {r.name}（{r.id}）已由 {named[r.name].id}"
                                      f"（规则包 {named[r.name].pack}）使用")
            rules.extend(pack.rules)
        selectors = select if select is not None else config.select
        strict = config.profile == "strict"
        references = config_selectors(config)
        references += [(s, "命令行") for s in [*(select or []), *(ignore or []), *(severity or {})]]
        for selector, where in references:
            if not any(matches(r, selector) for r in rules):
                raise ConfigError(f"{where}: 未知的规则引用「{selector}」：没有编号、名称、别名或类别与之匹配")
        chosen = [r for r in rules if r.enabled or strict]
        if selectors:
            chosen = [r for r in rules if any(matches(r, s) for s in selectors)]
        if config.extend_select:        # (rule ids are unique: no comparing whole rules, n² times)
            have = {r.id for r in chosen}
            chosen += [r for r in rules if r.id not in have and any(matches(r, s) for s in config.extend_select)]
        dropped = [*config.ignore, *(ignore or [])]
        chosen = [r for r in chosen if not any(matches(r, s) for s in dropped)]
        for selector, level in [*config.severity.items(), *(severity or {}).items()]:
            for r in chosen:
                if matches(r, selector):
                    r.severity = level
        for r in chosen:
            if (r.kind == "date" and r.params.get("check") == "late") or r.kind == "roster-coverage":
                if config.deadline_policy:
                    r.params["policy"] = config.deadline_policy
                for who, mmdd in config.deadlines.items():
                    r.params[f"{who}_deadline"] = mmdd
        linter = cls(registry, chosen, Context(today=today or date.today(), roster=roster, rules=chosen))
        linter.config = config
        linter.limits = limits or bounds.Limits()
        return linter

    # -- one report ----------------------------------------------------------------------------
    def check(self, report: Report) -> list[Finding]:
        findings: list[Finding] = []
        # a file that is no report, or holds several, gets that one finding and nothing else
        blocking = {p.kind for p in report.problems} & {"not-a-report", "several-reports"}
        for rule in self.rules:
            if self.registry.kinds[rule.kind].corpus:
                continue  # cross-report rules run over the whole run (gixlint.corpus.step)
            if blocking and not (rule.kind == "parse-problem" and blocking & set(_as_list(rule.params["problem"]))):
                continue
            if rule.formats and report.meta.format not in rule.formats:
                continue
            if rule.when and not self._applies(rule, report):
                continue
            kind = self.registry.kinds[rule.kind]
            # a broken, hanging or flooding check is a finding naming its plugin, never a crash
            skipped = f"该规则检查 {self.timed_out[rule.id]} 时超时，本次不再执行" if rule.id in self.timed_out else ""
            found, late = bounds.findings(rule, self.registry.kind_source.get(rule.kind, "?"),
                                          lambda: kind.run(rule, report, self.context),  # noqa: B023
                                          lambda hit: self._finding(rule, hit, report), self.limits, skipped)  # noqa: B023
            findings.extend(found)
            if late:
                self.timed_out[rule.id] = report.path or "?"
        if any(f.alone for f in findings):
            findings = [f for f in findings if f.alone]   # e.g. the untouched template: one clear error
        findings.sort(key=lambda f: (f.line or 0, -SEVERITY_RANK[f.severity], f.rule))
        return findings

    def _applies(self, rule: Rule, report: Report) -> bool:
        try:
            # the evaluator the rules share: each cell is read once a report; the bare number,
            # as nobody looks at the operands of a condition
            return bool(shared_evaluator(report, self.context).number(compile_formula(rule.when)))
        except Uncheckable as exc:
            # a report in the current format whose year cannot be found is still held to it
            return exc.operand.path == "year" and report.meta.format == "v2021"
        except (FormulaError, ZeroDivisionError):
            return False

    def _finding(self, rule: Rule, hit: Hit, report: Report | ReportRecord | None) -> Finding:
        """``report``: the parsed report, or its record (cross-report findings)."""
        values = {
            "line": hit.line, "expected": hit.expected, "actual": hit.actual, "section": hit.section,
            "table_label": TABLE_ZH.get(hit.table, ""),
            "row_label": L.row_label(hit.table, hit.row) if hit.row else "",
            "column_label": L.column_label(hit.table, hit.column) if hit.column else "",
            "year": (report.meta.year if report else None) or "",
            **hit.values,
        }
        # a check may lower a finding's severity (e.g. "cannot check"), never raise it above the rule's
        severity = rule.severity
        if hit.severity and SEVERITY_RANK[hit.severity] < SEVERITY_RANK[rule.severity]:
            severity = hit.severity
        return Finding(rule=rule.id, name=rule.name, category=rule.category,
                       severity=severity,
                       message=(hit.message or render(rule.message, values)) + hit.note, line=hit.line,
                       section=hit.section, table=hit.table, row=hit.row, column=hit.column,
                       expected=hit.expected, actual=hit.actual, operands=hit.operands, cells=hit.cells,
                       suggestions=hit.suggestions, alone=hit.alone,
                       source=report.sources.get(hit.line, "") if report else "")

    # -- files -----------------------------------------------------------------------------------
    def lint_file(self, path: Path) -> FileResult:
        try:
            report = parse_file(path)
        except (ReadError, limits.LimitExceeded) as exc:
            return FileResult(str(path), [self._unreadable(str(exc))])
        except MemoryError:
            raise           # the worker process reports it as 内存超限 and is replaced
        except Exception as exc:  # a reader's or parser's own bug: this file fails, the run goes on
            return FileResult(str(path), [self._unreadable(f"gixlint 内部错误（{type(exc).__name__}: {exc}），请报告此问题")])
        findings = self.check(report)
        digests = self.digest(report, findings)
        ignored = self._ignored_for(path)
        waived = []
        if ignored:
            by_id = {r.id: r for r in self.rules}
            drop = [f.rule in by_id and any(matches(by_id[f.rule], s) for s in ignored) for f in findings]
            waived = [f for f, d in zip(findings, drop) if d]
            findings = [f for f, d in zip(findings, drop) if not d]
        return FileResult(str(path), findings, report, waived=waived, record=ReportRecord.of(report),
                          digests=digests)

    def digest(self, report: Report, findings: list[Finding]) -> dict[str, Any]:
        """Each cross-report rule's digest of the report (the report itself for a kind without
        one). A digest that fails is a finding naming the rule, and the report sits that rule out."""
        out: dict[str, Any] = {}
        # a run of one file compares it with nothing: no digests (``digests`` option, set by the CLI)
        if not self.context.options.get("digests", True) or \
                {p.kind for p in report.problems} & {"not-a-report", "several-reports"}:
            return out
        for rule in self.rules:
            kind = self.registry.kinds[rule.kind]
            if not kind.corpus:
                continue
            if kind.digest is None:
                out[rule.id] = report
                continue
            made, _late = bounds.findings(rule, self.registry.kind_source.get(rule.kind, "?"),
                                          lambda: [kind.digest(rule, report, self.context)],  # noqa: B023
                                          lambda value: (value,), self.limits)
            for item in made:
                if isinstance(item, tuple):
                    out[rule.id] = item[0]
                else:
                    findings.append(item)
        return out

    def _waived(self, rule: Rule, path: str) -> bool:
        """per-file-ignores drop this rule for this file (cross-report findings too)."""
        return any(matches(rule, s) for s in self._ignored_for(Path(path)))

    def _ignored_for(self, path: Path) -> list[str]:
        """Selectors from per-file-ignores whose glob matches the path (relative to the config)."""
        if not self.config.per_file_ignores:
            return []
        try:
            relative = path.resolve().relative_to(self.config.base)
        except ValueError:
            relative = path
        out = []
        for pattern, selectors in self.config.per_file_ignores.items():
            if relative.match(pattern) or fnmatch(relative.as_posix(), pattern):
                out.extend(selectors)
        return out

    def _unreadable(self, reason: str) -> Finding:
        rule = next((r for r in self.rules if r.kind == "parse-problem" and "unreadable" in r.params["problem"]),
                    None)
        if rule is None:
            return Finding("GIX000", "unreadable-file", "parse", "error", f"无法读取：{reason}")
        return Finding(rule.id, rule.name, rule.category, rule.severity,
                       render(rule.message, {"detail": reason}), line=0)


# -- many files ------------------------------------------------------------------------------
PIPELINE = 2        # jobs sent to a worker at once
_worker: Linter | None = None
_keep_report = True


def _init_worker(options: dict, keep_report: bool = True) -> None:
    global _worker, _keep_report
    _worker, _keep_report = Linter.create(**options), keep_report


def _lint_in_worker(path: Path) -> FileResult:
    assert _worker is not None
    return _worker.lint_file(path).travelling(_keep_report)


def _spawned(options: dict, bounds_now: limits.Limits, keep_report: bool = True):
    """A spawned worker's handler: its own Linter, the run's limits."""
    limits.use(bounds_now)
    _init_worker(options, keep_report)
    return _lint_in_worker


class _Travelling:
    """A forked worker's handler: lint one file and send back what travels (picklable, unlike a lambda)."""

    def __init__(self, linter: Linter, keep_report: bool):
        self.linter, self.keep_report = linter, keep_report

    def __call__(self, path: Path) -> FileResult:
        return self.linter.lint_file(path).travelling(self.keep_report)


def _overrun(linter: Linter, failure: Exception) -> Finding:
    """The one finding of a file whose worker ran out of time or memory, or died."""
    now = limits.current()
    if isinstance(failure, pool.TimedOut):
        text = f"检查超时：超过 {now.seconds_per_file:g} 秒仍未完成，已中止；{limits.advice('seconds_per_file')}"
    elif getattr(failure, "memory", False):
        text = (f"内存超限：检查本文件所需内存超过 {now.memory_mb} MB（{failure}），已中止；"
                f"{limits.advice('memory_mb')}")
    else:
        text = f"gixlint 内部错误（{failure}），请报告此问题"
    return linter._unreadable(text)


def lint_files(linter: Linter, files: list[Path], jobs: int = 1, options: dict | None = None,
               done=None, keep_report: bool = True, arrived=None) -> list[FileResult]:
    """Lint files in order, each in a worker process under the time and memory limits (also with
    ``jobs == 1``; a lone file this process can bound itself is checked here, :mod:`.alone`); an
    overrun is one GIX000 finding for that file and a fresh worker. Results come back without the
    parsed report (:meth:`FileResult.travelling`); ``keep_report`` keeps it compressed in the
    record, for outputs that show reports' tables. ``arrived(index, result)``
    is called as each result comes in (in any order), so a caller can put it away at once."""
    def done_with(index: int, result: FileResult) -> None:
        if arrived:
            arrived(index, result)
        if done:
            done()

    now = limits.current()
    forked = pool.default_method() == "fork"
    if not files or (now.seconds_per_file <= 0 and now.memory_mb <= 0) or not (forked or options is not None):
        return _in_process(linter, files, jobs, options, done_with, keep_report)
    if len(files) == 1 and alone.suits(files[0]):
        result = _alone(linter, files[0], now, keep_report)
        done_with(0, result)
        return [result]
    from multiprocessing import connection

    if forked:
        _before_forking(linter)
    setup = _Travelling(linter, keep_report) if forked else ("gixlint.lint.linter:_spawned",
                                                              (options, now, keep_report))
    start = lambda: pool.Worker(setup, now.memory_mb)  # noqa: E731
    results: list[FileResult | None] = [None] * len(files)
    waiting = list(enumerate(files))[::-1]
    workers = [start() for _ in range(max(1, min(jobs, len(files))))]
    # each worker's jobs, the first one running; the next waits in its pipe, so the worker goes
    # straight on to it instead of idling while this process takes the answer and sends another
    queued: dict = {w: deque() for w in workers}
    deadline: dict = {}         # worker → when its running job runs out of time
    budget = now.seconds_per_file

    def fail(worker, failure: Exception) -> None:
        """The running job gets ``failure``; the worker is replaced, and its other jobs go back."""
        index, path = queued[worker].popleft()
        results[index] = FileResult(str(path), [_overrun(linter, failure)])
        waiting.extend(reversed(queued.pop(worker)))
        deadline.pop(worker, None)
        worker.stop(kill=True)
        fresh = start()
        queued[fresh] = deque()
        done_with(index, results[index])

    try:
        while waiting or any(queued.values()):
            for worker in list(queued):
                # a second job only while plenty wait: at the end no job waits behind a slow one
                depth = PIPELINE if len(waiting) >= len(queued) * PIPELINE else 1
                while waiting and len(queued[worker]) < depth:
                    index, path = waiting.pop()
                    try:
                        worker.conn.send(path)
                    except OSError as exc:
                        if queued[worker]:          # it died on its running job: answered below
                            waiting.append((index, path))
                            break
                        queued[worker].append((index, path))
                        fail(worker, pool.WorkerFailed(str(exc), True))
                        break
                    if not queued[worker]:
                        deadline[worker] = time.monotonic() + budget
                    queued[worker].append((index, path))
            running = [w for w, jobs_ in queued.items() if jobs_]
            if not running:
                continue
            soonest = min(deadline[w] for w in running)
            ready = connection.wait([w.conn for w in running], max(0.0, soonest - time.monotonic()) if budget > 0 else None)
            for worker in running:
                if worker.conn in ready:
                    try:
                        result = worker.receive()
                    except pool.WorkerFailed as exc:
                        fail(worker, exc)
                        continue
                    index, _path = queued[worker].popleft()
                    results[index] = result
                    if queued[worker]:
                        deadline[worker] = time.monotonic() + budget
                    done_with(index, result)
                elif budget > 0 and time.monotonic() >= deadline[worker]:
                    fail(worker, pool.TimedOut())
    finally:
        for worker, jobs_ in queued.items():
            worker.stop(kill=bool(jobs_))
    return results


def _alone(linter: Linter, path: Path, now: limits.Limits, keep_report: bool) -> FileResult:
    """One file checked in this process under a worker's limits; the same result a worker sends."""
    try:
        with alone.limited(now.seconds_per_file, now.memory_mb):
            return linter.lint_file(path).travelling(keep_report)
    except alone.FileTimedOut:
        return FileResult(str(path), [_overrun(linter, pool.TimedOut())])
    except MemoryError:
        return FileResult(str(path), [_overrun(linter, pool.WorkerFailed("MemoryError", memory=True))])


def _before_forking(linter: Linter) -> None:
    """What every forked worker would do on its first file, done once here and inherited: numpy
    and the MinHash permutations for the copied-narrative digests (0.2 s a process; the cross-report
    step needs numpy in this process anyway)."""
    if linter.context.options.get("digests", True) and any(r.kind == "copied-narrative" for r in linter.rules):
        from gixlint.checks.copying import NUM_PERM
        from gixlint.checks.minhash import permutations

        permutations(NUM_PERM, 1)


def _in_process(linter: Linter, files: list[Path], jobs: int, options: dict | None, done_with,
                keep_report: bool) -> list[FileResult]:
    """No worker limits (seconds-per-file and memory-mb both 0): this process, or a plain pool."""
    if jobs <= 1 or len(files) < 2 or options is None:
        results = []
        for index, f in enumerate(files):
            results.append(linter.lint_file(f).travelling(keep_report))
            done_with(index, results[-1])
        return results
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(options, keep_report)) as executor:
        results = []
        for index, result in enumerate(executor.map(_lint_in_worker, files, chunksize=8)):
            results.append(result)
            done_with(index, result)
        return results
