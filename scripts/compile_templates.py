"""Rewrite generator/templates/compiled/, the packaged Jinja templates compiled ahead of time, from the templates.

Usage: python scripts/compile_templates.py [--check]
With --check nothing is written and the exit code is 1 when the stored copy is out of date.
A stored template is used only when it was compiled from the template's current source by the installed
Jinja release; any other template is compiled on first use, so a stale copy costs time, never correctness.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET = ROOT / "generator" / "templates" / "compiled"
HEADER = "# Compiled from generator/templates/{name} by scripts/compile_templates.py: do not edit.\n"


def compiled() -> dict[str, str]:
    """File name → text of every file of the compiled package, from the templates as they are now."""
    from generator.render.jinja import environment, jinja_version, module_name, source_digest, template_names

    env = environment()
    assert env.loader is not None
    files: dict[str, str] = {}
    index: list[str] = []
    for name in template_names():
        source, filename, _ = env.loader.get_source(env, name)
        code = env.compile(source, name, filename, raw=True, defer_init=True)
        files[f"{module_name(name)}.py"] = HEADER.format(name=name) + code + ("" if code.endswith("\n") else "\n")
        index.append(f"    {json.dumps(name)}: ({json.dumps(module_name(name))}, {json.dumps(source_digest(source))}),\n")
    files["__init__.py"] = (
        '"""The packaged Jinja templates compiled ahead of time (written by scripts/compile_templates.py: do not edit)."""\n\n'
        f"JINJA_VERSION = {json.dumps(jinja_version())}\n"
        "TEMPLATES: dict[str, tuple[str, str]] = {  # template name: (module, SHA-256 of the source it was compiled from)\n"
        + "".join(index)
        + "}\n"
    )
    return files


def stored() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(TARGET.glob("*.py"))} if TARGET.is_dir() else {}


def main() -> int:
    fresh = compiled()
    if "--check" in sys.argv[1:]:
        return 0 if fresh == stored() else 1
    TARGET.mkdir(exist_ok=True)
    for name in set(stored()) - set(fresh):
        (TARGET / name).unlink()
    for name, text in fresh.items():
        (TARGET / name).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
