"""The Jinja environment the text and HTML renderers share, loading the packaged templates."""

from __future__ import annotations

import functools
from collections.abc import Callable
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

import jinja2
import markupsafe

TEMPLATE_PACKAGE = "generator.templates"


def templates_root() -> Traversable:
    """The templates directory: the installed ``generator.templates`` package, else the source tree's ``templates/``."""
    try:
        root = resources.files(TEMPLATE_PACKAGE)
        if root.joinpath("report.txt.j2").is_file():
            return root
    except ModuleNotFoundError:
        pass
    return Path(__file__).resolve().parents[1] / "templates"


def _load(name: str) -> tuple[str, str | None, Callable[[], bool]]:
    node = templates_root()
    for part in name.split("/"):
        node = node.joinpath(part)
    if not node.is_file():
        raise jinja2.TemplateNotFound(name)
    # templates are package data: they do not change while the process runs
    return node.read_text(encoding="utf-8"), None, lambda: True


@functools.cache
def environment() -> jinja2.Environment:
    """One environment for every template; ``*.html.j2`` templates autoescape, text templates do not."""
    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(_load),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default_for_string=False, default=False),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env


def render_template(name: str, **context: object) -> str:
    return environment().get_template(name).render(**context)


def escape(text: str) -> str:
    """``text`` escaped exactly as the autoescaping templates escape it."""
    return str(markupsafe.escape(text))


def markup(html: str) -> markupsafe.Markup:
    """HTML made in Python, to be inserted into an autoescaping template as it is."""
    return markupsafe.Markup(html)
