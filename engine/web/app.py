"""The web application: an upload page, ``POST /check`` and the app's own CSS and script.

``/check`` takes the multipart field ``file``; with ``Accept: application/json`` it answers with
exactly what ``gixlint --format json`` prints for that file, otherwise with the page. Uploads are
read into memory up to a size limit and handed to a worker (:mod:`.workers`); nothing is stored.
"""

from __future__ import annotations

import base64
import os
from contextlib import asynccontextmanager
from dataclasses import dataclass

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.formparsers import MultiPartParser
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from gixlint.web.workers import Pool, TimedOut, WorkerFailed

MAX_BYTES = 20 * 1024 * 1024
HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; object-src 'none'; "
                               "frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


@dataclass
class Settings:
    max_bytes: int = MAX_BYTES
    timeout: float = 60.0
    workers: int = 2


class TooLarge(Exception):
    pass


def create_app(settings: Settings | None = None) -> Starlette:
    settings = settings or Settings()
    # the upload stays in memory up to the size limit: the multipart parser never spills it to disk
    MultiPartParser.spool_max_size = max(MultiPartParser.spool_max_size, settings.max_bytes + 1)
    env = _environment()

    @asynccontextmanager
    async def lifespan(app):
        app.state.pool = Pool(settings.workers, settings.timeout)
        try:
            yield
        finally:
            await run_in_threadpool(app.state.pool.close)

    def page(request: Request, status: int = 200, **values) -> HTMLResponse:
        values.setdefault("checked", None)
        values.setdefault("error", "")
        html = env.get_template("page.html.j2").render(limit_mb=settings.max_bytes // (1024 * 1024), **values)
        return HTMLResponse(html, status_code=status, headers=HEADERS)

    async def index(request: Request) -> Response:
        return page(request)

    async def check(request: Request) -> Response:
        wants_json = "application/json" in request.headers.get("accept", "")

        def refuse(status: int, message: str) -> Response:
            if wants_json:
                return JSONResponse({"error": message}, status_code=status, headers=HEADERS)
            return page(request, status, error=message)

        try:
            upload = await _upload(request, settings.max_bytes)
        except TooLarge:
            return refuse(413, f"文件太大：最大 {settings.max_bytes // (1024 * 1024)} MB。")
        if upload is None:
            return refuse(400, "没有收到文件：请选择或拖入一份报告（.docx、.pdf、.html、.txt）。")
        data, filename = upload
        try:
            checked = await run_in_threadpool(request.app.state.pool.check, data, filename)
        except TimedOut:
            checked = await run_in_threadpool(_failed, filename, f"检查超过 {settings.timeout:g} 秒仍未完成，已中止；"
                                              "文件可能已损坏或结构异常，请另存为 .docx 或 PDF 后重试")
        except WorkerFailed:
            checked = await run_in_threadpool(_failed, filename, "检查时出错，已中止；文件可能已损坏，请另存后重试")
        finally:
            del data
        if wants_json:
            return Response(checked.json, media_type="application/json; charset=utf-8", headers=HEADERS)
        return page(request, checked=checked, downloads=_downloads(checked))

    static = StaticFiles(packages=[("gixlint.web", "static")])
    routes = [Route("/", index), Route("/check", check, methods=["POST"]), Route("/check", index, methods=["GET"]),
              Route("/report.css", _report_css(env)), Mount("/static", static, name="static")]
    return Starlette(routes=routes, lifespan=lifespan)


async def _upload(request: Request, limit: int) -> tuple[bytes, str] | None:
    """The field ``file`` as (bytes, name); raises TooLarge as soon as the body passes ``limit``."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit + 64 * 1024:
        raise TooLarge
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit + 64 * 1024:      # the form's boundaries and headers are not the file
            raise TooLarge
    replay = Request(request.scope, _replay(bytes(body)))
    del body
    try:
        form = await replay.form(max_files=1, max_fields=8)
    except Exception:           # not a multipart form at all
        return None
    try:
        item = form.get("file")
        if item is None or isinstance(item, str):
            return None
        data = await item.read()
        if len(data) > limit:
            raise TooLarge
        return data, item.filename or "报告"
    finally:
        await form.close()


def _replay(body: bytes):
    sent = False

    async def receive():
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


_linter = None


def _failed(filename: str, reason: str):
    """A file that could not be checked: one finding saying why, in the same JSON as the command line's."""
    global _linter
    from gixlint.lint.linter import FileResult
    from gixlint.web.check import answer, make_linter, safe_name

    if _linter is None:
        _linter = make_linter()
    return answer(_linter, FileResult(safe_name(filename), [_linter._unreadable(reason)]))


def _downloads(checked) -> list[tuple[str, str, str]]:
    """(label, file name, data: URL) for the annotated Word file, the JSON and the spreadsheet (the
    xlsx, in Chinese and with the numbers a person may act on, rather than the CSV for scripts)."""
    stem = os.path.splitext(checked.name)[0] or "报告"
    out = []
    if checked.annotated:
        out.append(("带批注的 Word 文件", f"{stem}.批注.docx",
                    _data_url("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                              checked.annotated)))
    out.append(("问题清单（JSON）", f"{stem}.检查结果.json", _data_url("application/json", checked.json.encode())))
    out.append(("问题清单（Excel 表格）", f"{stem}.检查结果.xlsx",
                _data_url("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", checked.xlsx)))
    return out


def _data_url(media: str, data: bytes) -> str:
    return f"data:{media};base64,{base64.b64encode(data).decode('ascii')}"


def _environment():
    """The HTML report's Jinja environment, with this package's templates in front of its own."""
    from jinja2 import ChoiceLoader, PackageLoader

    from gixlint.lint.findings import SEVERITY_RANK
    from gixlint.report.html import environment

    env = environment()
    env.loader = ChoiceLoader([PackageLoader("gixlint.web", "templates"), env.loader])
    env.filters["by_severity"] = lambda findings: sorted(findings, key=lambda f: (-SEVERITY_RANK[f.severity], f.line))
    return env


def _report_css(env):
    css = env.loader.get_source(env, "report.css")[0]

    async def endpoint(request: Request) -> Response:
        return Response(css, media_type="text/css; charset=utf-8", headers={"Cache-Control": "max-age=3600"})

    return endpoint
