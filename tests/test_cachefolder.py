"""The cache folder: gixlint's own answer in the plain Linux case is platformdirs' answer."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import platformdirs
import pytest

from gixlint.vocab.cachefolder import cache_folder

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the plain case is Linux's")

ENVIRONMENTS = [
    {},
    {"XDG_CACHE_HOME": "/srv/cache"},
    {"XDG_CACHE_HOME": "/srv/cache/"},
    {"XDG_CACHE_HOME": ""},
    {"XDG_CACHE_HOME": "relative/cache"},          # the spec says ignore it: platformdirs decides
    {"XDG_CACHE_HOME": "   "},
    {"HOME": "/home/clerk"},
    {"HOME": "/home/clerk/", "XDG_CACHE_HOME": "/var/tmp/c"},
]


@linux_only
@pytest.mark.parametrize("env", ENVIRONMENTS, ids=repr)
def test_the_cache_folder_is_platformdirs_user_cache_dir(env, monkeypatch):
    monkeypatch.delenv("GIXLINT_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert cache_folder() == Path(platformdirs.user_cache_dir("gixlint", appauthor=False))


def test_gixlint_cache_dir_wins(monkeypatch, tmp_path):
    monkeypatch.setenv("GIXLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", "/srv/cache")
    assert cache_folder() == tmp_path


@linux_only
def test_the_plain_case_does_not_import_platformdirs(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("GIXLINT_CACHE_DIR", "XDG_CACHE_HOME")}
    env["HOME"] = str(tmp_path)
    code = ("import sys; from gixlint.vocab.cachefolder import cache_folder; print(cache_folder()); "
            "print('platformdirs' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == [str(tmp_path / ".cache" / "gixlint"), "False"]
