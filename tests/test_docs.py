"""The README and docs/ stay in sync with the code (codes, commands, generated tables) and link only to what exists."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

import pytest

from generator.cli import app
from scripts import update_docs
from scripts.update_readme import updated

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_codes_table_is_current() -> None:
    assert updated(README) == README, "run: python scripts/update_readme.py"


def test_every_command_is_documented() -> None:
    names = [c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands]
    assert names
    for name in names:
        assert f"`reportgen {name}" in README, name


def test_quick_start_is_two_commands_on_a_shipped_sample() -> None:
    block = re.search(r"## Quick start.*?```sh\n(.*?)```", README, re.S)
    assert block is not None
    commands = block.group(1).strip().splitlines()
    assert len(commands) == 2
    assert "reportgen build sample_inputs/" in commands[0]
    sample = re.search(r"reportgen build (\S+)", commands[0])
    assert sample is not None and (ROOT / sample.group(1)).is_file()
    assert commands[1].endswith("pytest")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").replace("--quiet ", "").splitlines()
    for part in commands[1].split(" && "):  # CI runs each part of the test command, linting between them
        assert any(line == part or line.startswith(part + " ") for line in ci), part


# ---------------------------------------------------------------- docs/ and links

LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)|^\[[^\]]+\]:\s*(\S+)", re.M)
FENCE = re.compile(r"^```.*?^```", re.M | re.S)
MARKDOWN_NAME = re.compile(r"[\w./-]*\w\.md\b")


def tracked(pattern: str) -> list[Path]:
    """Files under version control matching ``pattern``; without git, the working tree minus hidden and build dirs."""
    try:
        listed = subprocess.run(["git", "ls-files", "-z", "--", pattern], cwd=ROOT, capture_output=True, check=True).stdout
        return [ROOT / name for name in listed.decode("utf-8").split("\0") if name]
    except (OSError, subprocess.CalledProcessError):
        skip = {"build", "dist", "node_modules"}
        return [p for p in ROOT.rglob(pattern) if not any(part.startswith(".") or part in skip for part in p.relative_to(ROOT).parts)]


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    kept = "".join(ch for ch in heading.strip().lower() if ch in " -_" or unicodedata.category(ch)[0] in "LN")
    return kept.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    text = FENCE.sub("", path.read_text(encoding="utf-8"))
    return {slug(m.group(1)) for m in re.finditer(r"^#+\s+(.*)$", text, re.M)}


def broken_links(path: Path) -> list[str]:
    """The relative links of a Markdown file whose file, or heading anchor, does not exist."""
    text = FENCE.sub("", path.read_text(encoding="utf-8"))
    broken = []
    for match in LINK.finditer(text):
        target = match.group(1) or match.group(2)
        if re.match(r"[a-z][a-z0-9+.-]*:", target, re.I):  # http:, https:, mailto:
            continue
        file, _, anchor = target.partition("#")
        resolved = (path.parent / file).resolve() if file else path
        missing_anchor = bool(anchor) and resolved.suffix == ".md" and resolved.exists() and anchor not in anchors(resolved)
        if not resolved.exists() or missing_anchor:
            broken.append(target)
    return broken


def test_markdown_files_are_found() -> None:
    names = {p.relative_to(ROOT).as_posix() for p in tracked("*.md")}
    assert {"README.md", "docs/data.md", "docs/format.md", "sample_inputs/README.md"} <= names


@pytest.mark.parametrize("path", tracked("*.md"), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_relative_links_resolve(path: Path) -> None:
    assert broken_links(path) == []


def test_a_broken_link_is_caught(tmp_path: Path) -> None:
    (tmp_path / "there.md").write_text("# A heading\n", encoding="utf-8")
    page = tmp_path / "page.md"
    page.write_text(
        "[ok](there.md) [ok](there.md#a-heading) [web](https://example.org/x.md)\n"
        "[gone](missing.md) [no anchor](there.md#nowhere)\n```\n[in code](ignored.md)\n```\n",
        encoding="utf-8",
    )
    assert broken_links(page) == ["missing.md", "there.md#nowhere"]


def test_slug_of_a_numbered_chinese_heading() -> None:
    assert slug("4. The rules") == "4-the-rules"
    assert slug("1. 单元格 `ids`") == "1-单元格-ids"


@pytest.mark.parametrize(
    "path", [*tracked("*.md"), *tracked("generator/*.py"), *tracked("scripts/*.py")], ids=lambda p: p.relative_to(ROOT).as_posix()
)
def test_named_markdown_files_exist(path: Path) -> None:
    """A Markdown file named in prose or a docstring (``docs/data.md §2``) is one the repository has (tests make up names)."""
    text = path.read_text(encoding="utf-8")
    missing = {
        name
        for name in MARKDOWN_NAME.findall(text)
        if not (path.parent / name).exists() and not (ROOT / name).exists() and not name.startswith(("http", "//"))
    }
    assert missing == set()


def test_generated_docs_are_current() -> None:
    for path in sorted((ROOT / "docs").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        assert update_docs.updated(text) == text, f"run: python scripts/update_docs.py ({path.name})"


def test_yaml_example_is_a_clean_input(tmp_path: Path) -> None:
    """The YAML layout shown in docs/data.md is an input that checks without errors or warnings."""
    from generator.pipeline import check

    text = (ROOT / "docs" / "data.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(.*?)```", text, re.S)
    assert example is not None
    path = tmp_path / "example.yaml"
    path.write_text(example.group(1), encoding="utf-8")
    outcome = check([path])
    assert [f.code for f in outcome.findings] == []
    assert outcome.exit_code == 0


def test_every_generated_block_is_used() -> None:
    used = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs").glob("*.md"))
    for name in update_docs.GENERATORS:
        assert f"<!-- generated:{name}:start -->" in used, name
