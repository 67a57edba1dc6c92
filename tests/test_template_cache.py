"""The Jinja bytecode cache in the user's cache folder: where it lives, and that a cache it cannot use is no cache."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.render import jinja


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch) -> object:
    jinja.environment.cache_clear()
    yield monkeypatch
    jinja.environment.cache_clear()


def test_the_cache_lives_in_the_xdg_cache_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert jinja.cache_folder().parent == tmp_path / "reportgen"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/dir")  # ignored, as the XDG rule says
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert jinja.cache_folder().parent == tmp_path / "home" / ".cache" / "reportgen"


def test_templates_render_alike_from_source_and_from_the_cache(fresh: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fresh.setenv("XDG_CACHE_HOME", str(tmp_path))
    first = jinja.render_template("report.css")
    assert list(jinja.cache_folder().iterdir()), "the compiled template is kept"
    jinja.environment.cache_clear()
    assert jinja.render_template("report.css") == first


def test_a_cache_folder_that_cannot_be_made_means_no_cache(fresh: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    fresh.setenv("XDG_CACHE_HOME", str(tmp_path / "file"))
    assert jinja.bytecode_cache() is None
    assert jinja.render_template("report.css")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a folder the user cannot write")
def test_an_unwritable_cache_folder_means_no_cache(fresh: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fresh.setenv("XDG_CACHE_HOME", str(tmp_path))
    folder = jinja.cache_folder()
    folder.mkdir(parents=True)
    folder.chmod(0o500)
    try:
        assert jinja.bytecode_cache() is None
        assert jinja.render_template("report.css")
    finally:
        folder.chmod(0o700)


def test_a_damaged_cache_file_is_compiled_afresh(fresh: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fresh.setenv("XDG_CACHE_HOME", str(tmp_path))
    first = jinja.render_template("report.css")
    for cached in jinja.cache_folder().iterdir():
        cached.write_bytes(cached.read_bytes()[:20])  # cut short, as by a full disk
    jinja.environment.cache_clear()
    assert jinja.render_template("report.css") == first
