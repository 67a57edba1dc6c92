"""The Jinja environment the text and HTML renderers share, loading the packaged templates (compiled ahead of time)."""

from __future__ import annotations

import functools
import hashlib
import importlib
import re
import sys
from collections.abc import Callable, Iterator, MutableMapping
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import jinja2
import markupsafe

if TYPE_CHECKING:
    from importlib.abc import Traversable

TEMPLATE_PACKAGE = "generator.templates"
COMPILED_PACKAGE = "generator.templates.compiled"  # written by scripts/compile_templates.py
TEMPLATE_SUFFIXES = (".j2", ".css")


def templates_root() -> Traversable:
    """The templates directory: ``templates/`` beside this package's modules (a source tree or an installed package),
    else the installed ``generator.templates`` package's resources (say, inside a zip)."""
    beside = Path(__file__).resolve().parents[1] / "templates"
    if (beside / "report.txt.j2").is_file():
        return beside
    from importlib import resources  # costs a one-shot command several ms: only where files are not on disk

    return resources.files(TEMPLATE_PACKAGE)


def _load(name: str) -> tuple[str, str | None, Callable[[], bool]]:
    node = templates_root()
    for part in name.split("/"):
        node = node.joinpath(part)
    if not node.is_file():
        raise jinja2.TemplateNotFound(name)
    # templates are package data: they do not change while the process runs
    return node.read_text(encoding="utf-8"), None, lambda: True


def template_names(node: Traversable | None = None, prefix: str = "") -> Iterator[str]:
    """Every packaged template, by the name templates use for it (``parts/part.txt.j2``)."""
    for child in sorted((node or templates_root()).iterdir(), key=lambda c: c.name):
        if child.is_dir() and not child.name.startswith(("_", ".")) and child.name != "compiled":
            yield from template_names(child, f"{prefix}{child.name}/")
        elif child.is_file() and child.name.endswith(TEMPLATE_SUFFIXES):
            yield prefix + child.name


def module_name(name: str) -> str:
    """The module holding a template's compiled code: ``parts/part.txt.j2`` → ``tmpl_parts_part_txt_j2``."""
    return "tmpl_" + re.sub(r"\W", "_", name)


def source_digest(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


def jinja_version() -> str | None:
    return jinja2.__dict__.get("__version__")  # not getattr: a release may warn that the attribute is deprecated


def _stored(name: str, source: str) -> ModuleType | None:
    """The compiled copy of a template, when it was made from this very source by this Jinja release."""
    try:
        from ..templates import compiled
    except ImportError:
        return None
    entry = compiled.TEMPLATES.get(name)
    if entry is None or entry[1] != source_digest(source) or jinja_version() != compiled.JINJA_VERSION:
        return None
    qualified = f"{COMPILED_PACKAGE}.{entry[0]}"
    module = importlib.import_module(qualified)
    sys.modules.pop(qualified, None)  # as jinja's ModuleLoader: each load runs the module afresh for its environment
    return module


class _PackageLoader(jinja2.FunctionLoader):
    """The packaged templates: compiled ahead of time when the stored copy is current, else compiled on first use."""

    def __init__(self) -> None:
        super().__init__(_load)

    def load(self, environment: jinja2.Environment, name: str, globals: MutableMapping[str, Any] | None = None) -> jinja2.Template:
        source, _, _ = self.get_source(environment, name)
        module = _stored(name, source)
        if module is None:
            return super().load(environment, name, globals)
        return environment.template_class.from_module_dict(environment, module.__dict__, {} if globals is None else globals)


@functools.cache
def environment() -> jinja2.Environment:
    """One environment for every template; ``*.html.j2`` templates autoescape, text templates do not."""
    env = jinja2.Environment(
        loader=_PackageLoader(),
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
