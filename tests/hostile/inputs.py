"""Files a new user might hand reportgen, made on the spot: good inputs, and broken, disguised or odd ones."""

from __future__ import annotations

import io
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import yaml

from generator.readers.yaml_reader import read_yaml
from generator.render.docx import render_docx
from generator.render.html import render_html
from generator.render.text import render_text
from generator.report import Report

from ..conftest import EXAMPLE, SAMPLES

EXAMPLE_XLSX = SAMPLES / "example-county-bureau-2021.xlsx"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
Maker = Callable[[Path], Path]


def _report() -> Report:
    report = read_yaml(EXAMPLE).report
    assert report is not None
    return report


def example_data(**changes: object) -> dict:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data.update(changes)
    return data


def yaml_file(name: str = "a.yaml", **changes: object) -> Maker:
    def make(folder: Path) -> Path:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(example_data(**changes), allow_unicode=True, sort_keys=False), encoding="utf-8")
        return path

    return make


def raw(name: str, content: bytes | str) -> Maker:
    def make(folder: Path) -> Path:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return path

    return make


def example_text(name: str, encoding: str = "utf-8", replace: tuple[str, str] | None = None) -> Maker:
    text = EXAMPLE.read_text(encoding="utf-8")
    if replace:
        text = text.replace(*replace, 1)
    return raw(name, text.encode(encoding))


def copy_of(source: Path, name: str) -> Maker:
    def make(folder: Path) -> Path:
        path = folder / name
        shutil.copy(source, path)
        return path

    return make


def broken_balance(name: str = "broken.yaml") -> Maker:
    data = example_data()
    data["applications"]["new"]["natural"] += 1
    data["applications"]["new"].pop("total", None)
    return raw(name, yaml.safe_dump(data, allow_unicode=True))


def published(name: str, encoding: str = "utf-8") -> Maker:
    def make(folder: Path) -> Path:
        path = folder / name
        suffix = path.suffix
        if suffix == ".docx":
            render_docx(_report(), path)
        elif suffix == ".html":
            path.write_bytes(render_html(_report()).encode(encoding))
        else:
            path.write_bytes(render_text(_report()).encode(encoding))
        return path

    return make


def docx_named(name: str) -> Maker:
    """A Word report saved under another extension (``.yaml``, ``.txt``)."""

    def make(folder: Path) -> Path:
        path = folder / name
        render_docx(_report(), path)
        return path

    return make


def zip_of(name: str, members: dict[str, str]) -> Maker:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for member, text in members.items():
            archive.writestr(member, text)
    return raw(name, buffer.getvalue())


def truncated(source: Path, name: str, keep: int = 4000) -> Maker:
    return raw(name, source.read_bytes()[:keep])


def encrypted(name: str) -> Maker:
    return raw(name, OLE + b"\x00" * 512 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 512)


def workbook_with(name: str, change: Callable[[openpyxl.Workbook], None]) -> Maker:
    def make(folder: Path) -> Path:
        path = folder / name
        workbook = openpyxl.load_workbook(EXAMPLE_XLSX)
        change(workbook)
        workbook.save(path)
        return path

    return make


def formula_in_input(workbook: openpyxl.Workbook) -> None:
    sheet, ref = next(iter(workbook.defined_names["applications.new.natural"].destinations))
    workbook[sheet][ref.replace("$", "")] = "=1+1"


def agency_points_at_instructions(workbook: openpyxl.Workbook) -> None:
    workbook.defined_names["meta.agency"].attr_text = "填写说明!$A$1"


def sheets_removed(workbook: openpyxl.Workbook) -> None:
    for title in workbook.sheetnames[2:]:
        del workbook[title]


def plain_workbook(name: str) -> Maker:
    def make(folder: Path) -> Path:
        path = folder / name
        workbook = openpyxl.Workbook()
        workbook.active["A1"] = "随便写的表格"  # type: ignore[index]
        workbook.save(path)
        return path

    return make


def folder_with(name: str, *makers: Maker) -> Maker:
    def make(folder: Path) -> Path:
        inner = folder / name
        inner.mkdir()
        for maker in makers:
            maker(inner)
        return inner

    return make


def fake_soffice(name: str = "soffice") -> Maker:
    """A LibreOffice stand-in that always fails."""
    write = raw(name, "#!/bin/sh\necho 'conversion failed' >&2\nexit 3\n")

    def make(folder: Path) -> Path:
        path = write(folder)
        path.chmod(0o755)
        return path

    return make
