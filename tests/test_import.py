"""Reading published reports back (reportgen import / check on .txt, .docx, .html): layouts, round trips, damage, bad input."""

from __future__ import annotations

import io
import random
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from generator.cli import app
from generator.codes import REGISTRY
from generator.errors import InputError
from generator.findings import Finding
from generator.formats import FORMATS
from generator.pipeline import check_one
from generator.readers.published import blank_cells, read_published
from generator.readers.published.labels import match
from generator.readers.published.split import splits
from generator.readers.yaml_reader import read_yaml
from generator.render.docx import render_docx
from generator.render.html import render_html
from generator.render.text import render_text
from generator.report import InfoFees, Narrative, ReadResult, Report
from generator.values import complete, number
from generator.view import build_view

from .conftest import SAMPLES, SeedFinder, sample_yamls

FIXTURES = Path(__file__).parent / "fixtures" / "published"
# which seed each sample reproduces (sample_inputs/README.md)
SEED_SAMPLES = {
    "000": "zhoushan-fao-2019",
    "001": "shaoxing-fao-2021",
    "002": "liaocheng-fao-2019",
    "003": "ningbo-jiguanshiwu-2019",
    "004": "taizhou-jiguanshiwu-2019",
}


def published_sample(slug: str) -> Report:
    """The numbers as published: ``<slug>-as-published.yaml`` when present, else ``<slug>.yaml``."""
    path = SAMPLES / f"{slug}-as-published.yaml"
    result = read_yaml(path if path.exists() else SAMPLES / f"{slug}.yaml")
    assert result.report is not None
    return result.report


def words(report: Report) -> dict[str, object]:
    """Everything a reader sees printed besides the tables: title, preface, paragraphs of each part, closing."""
    view = build_view(report)
    return {
        "title": view.title,
        "preface": [p.text for p in view.preface],
        "signature": view.signature,
        "date": view.date,
        "contact": view.contact,
        **{part.key: [p.text for p in part.paragraphs] for part in view.parts},
    }


def imported(path: Path) -> Report:
    result = read_published(path)
    assert result.report is not None
    return result.report


def codes(result: ReadResult) -> list[str]:
    return [f.code for f in result.findings]


def named(result: ReadResult, cell: str) -> list[Finding]:
    return [f for f in result.findings if f.cell == cell or cell in f.related]


# ---------------------------------------------------------------- the five published seeds


@pytest.mark.parametrize("number", sorted(SEED_SAMPLES))
def test_seed_numbers_as_published(number: str, seed: SeedFinder) -> None:
    """Every cell of every seed equals the sample that reproduces it; the given cells too (blank stays apart from 0)."""
    expected = published_sample(SEED_SAMPLES[number])
    result = read_published(seed(number))
    assert result.report is not None
    got = result.report
    assert got.format == expected.format and got.year == expected.year
    want, have = complete(expected), complete(got)
    same = sum(1 for cell in want if want[cell] == have[cell])
    print(f"seed {number} ({SEED_SAMPLES[number]}): {same}/{len(want)} cells as published")
    assert same == len(want), [(c, want[c], have[c]) for c in want if want[c] != have[c]]
    for cell, value in expected.cells.items():
        assert got.cells.get(cell) == value, cell
    assert got.units == expected.units


@pytest.mark.parametrize("number", sorted(SEED_SAMPLES))
def test_seed_narrative_as_published(number: str, seed: SeedFinder) -> None:
    """Every paragraph of the sample's narrative is recovered from the seed text (page breaks, Markdown, spacing repaired)."""
    expected = published_sample(SEED_SAMPLES[number])
    got = imported(seed(number))
    for part in Narrative.model_fields:
        for paragraph in expected.text.paragraphs(part):
            assert paragraph in got.text.paragraphs(part), (part, paragraph)
    assert got.date == expected.date


def test_seed_metadata(seed: SeedFinder) -> None:
    zhoushan = imported(seed("000"))
    assert zhoushan.title == "市外事办政府信息公开工作年度报告"
    assert zhoushan.signature is None and zhoushan.agency == "舟山市外办"  # the title gives no full name: the signature is used
    shaoxing = read_published(seed("001"))
    assert shaoxing.report is not None and shaoxing.report.contact is not None
    assert (shaoxing.report.contact.name, shaoxing.report.contact.phone) == ("蒋鑫波", "0575-85154254")
    assert "IMPORT-AGENCY-MISSING" in codes(shaoxing)  # no title, no signature: said, not invented
    ningbo = imported(seed("003"))
    assert ningbo.agency == "宁波市机关事务管理局" and ningbo.year == 2019  # title split over two lines
    assert ningbo.units == {"proactive.procurement.amount": "万元"}
    taizhou = imported(seed("004"))
    assert taizhou.title == "台州市机关事务管理局2019年度政府信息公开工作年度报告"
    assert len(taizhou.text.paragraphs("proactive")) == 4  # the note before table 2 and the two after it are kept


