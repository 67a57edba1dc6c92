"""The templates compiled ahead of time: current with the sources, used only when current, and rendering alike."""

from __future__ import annotations

from collections.abc import Iterator

import jinja2
import pytest

from generator.render import jinja
from generator.render.html import render_html
from generator.render.text import render_text
from generator.templates import compiled
from scripts import compile_templates

from .factories import distinct_report


@pytest.fixture
def fresh_environment() -> Iterator[None]:
    """A new environment for the test (its templates are loaded again), and again afterwards."""
    jinja.environment.cache_clear()
    yield
    jinja.environment.cache_clear()


def test_stored_templates_are_compiled_from_the_current_sources() -> None:
    if jinja.jinja_version() != compiled.JINJA_VERSION:
        pytest.skip(f"stored templates were compiled by Jinja {compiled.JINJA_VERSION}, Jinja {jinja.jinja_version()} is installed")
    assert compile_templates.compiled() == compile_templates.stored(), "run: python scripts/compile_templates.py"


def test_every_template_has_a_stored_copy_that_is_used() -> None:
    if jinja.jinja_version() != compiled.JINJA_VERSION:
        pytest.skip("stored templates were compiled by another Jinja release")
    env = jinja.environment()
    assert env.loader is not None
    names = list(jinja.template_names())
    assert {"report.txt.j2", "report.html.j2", "parts/macros.html.j2", "report.css"} <= set(names)
    for name in names:
        source = env.loader.get_source(env, name)[0]
        assert jinja._stored(name, source) is not None, name


def test_a_changed_template_or_another_jinja_is_compiled_from_its_source(monkeypatch: pytest.MonkeyPatch) -> None:
    env = jinja.environment()
    assert env.loader is not None
    source = env.loader.get_source(env, "report.txt.j2")[0]
    assert jinja._stored("report.txt.j2", source + "\n") is None
    assert jinja._stored("no/such.j2", source) is None
    monkeypatch.setattr(compiled, "JINJA_VERSION", "0.0")
    assert jinja._stored("report.txt.j2", source) is None


@pytest.mark.usefixtures("fresh_environment")
@pytest.mark.parametrize("version", ["2019", "2021"])
def test_stored_and_freshly_compiled_templates_render_the_same(version: str, monkeypatch: pytest.MonkeyPatch) -> None:
    report = distinct_report(version)
    stored = render_text(report), render_html(report)
    jinja.environment.cache_clear()
    monkeypatch.setattr(jinja, "_stored", lambda name, source: None)
    assert (render_text(report), render_html(report)) == stored
    assert isinstance(jinja.environment().get_template("report.txt.j2"), jinja2.Template)
