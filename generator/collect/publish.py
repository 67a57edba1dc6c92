"""``collect --build``: each accepted unit's report in every format, and index.html listing them by 类别."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from ..report import Report
from ..title import REPORT_NAME
from .collect import ACCEPTED, Collection

FORMATS = ("docx", "html", "txt")
INDEX = "index.html"
NO_CATEGORY = "其他"


@dataclass(frozen=True)
class RenderTask:
    report: Report
    folder: Path
    stem: str


def render_unit(task: RenderTask) -> str | None:
    """Write one unit's report in every format; the Chinese reason when it could not be written."""
    from ..errors import InputError
    from ..render import render_report as render

    try:
        render(task.report, task.folder, task.stem, FORMATS)
    except InputError as exc:
        return exc.message
    return None


def publish(collection: Collection, folder: Path) -> list[Path]:
    """Render every unit whose state is 通过 or 有警告 (any failure stops the run), then write index.html."""
    from ..parallel import pmap
    from ..pipeline import warm_up

    tasks = [
        RenderTask(e.report, folder, collection.stems[e.name])
        for e in collection.entries
        if e.unit is not None and e.state in ACCEPTED and e.report is not None
    ]
    warm_up(len(tasks), rendering=True)
    built: dict[str, str] = {}
    for done in pmap(render_unit, tasks):
        if done.result is not None or done.timed_out or done.crashed:  # all reports or none: the run stops
            from ..fileio import OutputError

            why = done.result or ("处理超时" if done.timed_out else "处理进程意外退出")
            raise OutputError(f"未能生成“{done.item.stem}”的报告：{why}")
        built[done.item.stem] = done.item.report.display_title
    written = [folder / f"{stem}.{fmt}" for stem in built for fmt in FORMATS]
    written.append(write_index(collection, folder / INDEX, built))
    return written


LEVEL_CATEGORY = "本级"  # the roster's category of the government's own office
OFFICE_SUFFIX = "办公室"


def government_name(collection: Collection) -> str:
    """The government the page belongs to: as given, else the roster's 本级 unit (its 办公室 being the government's)."""
    if collection.government:
        return collection.government
    level = next((u.name for u in collection.roster.units if u.category == LEVEL_CATEGORY), "")
    return level.removesuffix(OFFICE_SUFFIX) if level.endswith("人民政府" + OFFICE_SUFFIX) else level


def write_index(collection: Collection, target: Path, built: dict[str, str]) -> Path:
    """The page for the 政府信息公开专栏: the year, and each published unit under its 类别, linking its html and docx."""
    from ..fileio import write_atomic
    from ..render.jinja import render_template

    order = collection.roster.categories()
    groups: dict[str, list[dict[str, str]]] = {c: [] for c in order}
    for entry in collection.entries:
        stem = collection.stems.get(entry.name, "")
        if entry.unit is None or stem not in built:
            continue
        groups.setdefault(entry.category or NO_CATEGORY, []).append(
            {"name": entry.name, "title": built[stem], "html": quote(f"{stem}.html"), "docx": quote(f"{stem}.docx")}
        )
    year = collection.year
    government = government_name(collection)
    html = render_template(
        "collect/index.html.j2",
        government=government,
        title=f"{government}{year}年度{REPORT_NAME}（各单位）" if year else f"{government}{REPORT_NAME}（各单位）",
        groups=[(name, units) for name, units in groups.items() if units],
        count=len(built),
    )
    write_atomic(target, html)
    return target