def test_seed_blank_cells_are_not_zero(seed: SeedFinder) -> None:
    """Seed 002 prints table 3 mostly blank: blanks are absent from the cells and listed; printed zeros are kept."""
    result = read_published(seed("002"))
    assert result.report is not None
    blanks = blank_cells(result)
    assert "applications.new.commercial" in blanks
    assert "applications.new.commercial" not in result.report.cells
    assert result.report.cells["applications.new.natural"] == 2
    assert result.report.cells["applications.carried_over.total"] == 0  # printed 0, not blank
    assert "applications.carried_over.total" not in blanks
    finding = next(f for f in result.findings if f.code == "IMPORT-BLANK" and f.cell and f.cell.startswith("applications."))
    assert "不同于 0" in finding.message and "一、本年新收政府信息公开申请数量“商业企业”" in finding.message


def test_seed_noise_is_reported(seed: SeedFinder) -> None:
    """Seed 004 prints 16 zeros under table 4's 15 columns; seed 000 prints table 4 shifted: both said, neither silent."""
    taizhou = read_published(seed("004"))
    assert "IMPORT-EXTRA-COLUMNS" in codes(taizhou)
    zhoushan = read_published(seed("000"))
    align = [f for f in zhoushan.findings if f.code == "IMPORT-ALIGN"]
    assert len(align) == 1 and "表四" in align[0].message and align[0].source and align[0].source.line == 91
    assert zhoushan.report is not None and zhoushan.report.cells["reviews.reconsideration.total"] == 0


def test_seed_labels_tolerated(seed: SeedFinder) -> None:
    """社会组织 for 社会公益组织, half-width brackets, spaces inside labels, an inserted year, a label broken across lines."""
    liaocheng = read_published(seed("002"))
    fuzzy = [f for f in liaocheng.findings if f.code == "IMPORT-LABEL-FUZZY"]
    assert [f.source.line for f in fuzzy if f.source] == [47]  # “一、本年新收政府信息公开申请数” + “量” on the next line
    assert match("社会组织", "2019") is not None and match("社会组织", "2019").label.column == "nonprofit"  # type: ignore[union-attr]
    assert match("(二) 部分公开(区分处理的, 只计这一情形, 不计其他情形)", "2019").exact  # type: ignore[union-attr]
    assert match("本年(2021)制发件数", "2021").label.text == "本年制发件数"  # type: ignore[union-attr]
    assert match("结果 维持", "2021").label.text == "结果维持"  # type: ignore[union-attr]
    typo = match("1.属于国家秘蜜", "2021")
    assert typo is not None and not typo.exact and typo.label.text == "1.属于国家秘密"
    assert match("今天天气很好", "2021") is None


# ---------------------------------------------------------------- round trip: build → txt / docx / html → import


def render(report: Report, kind: str, path: Path) -> Path:
    target = path / f"report.{kind}"
    if kind == "txt":
        target.write_text(render_text(report), encoding="utf-8")
    elif kind == "html":
        target.write_text(render_html(report), encoding="utf-8")
    else:
        render_docx(report, target)
    return target


@pytest.mark.parametrize("kind", ["txt", "html", "docx"])
@pytest.mark.parametrize("sample", sample_yamls(), ids=lambda p: p.stem)
def test_round_trip(sample: Path, kind: str, tmp_path: Path) -> None:
    """Every cell and every printed paragraph comes back, without a single import warning."""
    original = read_yaml(sample).report
    assert original is not None
    result = read_published(render(original, kind, tmp_path))
    assert result.report is not None
    assert result.findings == []
    got = result.report
    want, have = complete(original), complete(got)
    assert [c for c in want if want[c] != have[c]] == []
    assert words(got) == words(original)
    assert (got.year, got.format, got.units, got.date) == (original.year, original.format, original.units, original.date)
    if original.title is None:  # the default title names the agency
        assert got.agency == original.agency


