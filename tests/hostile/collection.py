"""The hostile corpus for the commands over many files: collect, template --roster and audit."""

from __future__ import annotations

from pathlib import Path

from generator.collect.names import unit_file_names

from ..collection import broken, unit_report, write_report
from .inputs import OLE, Maker, folder_with, published, raw

CLASHING = ("甲/局", "甲:局", "甲_局", "甲*局", "..", ".隐藏局", "index", "提交情况", "报告")
UNITS = ("云溪县教育局", "云溪县财政局")
STATUS = ("汇总/提交情况.xlsx", "汇总/提交情况.html", "汇总/数据.csv")


def roster(*names: str, name: str = "名单.csv") -> Maker:
    return raw(name, "单位名称,类别\n" + "".join(f'"{n}",部门\n' for n in names))


def unit(name: str, agency: str, n: int = 1, *, errors: bool = False) -> Maker:
    def make(folder: Path) -> Path:
        report = unit_report(agency, n)
        return write_report(folder / name, broken(report) if errors else report)

    return make


def earlier_collection(name: str) -> Maker:
    """An output folder of an earlier ``collect`` run (one unit accepted, one returned), left at ``name``."""

    def make(folder: Path) -> Path:
        from generator.collect.collect import collect
        from generator.collect.roster import read_roster

        box = folder / ".旧收件箱"
        unit("教育局.xlsx", UNITS[0])(box)
        unit("财政局.xlsx", UNITS[1], 2, errors=True)(box)
        collect(box, read_roster(roster(*UNITS, name=".旧名单.csv")(folder)), folder / name, year=2025)
        return folder / name

    return make


def earlier_audit(folder_name: str, name: str) -> Maker:
    def make(folder: Path) -> Path:
        from generator.audit import audit, audit_outputs
        from generator.fileio import write_with

        target = folder / folder_name / name
        for path, writer in audit_outputs(audit(folder / folder_name), folder / folder_name, target).items():
            write_with(path, writer)
        return target

    return make


def clashing_files() -> tuple[Maker, ...]:
    return tuple(unit(f"{n}.xlsx", name, n) for n, name in enumerate(CLASHING, 1))


STEMS = unit_file_names(CLASHING)
BUILT = (
    *STATUS,
    *(f"汇总/已采用/{s}.xlsx" for s in STEMS.values()),
    *(f"汇总/报告/{s}.{ext}" for s in STEMS.values() for ext in ("docx", "html", "txt")),
    "汇总/报告/index.html",
)
BOX = ("收件箱",)
COLLECT = ("collect", "收件箱", "--roster", "名单.csv")


