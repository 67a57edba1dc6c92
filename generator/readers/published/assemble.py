"""A published report's lines and tables → the Report model, with every doubt reported as a finding."""

from __future__ import annotations

import re
from decimal import Decimal

from ...codes.published import (
    IMPORT_AGENCY_MISSING,
    IMPORT_BLANK,
    IMPORT_MISSING_PART,
    IMPORT_MISSING_ROW,
    IMPORT_MISSING_TABLE,
    IMPORT_TOTAL_BLANK,
    IMPORT_TRAILING,
    IMPORT_VERSION,
    IMPORT_YEAR_MISSING,
)
from ...errors import InputError
from ...findings import Finding, Source
from ...formats import FORMATS, TABLE_NAMES, Format, format_for_year
from ...report import Contact, InfoFees, Narrative, ReadResult, Report
from ...title import REPORT_NAME
from ...view import preface_text
from .items import Document, Grid, Line
from .labels import detect_version
from .lineup import read_rows
from .narrative import (
    closing,
    contact_of,
    heading_part,
    is_contact,
    paragraphs,
    year_in,
)
from .regions import Row, regions, table_rows
from .tables import PrintedRow, TableReading, cell_name, collect
from .titles import interpretation, report_title, title_facts, title_lines

NOT_A_REPORT_PREFIX = "不是政府信息公开工作年度报告："
NOT_A_REPORT = NOT_A_REPORT_PREFIX + "既没有找到“一、总体情况”等六个部分的标准标题，也没有找到表二至表四的标准表格"
INTERPRETATION = NOT_A_REPORT_PREFIX + "这是对年度报告的解读（“{title}”），不是报告本身，没有可导入的表格"
AGENCY_SUFFIX = re.compile(r"^[市县区省州盟旗镇乡]")
LIST_LIMIT = 12


def headings(doc: Document, fmt: Format) -> dict[int, int]:
    """Part index → item index of its heading, parts in order."""
    found: dict[int, int] = {}
    last = -1
    for i, item in enumerate(doc.items):
        if isinstance(item, Line):
            part = heading_part(item.text, fmt, last)
            if part is not None:
                found[part] = i
                last = part
    return found


def first_table(doc: Document, version: str) -> int:
    """Without any part heading, where the tables begin (found by their own labels): what precedes is the title and preface."""
    grids = [i for i, item in enumerate(doc.items) if isinstance(item, Grid)]
    lines = [(i, item) for i, item in enumerate(doc.items) if isinstance(item, Line)]
    spans = regions([line for _, line in lines], version)
    starts = grids + ([lines[spans[0][0]][0]] if spans else [])
    return min(starts, default=len(doc.items))


def split_part(items: list[Line | Grid], version: str) -> tuple[list[Line], list[Row], list[Line]]:
    """A part's lines before its table, the table rows (from grids and from table lines), and the lines after."""
    before: list[Line] = []
    after: list[Line] = []
    rows: list[Row] = []
    run: list[Line] = []

    def flush() -> None:
        if not run:
            return
        spans = regions(run, version)
        pos = 0
        for start, end in spans:
            (before if not rows else after).extend(run[pos:start])
            rows.extend(table_rows(run[start:end], version))
            pos = end
        (before if not rows else after).extend(run[pos:])
        run.clear()

    for item in items:
        if isinstance(item, Grid):
            flush()
            rows.extend((list(r), r[0].source if r else item.source, item.fields_are_cells) for r in item.rows if r)
        else:
            run.append(item)
    flush()
    return before, rows, after


def assemble(doc: Document) -> ReadResult:
    """The report a document prints; raises InputError when it is not a report at all."""
    text = "\n".join(doc.texts())
    version, hits = detect_version(text)
    fmt = FORMATS[version] if version else FORMATS[max(FORMATS)]
    heads = headings(doc, fmt)
    doc_lines = [x for x in doc.items if isinstance(x, Line)]
    if not heads and not any(hits.values()) and report_title(doc_lines) is None:  # one page of a report still names it
        about = interpretation(doc_lines)
        raise InputError(INTERPRETATION.format(title=about[:60]) if about else NOT_A_REPORT, doc.file)
    findings: list[Finding] = []
    sources: dict[str, Source] = {}
    first = min(heads.values()) if heads else first_table(doc, fmt.version)
    # a page that starts inside a table (one page of a PDF) prints rows before any part heading
    pre_before, pre_rows, pre_after = split_part([x for x in doc.items[:first] if isinstance(x, Line)], fmt.version)
    title, preface_lines = title_lines(pre_before + pre_after)
    agency, year = title_facts(title)

    order = sorted(heads.items(), key=lambda kv: kv[1])
    bounds = [(part, start + 1, order[k + 1][1] if k + 1 < len(order) else len(doc.items)) for k, (part, start) in enumerate(order)]
    if not heads:
        bounds = [(0, first, len(doc.items))]
    # grids before part 一 (a heading missing) still belong to the tables
    rows: list[Row] = list(pre_rows)
    texts: dict[str, list[str]] = {}
    signature = date = None
    for k, (part, start, end) in enumerate(bounds):
        items = doc.items[start:end]
        before, part_rows, after = split_part(items, fmt.version)
        rows.extend(part_rows)
        lines = before + after
        if k == len(bounds) - 1:
            lines, signature, date, chrome = closing(lines)
            if chrome:
                dropped = "；".join(line.text.strip() for line in chrome)
                findings.append(IMPORT_TRAILING(source=chrome[0].source, count=len(chrome), dropped=dropped[:80]))
        key = fmt.parts[part].key
        texts[key] = paragraphs(lines)
        heading = doc.items[order[k][1]] if heads else None
        if isinstance(heading, Line):
            sources[f"text.{key}"] = heading.source
    for index, spec in enumerate(fmt.parts):
        if index not in heads and heads:
            findings.append(IMPORT_MISSING_PART(heading=spec.heading))

    if year is None:
        year = year_in(text)
        if year is None and date is not None:
            year = date.year - 1
    if year is None:
        year = fmt.first_year
        findings.append(IMPORT_YEAR_MISSING(year=year))
    if version is None:
        fmt = format_for_year(year)
        findings.append(IMPORT_VERSION(version=fmt.version))
    if agency is None or (AGENCY_SUFFIX.match(agency) and signature):
        agency = signature or agency
    if not agency:
        findings.append(IMPORT_AGENCY_MISSING())

    printed, units, row_findings = collect(rows, fmt)
    cut_short(printed, doc)
    reading = read_rows(printed, fmt, units, "\n".join(para for paras in texts.values() for para in paras))
    if not reading.cells and not reading.blanks and (about := interpretation(doc_lines)) is not None:
        raise InputError(INTERPRETATION.format(title=about[:60]), doc.file)
    findings += row_findings + reading.findings + table_findings(reading, fmt)
    sources.update(reading.sources)

    name, phone = contact_of([x.text for x in doc.items if isinstance(x, Line)] + [f.text for r in rows for f in r[0]])
    narrative = Narrative(**{key: "\n\n".join(paras) for key, paras in texts.items()})
    info_fees = fees(fmt, narrative.other_matters)
    if info_fees is not None and narrative.other_matters.strip() in generated_fee_texts(fmt, info_fees):
        narrative.other_matters = ""
    report = Report(
        agency=agency or "",
        year=year,
        format=fmt.version,
        title=title,
        date=date,
        signature=signature,
        preface="\n\n".join(paragraphs(preface_lines)),
        contact=Contact(name=name, phone=phone) if name or phone else None,
        text=narrative,
        cells=reading.cells,
        units=reading.units,
        info_fees=info_fees,
    )
    tidy_defaults(report)
    return ReadResult(report=report, findings=findings, sources=sources, file=doc.file)


def cut_short(printed: list[PrintedRow], doc: Document) -> None:
    """The document's last line is a row with fewer cells than its columns (a page cut short): the cells it prints
    are the leading ones, the others not read."""
    last = next((x for x in reversed(doc.items) if not isinstance(x, Line) or x.text.strip()), None)
    if not printed or not isinstance(last, Line) or printed[-1].source != last.source:
        return
    row = printed[-1]
    tokens = list(row.tokens)
    while tokens and tokens[-1].kind == "blank":
        tokens.pop()
    # without separators a lone token may be digits run together (a whole row): only separate numbers are leading cells
    if (row.positional or len(tokens) >= 2) and 0 < len(tokens) < len(row.cells):
        row.tokens, row.cells = tokens, row.cells[: len(tokens)]


def tidy_defaults(report: Report) -> None:
    """Fields equal to what reportgen would print anyway are left to their defaults."""
    if report.title and report.title == f"{report.agency}{report.year}年{REPORT_NAME}":
        report.title = None
    if report.signature and report.signature == report.agency:
        report.signature = None
    if report.preface:
        auto = report.model_copy(update={"preface": "auto"})
        if preface_text(auto) == report.preface:
            report.preface = "auto"


def generated_fee_texts(fmt: Format, fees_: InfoFees) -> set[str]:
    from ...values import display

    return {
        fmt.fee_sentence.format(notices=fees_.notices, notice_amount=display(fees_.notice_amount), collected=display(fees_.collected)),
        fmt.no_fee_sentence,
    }


def fees(fmt: Format, text: str) -> InfoFees | None:
    """信息处理费 figures stated in part 六 in the format's own sentence."""
    if not fmt.fee_sentence:
        return None
    if fmt.no_fee_sentence and fmt.no_fee_sentence in text:
        return InfoFees()
    pattern = re.escape(fmt.fee_sentence)
    for name in ("notices", "notice_amount", "collected"):
        pattern = pattern.replace(re.escape("{" + name + "}"), rf"(?P<{name}>\d+(?:\.\d+)?)")
    found = re.search(pattern, text)
    if not found:
        return None
    return InfoFees(
        notices=int(found.group("notices")),
        notice_amount=Decimal(found.group("notice_amount")),
        collected=Decimal(found.group("collected")),
    )


def table_findings(reading: TableReading, fmt: Format) -> list[Finding]:
    """Missing tables and rows, and the cells printed blank (kept apart from 0)."""
    out: list[Finding] = []
    for table in fmt.tables:
        name = TABLE_NAMES[table.key]
        if table.key not in reading.tables:
            out.append(IMPORT_MISSING_TABLE(table=name, title=table.title))
            continue
        missing = [row for row in table.rows if f"{table.key}.{row.key}" not in reading.rows]
        if missing:
            out.append(
                IMPORT_MISSING_ROW(
                    cell=f"{table.key}.{missing[0].key}.{missing[0].columns[0].key}",
                    related=[f"{table.key}.{r.key}.{c.key}" for r in missing for c in r.columns],
                    table=name,
                    count=len(missing),
                    rows="、".join(f"“{r.label}”" for r in missing[:LIST_LIMIT]),
                )
            )
        blanks = [c for c in reading.blanks if c.startswith(table.key + ".")]
        totals = blank_totals(blanks, reading, fmt)
        if totals:
            blanks = [c for c in blanks if c not in totals]
            rows = "、".join(f"“{fmt.cells()[c].row.label}”" for c in totals[:LIST_LIMIT]) + ("等" if len(totals) > LIST_LIMIT else "")
            out.append(IMPORT_TOTAL_BLANK(cell=totals[0], related=totals, table=name, count=len(totals), rows=rows))
        if blanks:
            shown = "、".join(cell_name(fmt, c) for c in blanks[:LIST_LIMIT])
            more = f"等 {len(blanks)} 个" if len(blanks) > LIST_LIMIT else ""
            out.append(IMPORT_BLANK(cell=blanks[0], related=blanks, table=name, count=len(blanks), shown=shown, more=more))
    return out


def blank_totals(blanks: list[str], reading: TableReading, fmt: Format) -> list[str]:
    """总计 cells printed blank in rows whose other cells are filled: left blank, so the checks add the columns up."""
    cells = fmt.cells()
    out: list[str] = []
    for cell in blanks:
        spec = cells[cell]
        if spec.column.total:
            siblings = [f"{spec.table}.{spec.row.key}.{c.key}" for c in spec.row.columns if c.key != spec.column.key]
            if any(s in reading.cells for s in siblings):
                out.append(cell)
    return out


def blank_cells(result: ReadResult) -> list[str]:
    """The cells a published report printed blank (as opposed to 0), from an import's findings."""
    return [c for f in result.findings if f.code in (IMPORT_BLANK.id, IMPORT_TOTAL_BLANK.id) for c in f.related]


def ensure_content(doc: Document, what: str) -> None:
    if not any((isinstance(x, Line) and x.text.strip()) or isinstance(x, Grid) for x in doc.items):
        raise InputError(what, doc.file)


__all__ = ["assemble", "blank_cells", "ensure_content", "is_contact"]