def test_round_trip_fee_sentence(tmp_path: Path) -> None:
    """Part 六 printed from the 信息处理费 figures is read back into the figures."""
    result = read_yaml(SAMPLES / "example-county-bureau-2021.yaml")
    assert result.report is not None
    fees = InfoFees(notices=3, notice_amount=Decimal("600"), collected=Decimal("100.5"))
    original = result.report.model_copy(update={"text": result.report.text.model_copy(update={"other_matters": ""}), "info_fees": fees})
    for kind in ("txt", "html", "docx"):
        got = imported(render(original, kind, tmp_path))
        assert got.info_fees == fees and got.text.other_matters == ""


# ---------------------------------------------------------------- every text layout, made from the samples


def layout(report: Report, style: str) -> str:
    """The report as text copied from a page: table cells separated by tabs, by |, one per line, or run together."""
    view = build_view(report)
    out = [view.title, ""]
    for p in view.preface:
        out += [p.text, ""]
    for part in view.parts:
        out += [part.heading, ""]
        if part.table:
            for row in part.table.rows:
                texts = [c.text for c in row]
                if style == "cells":
                    out += ["\t" + t for t in texts] + [""]
                else:
                    out.append({"tabs": "\t", "pipes": " | ", "run": ""}[style].join(texts))
            out.append("")
        for p in part.paragraphs:
            out += [p.text, ""]
    if view.contact:
        out += [view.contact, ""]
    out += [view.signature, view.date]
    return "\n".join(out)


@pytest.mark.parametrize("style", ["tabs", "pipes", "cells"])
@pytest.mark.parametrize("sample", sample_yamls(), ids=lambda p: p.stem)
def test_text_layouts(sample: Path, style: str, tmp_path: Path) -> None:
    original = read_yaml(sample).report
    assert original is not None
    path = tmp_path / "copied.txt"
    path.write_text(layout(original, style), encoding="utf-8")
    result = read_published(path)
    assert result.report is not None
    want, have = complete(original), complete(result.report)
    assert [c for c in want if want[c] != have[c]] == []
    assert words(result.report) == words(original)
    assert [f for f in result.findings if f.code != "IMPORT-LABEL-FUZZY"] == []


@pytest.mark.parametrize("sample", sample_yamls(), ids=lambda p: p.stem)
def test_run_together_never_guesses(sample: Path, tmp_path: Path) -> None:
    """Cells run together: every cell imported is right, and every cell not imported is named in a warning."""
    original = read_yaml(sample).report
    assert original is not None
    path = tmp_path / "run.txt"
    path.write_text(layout(original, "run"), encoding="utf-8")
    result = read_published(path)
    assert result.report is not None
    want = complete(original)
    for cell, value in result.report.cells.items():
        assert value == want[cell], cell
    for cell in want:
        if cell not in result.report.cells and not FORMATS[original.format].cells()[cell].total:
            assert named(result, cell), cell
    assert words(result.report) == words(original)


def test_run_together_splits(tmp_path: Path) -> None:
    """A tabbed report with some rows run together: unique splits used and said, joint rules settle one, none left absent."""
    result = read_published(FIXTURES / "mixed-run-together.txt")
    report = result.report
    assert report is not None
    by_code = {f.code: f for f in result.findings}
    split = [f for f in result.findings if f.code == "IMPORT-SPLIT"]
    assert len(split) == 3
    disclosed = next(f for f in split if f.source and f.source.line == 31)
    assert "本行和其他行的勾稽关系" in disclosed.message and "10、1、0、0、0、0、11" in disclosed.message
    assert [report.cells[f"applications.disclosed.{c}"] for c in ("natural", "commercial", "total")] == [10, 1, 11]
    assert [report.cells[f"reviews.reconsideration.{c}"] for c in ("upheld", "total")] == [1, 1]
    none = by_code["IMPORT-SPLIT-NONE"]
    assert "四、结转下年度继续办理" in none.message and "1000002" in none.message and none.source and none.source.line == 53
    assert not any(k.startswith("applications.carried_forward.") for k in report.cells)


def test_every_code_is_registered() -> None:
    found = {f.code for f in read_published(FIXTURES / "mixed-run-together.txt").findings}
    assert found and found <= {c.id for c in REGISTRY.values() if c.area == "import"}


def test_every_seed_code_is_registered(seed: SeedFinder) -> None:
    found = {f.code for n in SEED_SAMPLES for f in read_published(seed(n)).findings}
    assert found and found <= {c.id for c in REGISTRY.values() if c.area == "import"}


def test_split_enumeration() -> None:
    assert splits(["1000001"], 7) == [[1, 0, 0, 0, 0, 0, 1]]
    total = lambda parts: parts[-1] == sum(parts[:-1])  # noqa: E731
    assert splits(["101000011"], 7, total, [7]) == [[1, 0, 10, 0, 0, 0, 11], [10, 1, 0, 0, 0, 0, 11]]
    assert splits(["12", "3"], 2) == [[12, 3]]  # a printed separator is never crossed
    assert splits(["1000002"], 7, total, [7]) == []