def collection_cases(case):  # type: ignore[no-untyped-def]
    """The cases, made with the corpus's own ``case``."""
    good = (roster(*UNITS), unit("收件箱/教育局.xlsx", UNITS[0]), unit("收件箱/财政局.xlsx", UNITS[1], 2))
    accepted = (*STATUS, *(f"汇总/已采用/{u}.xlsx" for u in UNITS))
    return [
        # ------------------------------------------------------------ collect
        case(
            "收取：单位名称映射到同一文件名",
            *COLLECT,
            "-o",
            "汇总",
            "--year",
            "2025",
            "--build",
            exit=0,
            files=(roster(*CLASHING), folder_with("收件箱", *clashing_files())),
            creates=BUILT,
        ),
        case("收取：输出目录就是收件箱", *COLLECT, "-o", "收件箱", exit=2, files=good),
        case("收取：输出目录在收件箱内", *COLLECT, "-o", "收件箱/汇总", exit=2, files=good),
        case(
            "收取：收件箱在输出目录内",
            "collect",
            "汇总/收件箱",
            "--roster",
            "名单.csv",
            "-o",
            "汇总",
            exit=2,
            files=(roster(*UNITS), unit("汇总/收件箱/教育局.xlsx", UNITS[0])),
        ),
        case(
            "收取：收件箱里有上次的汇总",
            *COLLECT,
            "-o",
            "汇总",
            "--year",
            "2025",
            exit=1,
            files=(
                roster(*UNITS),
                folder_with(
                    "收件箱", unit("教育局.xlsx", UNITS[0]), unit("财政局.xlsx", UNITS[1], 2, errors=True), earlier_collection("旧汇总")
                ),
            ),
            creates=(*STATUS, "汇总/已采用/云溪县教育局.xlsx", "汇总/退回/云溪县财政局.校验结果.xlsx"),
        ),
        case("收取：名单只有列名", *COLLECT, "-o", "汇总", exit=2, files=(roster(), *good[1:])),
        case("收取：年度 1999", *COLLECT, "-o", "汇总", "--year", "1999", exit=2, files=good),
        case(
            "收取：.xls 与 .xlsx 同名",
            *COLLECT,
            "-o",
            "汇总",
            "--year",
            "2025",
            exit=0,
            files=(*good, raw("收件箱/教育局.xls", OLE + b"\x00" * 2000)),
            creates=accepted,
        ),
        case(
            "收取：上次中断留下的临时文件夹",
            *COLLECT,
            "-o",
            "汇总",
            "--year",
            "2025",
            exit=0,
            files=(*good, raw(".汇总.reportgen-999999999-x/报告/.a.docx.x.tmp", b"")),
            creates=accepted,
            replaces=(".汇总.reportgen-999999999-x", ".汇总.reportgen-999999999-x/报告", ".汇总.reportgen-999999999-x/报告/.a.docx.x.tmp"),
        ),
        case("收取：输出目录是文件", *COLLECT, "-o", "汇总", exit=2, files=(*good, raw("汇总", "x"))),
        case("收取：输出到 /proc", *COLLECT, "-o", "/proc/reportgen-out", exit=2, files=good),
        case(
            "收取：收件箱里的链接指向外面",
            *COLLECT,
            "-o",
            "汇总",
            "--year",
            "2025",
            exit=1,
            files=(
                roster(*UNITS),
                unit("外面/教育局.xlsx", UNITS[0]),
                unit("收件箱/财政局.xlsx", UNITS[1], 2),
                link("收件箱/链接", "../外面"),
            ),
            creates=(*STATUS, "汇总/已采用/云溪县财政局.xlsx"),
        ),
        # ------------------------------------------------------------ template --roster
        case(
            "下发：单位名称映射到同一文件名",
            "template",
            "--roster",
            "名单.csv",
            "--year",
            "2025",
            "-o",
            "下发",
            exit=0,
            files=(roster(*CLASHING),),
            creates=tuple(f"下发/{s}.xlsx" for s in STEMS.values()),
        ),
        case("下发：名单只有列名", "template", "--roster", "名单.csv", "--year", "2025", "-o", "下发", exit=2, files=(roster(),)),
        case(
            "下发：输出到 /proc",
            "template",
            "--roster",
            "名单.csv",
            "--year",
            "2025",
            "-o",
            "/proc/reportgen-out",
            exit=2,
            files=(roster(*UNITS),),
        ),
        # ------------------------------------------------------------ audit
        case(
            "检查：每份报告限时",
            "audit",
            "d",
            "-o",
            "q.xlsx",
            exit=1,
            REPORTGEN_TIME_LIMIT="0.0001",
            REPORTGEN_WORKERS="2",
            files=(folder_with("d", published("a.txt"), published("b.txt"), published("c.txt")),),
            creates=("q.xlsx",),
        ),
        case(
            "检查：上次的问题清单在文件夹内",
            "audit",
            "d",
            "-o",
            "d/q.xlsx",
            "--overwrite",
            exit=0,
            files=(folder_with("d", published("r.txt")), earlier_audit("d", "q.xlsx")),
            replaces=("d/q.xlsx",),
        ),
    ]


def link(name: str, to: str) -> Maker:
    def make(folder: Path) -> Path:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(to, target_is_directory=True)
        return path

    return make
