"""``gixlint serve``: the local web page for clerks (needs ``pip install gixlint[web]``)."""

from __future__ import annotations

import sys

from gixlint.cli.argparse_zh import ArgumentParser
from gixlint.cli.exits import EXIT_ERROR, EXIT_OK


def _parser() -> ArgumentParser:
    p = ArgumentParser(prog="gixlint serve",
                       description="启动本机网页：在浏览器中拖入或选择一份报告，立即看到能否发布、问题在哪一段哪一格。"
                                   "文件检查完即删除，不保存。")
    p.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1，只有本机能访问；"
                                                       "办公室共用可设为 0.0.0.0）")
    p.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")
    p.add_argument("--max-size", type=int, default=20, metavar="MB", help="单个文件的大小上限（默认 20 MB）")
    p.add_argument("--timeout", type=float, default=60.0, metavar="秒", help="每个文件的检查时限（默认 60 秒）")
    p.add_argument("--workers", type=int, default=2, help="同时检查的文件数（默认 2）")
    return p


def serve_command(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    try:
        import uvicorn

        from gixlint.web.app import Settings, create_app
    except ImportError as exc:
        print(f"gixlint serve: 缺少网页所需的软件包（{exc.name}），请先安装：pip install 'gixlint[web]'", file=sys.stderr)
        return EXIT_ERROR
    if not (0 < args.port < 65536) or args.max_size <= 0 or args.timeout <= 0 or args.workers <= 0:
        print("gixlint serve: 端口应在 1–65535 之间，大小上限、时限和并发数应大于 0", file=sys.stderr)
        return EXIT_ERROR
    settings = Settings(max_bytes=args.max_size * 1024 * 1024, timeout=args.timeout, workers=args.workers)
    host = f"[{args.host}]" if ":" in args.host else args.host
    print(f"gixlint serve：请用浏览器打开 http://{host}:{args.port}/ （按 Ctrl+C 停止）", file=sys.stderr)
    try:
        uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level="warning")
    except OSError as exc:
        print(f"gixlint serve: 无法在 {args.host}:{args.port} 上启动：{exc}", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK
