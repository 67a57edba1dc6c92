"""The Jinja environment the text and HTML renderers share: the packaged templates, with a bytecode cache per user."""

from __future__ import annotations

import contextlib
import functools
import os
from pathlib import Path

import jinja2
import jinja2.bccache
import markupsafe

CACHE_NAME = "reportgen"


def cache_folder() -> Path:
    """The user's cache folder for reportgen: ``$XDG_CACHE_HOME/reportgen``, else ``~/.cache/reportgen``."""
    base = os.environ.get("XDG_CACHE_HOME") or ""
    root = Path(base) if os.path.isabs(base) else Path.home() / ".cache"  # the XDG rule: a relative value is ignored
    return root / CACHE_NAME / f"jinja-{jinja2.__dict__.get('__version__', '')}"


class QuietBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja's file cache, except that a file that cannot be read or written is a template compiled afresh, never an error."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # unreadable, cut short or damaged (pickle and marshal raise several kinds): compile from the source
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept between runs in the user's cache folder; none when that folder cannot be written."""
    folder = cache_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if not os.access(folder, os.W_OK | os.X_OK):
            return None
    except (OSError, RuntimeError):  # RuntimeError: no home directory to find
        return None
    return QuietBytecodeCache(str(folder))


@functools.cache
def environment() -> jinja2.Environment:
    """One environment for every template; ``*.html.j2`` templates autoescape, text templates do not."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        bytecode_cache=bytecode_cache(),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default_for_string=False, default=False),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_template(name: str, **context: object) -> str:
    return environment().get_template(name).render(**context)


def escape(text: str) -> str:
    """``text`` escaped exactly as the autoescaping templates escape it."""
    return str(markupsafe.escape(text))


def markup(html: str) -> markupsafe.Markup:
    """HTML made in Python, to be inserted into an autoescaping template as it is."""
    return markupsafe.Markup(html)