# ---------------------------------------------------------------- damaged reports


def lines_of(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def write(tmp_path: Path, lines: list[str], name: str = "damaged.txt") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_truncated_report(tmp_path: Path, seed: SeedFinder) -> None:
    lines = lines_of(seed("004"))
    cut = next(i for i, line in enumerate(lines) if line.startswith("\t\t7.属于行政执法案卷"))
    result = read_published(write(tmp_path, lines[:cut]))
    assert result.report is not None
    assert result.report.cells["applications.new.natural"] == 1
    found = codes(result)
    assert "IMPORT-MISSING-TABLE" in found and found.count("IMPORT-MISSING-PART") == 3
    missing_rows = next(f for f in result.findings if f.code == "IMPORT-MISSING-ROW")
    assert "“7.属于行政执法案卷”" in missing_rows.message and "applications.carried_forward.total" in missing_rows.related


def test_missing_table(tmp_path: Path, seed: SeedFinder) -> None:
    lines = lines_of(seed("004"))
    start = next(i for i, line in enumerate(lines) if line.startswith("第二十条第(一)项"))
    end = next(i for i, line in enumerate(lines) if line.startswith("政府集中采购"))
    result = read_published(write(tmp_path, lines[:start] + lines[end + 1 :]))
    assert result.report is not None
    table2 = [f for f in result.findings if f.code == "IMPORT-MISSING-TABLE"]
    assert len(table2) == 1 and "表二" in table2[0].message
    assert not any(c.startswith("proactive.") for c in result.report.cells)
    assert complete(result.report)["applications.results_total.total"] == 1


def test_shuffled_rows(tmp_path: Path, seed: SeedFinder) -> None:
    """Rows are found by their labels, not their order."""
    lines = lines_of(seed("004"))
    rows = [i for i, line in enumerate(lines) if "\t" in line and re.search(r"\d", line.split("\t")[-1] + line.split("\t")[-2])]
    rows = [i for i in rows if "政府集中采购" not in lines[i] and not lines[i].startswith("0\t")]
    shuffled = list(lines)
    order = [lines[i] for i in rows]
    random.Random(5).shuffle(order)
    for i, line in zip(rows, order, strict=True):
        shuffled[i] = line
    assert shuffled != lines
    expected = imported(seed("004"))
    got = imported(write(tmp_path, shuffled))
    assert complete(got) == complete(expected)


def test_extra_columns(tmp_path: Path) -> None:
    """An extra 法人或其他组织 subtotal column in table 3: the sum rules show which printed column is not in the format."""
    original = read_yaml(SAMPLES / "example-county-bureau-2021.yaml").report
    assert original is not None
    lines = layout(original, "tabs").splitlines()
    values = complete(original)
    out = []
    for line in lines:
        cells = line.split("\t")
        label = cells[-8] if len(cells) >= 8 else ""
        row = next((r for r in FORMATS["2021"].table("applications").rows if r.label == label), None)
        if row is not None:
            legal = sum(number(values[f"applications.{row.key}.{c.key}"]) for c in row.columns[1:] if not c.total)  # all but 自然人
            cells.insert(len(cells) - 6, str(legal))
        out.append("\t".join(cells))
    result = read_published(write(tmp_path, out))
    assert result.report is not None
    have = complete(result.report)
    assert [c for c in values if values[c] != have[c]] == []
    assert "IMPORT-EXTRA-COLUMNS" in codes(result)


# ---------------------------------------------------------------- html and docx as published


def test_html_government_page(tmp_path: Path) -> None:
    """A report inside a government page: navigation, scripts, styles, a layout table and page tools around it."""
    original = read_yaml(SAMPLES / "example-county-bureau-2021.yaml").report
    assert original is not None
    page = render_html(original)
    body = page[page.index("<body>") + len("<body>") : page.index("</body>")]
    path = tmp_path / "page.html"
    path.write_text((FIXTURES / "gov-page.html").read_text(encoding="utf-8").replace("{{REPORT}}", body), encoding="utf-8")
    result = read_published(path)
    assert result.report is not None
    assert complete(result.report) == complete(original)
    assert words(result.report) == words(original)
    trailing = [f for f in result.findings if f.code == "IMPORT-TRAILING"]
    assert codes(result) == ["IMPORT-TRAILING"] and "打印本页" in trailing[0].message


def test_html_spans_and_gb18030(tmp_path: Path) -> None:
    """Tables with rowspan/colspan as hand-made by a site, in GB18030: cells found by label, merged labels resolved."""
    original = read_yaml(SAMPLES / "liaocheng-fao-2019.yaml").report
    assert original is not None
    page = render_html(original).replace('<meta charset="utf-8">', '<meta charset="gb2312">')
    page = re.sub(r' class="[^"]*"| scope="[^"]*"| data-cell="[^"]*"', "", page)
    path = tmp_path / "page.htm"
    path.write_bytes(page.encode("gb18030"))
    got = imported(path)
    assert complete(got) == complete(original)


def test_check_published_report_sees_narrative_contradiction(tmp_path: Path) -> None:
    """`check` on a published report: import, then every rule, including text figures that contradict the tables."""
    original = read_yaml(SAMPLES / "example-county-bureau-2021.yaml").report
    assert original is not None
    wrong = number(complete(original)["applications.new.total"]) + 5
    narrative = original.text.model_copy(update={"overview": f"本年度共收到政府信息公开申请{wrong}件。"})
    text = render_text(original.model_copy(update={"text": narrative}))
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    result, outcome = check_one(path)
    assert result is not None
    figure = [f for f in outcome.findings if f.code == "NARRATIVE-FIGURE"]
    assert figure and figure[0].source is not None and figure[0].source.file == str(path)


# ---------------------------------------------------------------- bad input: a clear Chinese message, exit 2, no traceback


def minimal_docx(paragraphs: list[str]) -> bytes:
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
        )
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


BAD_INPUTS = {
    "not-a-report.txt": (
        "今天天气很好，我们去公园散步。\n\n公园里有很多人。\n".encode(),
        "不是政府信息公开工作年度报告：既没有找到“一、总体情况”等六个部分的标准标题，也没有找到表二至表四的标准表格",
    ),
    "empty.txt": (b"", "文件为空，没有可导入的内容"),
    "blank.html": (b"  \n\n ", "文件为空，没有可导入的内容"),
    "scripts.html": (
        b"<html><head><script>var a = '\xe4\xb8\x80\xe3\x80\x81\xe6\x80\xbb\xe4\xbd\x93\xe6\x83\x85\xe5\x86\xb5';</script>"
        b"<style>p{}</style></head><body><script>document.write('x')</script><noscript>x</noscript></body></html>",
        "网页中没有可读的报告正文（只有脚本、样式或导航）",
    ),
    "no-tables.docx": (
        minimal_docx(["某局2021年政府信息公开工作年度报告", "一、总体情况", "本年度无。"]),
        "Word 文档中没有表格：已发布的年度报告应有表二至表四（如果表格是图片，请改用文本或网页导入）",
    ),
    "corrupt.docx": (b"PK\x03\x04 this is not a zip", "不是有效的 Word 文档（.docx）：文件已损坏，或是旧版 .doc / 其他格式改了扩展名"),
    "binary.txt": (b"\x00\x01\x02PK\x00", "这是一个二进制文件，不是文本文件"),
    "report.rtf": (b"{\\rtf1}", "不支持的已发布报告类型“.rtf”：请使用 .txt、.docx、.html 或 .pdf"),
    "truncated.pdf": (b"%PDF-1.4", "无法打开 PDF 文件（文件已损坏或不是有效的 PDF）"),
    "not-a.pdf": (b"<html>not a pdf</html>", "这不是 PDF 文件（缺少 %PDF 文件头）"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input(name: str, tmp_path: Path) -> None:
    data, message = BAD_INPUTS[name]
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        read_published(path)
    assert info.value.message == message
    assert info.value.file == str(path)


def test_huge_file_refused_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: refused by its size, never read
    with pytest.raises(InputError) as info:
        read_published(path)
    assert info.value.message == "文件过大（50.0 MB），上限为 10 MB"


def test_cli_import(runner: CliRunner, tmp_path: Path, seed: SeedFinder) -> None:
    out = tmp_path / "out.yaml"
    ok = runner.invoke(app, ["import", str(seed("003")), "-o", str(out)])
    assert ok.exit_code == 0, ok.output
    again = read_yaml(out).report
    assert again is not None and complete(again) == complete(imported(seed("003")))


def test_cli_import_bad_input(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_text("", encoding="utf-8")
    failed = runner.invoke(app, ["import", str(bad), "-o", str(tmp_path / "x.yaml")])
    assert failed.exit_code == 2
    assert "文件为空，没有可导入的内容" in failed.output
    assert "Traceback" not in failed.output and not (tmp_path / "x.yaml").exists()
