"""collect and template --roster under faults: colliding unit names, inbox and output together, files changing
during a run, failures while writing, interruption, deep folders, and the messages of odd rosters and years."""

from __future__ import annotations

import errno
import hashlib
import os
from pathlib import Path

import pytest
from openpyxl import load_workbook

from generator.collect.collect import collect
from generator.collect.distribute import distribute
from generator.collect.names import RESERVED, unit_file_names
from generator.collect.roster import read_roster
from generator.errors import InputError
from generator.formats import format_for_year

from .collection import broken, roster_csv, unit_report, write_report

CLASHING = ("甲/局", "甲:局", "甲_局", "甲*局", "..", ".隐藏局", "index", "提交情况", "报告", "CON")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def names_roster(tmp_path: Path, names: tuple[str, ...]) -> Path:
    path = tmp_path / "名单.csv"
    path.write_text("单位名称,类别\n" + "".join(f'"{n}",部门\n' for n in names), encoding="utf-8")
    return path


def clashing_inbox(tmp_path: Path) -> Path:
    box = tmp_path / "收件箱"
    for n, name in enumerate(CLASHING, 1):
        write_report(box / f"{n}.xlsx", unit_report(name, n))
    return box


# ---------------------------------------------------------------- 1. one name per unit


def test_file_names_are_distinct_portable_bounded_and_never_the_tools_own() -> None:
    long = "很长的单位名称" * 40
    stems = unit_file_names([*CLASHING, long, "Con.txt", "甲_局-2"])
    keys = [s.casefold() for s in stems.values()]
    assert len(set(keys)) == len(keys) == len(CLASHING) + 3
    assert stems["甲_局"] == "甲_局" and stems["甲_局-2"] == "甲_局-2"  # portable names keep themselves
    assert stems["甲/局"] not in ("甲_局", "甲_局-2") and stems["甲:局"] not in ("甲_局", "甲_局-2")
    for stem in stems.values():
        assert not set(stem) & set('\\/:*?"<>|') and not stem.startswith(".") and len(stem.encode()) <= 200
        assert stem.casefold() not in RESERVED and stem.casefold() not in ("con",)


def test_template_roster_writes_one_workbook_per_unit(tmp_path: Path) -> None:
    roster = read_roster(names_roster(tmp_path, CLASHING))
    out = tmp_path / "下发"
    result = distribute(roster, format_for_year(2025), 2025, out)
    files = sorted(out.iterdir())
    assert len(result.written) == len(files) == len(CLASHING)
    assert {p.name for p in files} == {f"{s}.xlsx" for s in unit_file_names(CLASHING).values()}


def test_collect_build_keeps_every_units_file_and_report(tmp_path: Path) -> None:
    box = clashing_inbox(tmp_path)
    out = tmp_path / "汇总"
    result = collect(box, read_roster(names_roster(tmp_path, CLASHING)), out, year=2025, build=True)
    assert all(e.state == "通过" for e in result.entries), [(e.name, e.state, e.problems()) for e in result.entries]
    adopted = sorted((out / "已采用").iterdir())
    assert len(adopted) == len(CLASHING)
    on_disk = [p for p in out.rglob("*") if p.is_file()]
    assert len(result.written) == len(on_disk)  # counts printed are files written
    reports = out / "报告"
    assert len(list(reports.glob("*.html"))) == len(CLASHING) + 1  # and index.html, still the tool's own
    index = (reports / "index.html").read_text(encoding="utf-8")
    assert "提交情况" in index and "index_" in index
    notes = [r[0] for r in load_workbook(out / "提交情况.xlsx")["说明"].iter_rows(values_only=True)]
    assert any(str(n).strip().startswith("甲/局 → ") for n in notes)


# ---------------------------------------------------------------- 2. inbox and output apart


@pytest.mark.parametrize("where", ["same", "inside", "contains"])
def test_output_folder_overlapping_the_inbox_is_refused_before_writing(tmp_path: Path, where: str) -> None:
    box = clashing_inbox(tmp_path / "a")
    out = {"same": box, "inside": box / "汇总", "contains": box.parent}[where]
    roster = read_roster(names_roster(tmp_path, CLASHING))
    before = snapshot(tmp_path)
    with pytest.raises(InputError, match="收件箱"):
        collect(box, roster, out, year=2025)
    assert snapshot(tmp_path) == before


def test_an_old_output_folder_in_the_inbox_is_skipped(tmp_path: Path) -> None:
    box = tmp_path / "收件箱"
    write_report(box / "教育局.xlsx", unit_report("云溪县教育局", 1))
    write_report(box / "财政局.xlsx", broken(unit_report("云溪县财政局", 2)))
    roster = read_roster(roster_csv(tmp_path / "名单.csv", [("云溪县教育局", "部门"), ("云溪县财政局", "部门")]))
    collect(box, roster, tmp_path / "旧汇总", year=2025)
    (tmp_path / "旧汇总").rename(box / "旧汇总")
    result = collect(box, roster, tmp_path / "汇总", year=2025)
    assert {e.name: e.state for e in result.entries} == {"云溪县教育局": "通过", "云溪县财政局": "有错误"}
    assert result.own and all("旧汇总" in str(p) for p in result.own)


# ---------------------------------------------------------------- 3. check what you copy


def test_adopted_bytes_are_the_bytes_checked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    box = tmp_path / "收件箱"
    good = write_report(box / "教育局.xlsx", unit_report("云溪县教育局", 1))
    checked = good.read_bytes()
    roster = read_roster(roster_csv(tmp_path / "名单.csv", [("云溪县教育局", "部门")]))
    from generator.collect import collect as module

    real = module.entries

    def swap_then_match(*args, **kwargs):  # the unit replaces its file after it was read, before it is copied
        write_report(good, broken(unit_report("云溪县教育局", 1)))
        return real(*args, **kwargs)

    monkeypatch.setattr(module, "entries", swap_then_match)
    result = collect(box, roster, tmp_path / "汇总", year=2025)
    assert result.entries[0].state == "通过"
    assert (tmp_path / "汇总" / "已采用" / "云溪县教育局.xlsx").read_bytes() == checked
    notes = "\n".join(str(r[0]) for r in load_workbook(tmp_path / "汇总" / "提交情况.xlsx")["说明"].iter_rows(values_only=True))
    assert hashlib.sha256(checked).hexdigest() in notes


def test_a_file_that_vanished_is_that_units_status(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    box = tmp_path / "收件箱"
    write_report(box / "云溪县教育局.xlsx", unit_report("云溪县教育局", 1))
    gone = write_report(box / "云溪县财政局.xlsx", unit_report("云溪县财政局", 2))
    roster = read_roster(roster_csv(tmp_path / "名单.csv", [("云溪县教育局", "部门"), ("云溪县财政局", "部门")]))
    from generator.collect import inbox

    real = inbox.scan

    def scan_then_remove(*args, **kwargs):
        found = real(*args, **kwargs)
        gone.unlink()
        return found

    monkeypatch.setattr(inbox, "scan", scan_then_remove)
    from generator.collect import collect as module

    monkeypatch.setattr(module, "scan", scan_then_remove)
    result = collect(box, roster, tmp_path / "汇总", year=2025)
    assert [e.state for e in result.entries] == ["通过", "无法读取"]
    assert "文件不存在" in result.entries[1].problems()


# ---------------------------------------------------------------- 4, 5. all or nothing


def _fail_on(monkeypatch: pytest.MonkeyPatch, nth: int, err: int = errno.ENOSPC) -> None:
    """The ``nth`` file move (os.replace) of the run fails with ``err``."""
    real = os.replace
    count = [0]

    def replace(a, b, *args, **kwargs):
        count[0] += 1
        if count[0] == nth:
            raise OSError(err, os.strerror(err), str(b))
        return real(a, b, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)


@pytest.mark.parametrize("nth", [1, 3, 8, 16, 22])
def test_collect_failure_leaves_the_previous_output_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, nth: int) -> None:
    box = clashing_inbox(tmp_path)
    roster = read_roster(names_roster(tmp_path, CLASHING))
    out = tmp_path / "汇总"
    collect(box, roster, out, year=2025, build=True)
    before = snapshot(tmp_path)
    write_report(box / "1.xlsx", broken(unit_report(CLASHING[0], 1)))
    before = snapshot(tmp_path)
    _fail_on(monkeypatch, nth)
    with pytest.raises(InputError, match="磁盘已满"):
        collect(box, roster, out, year=2025, build=True)
    assert snapshot(tmp_path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["名单.csv", "收件箱", "汇总"]


def test_interrupted_collect_leaves_nothing_and_a_rerun_removes_stale_staging(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    box = clashing_inbox(tmp_path)
    roster = read_roster(names_roster(tmp_path, CLASHING))
    out = tmp_path / "汇总"
    from generator.collect import publish

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(publish, "write_index", interrupted)
    with pytest.raises(KeyboardInterrupt):
        collect(box, roster, out, year=2025, build=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["名单.csv", "收件箱"]
    monkeypatch.undo()
    stale = tmp_path / ".汇总.reportgen-999999999-abc"  # left by a run that was killed outright
    (stale / "报告").mkdir(parents=True)
    (stale / "报告" / ".x.tmp").write_bytes(b"")
    collect(box, roster, out, year=2025, build=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["名单.csv", "收件箱", "汇总"]
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]


def test_template_roster_failure_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    roster = read_roster(names_roster(tmp_path, CLASHING))
    _fail_on(monkeypatch, 4, errno.EACCES)
    with pytest.raises(InputError, match="权限不足"):
        distribute(roster, format_for_year(2025), 2025, tmp_path / "下发")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["名单.csv"]


# ---------------------------------------------------------------- 6. depth


def deep(folder: Path, levels: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = os.fspath(folder)
    for _ in range(levels):  # one level at a time: makedirs itself recurses
        path += "/d"
        os.mkdir(path)
    return Path(path)


def remove_deep(folder: Path) -> None:
    """Remove a deep tree bottom-up (shutil.rmtree, and so pytest's own clean-up, recurses)."""
    levels = [os.fspath(folder)]
    while True:
        subfolders = [e.path for e in os.scandir(levels[-1]) if e.is_dir(follow_symlinks=False)]
        if not subfolders:
            break
        levels.append(subfolders[0])
    for level in reversed(levels):
        for entry in os.scandir(level):
            if not entry.is_dir(follow_symlinks=False):
                os.unlink(entry.path)
        os.rmdir(level)


def test_a_deep_inbox_is_read(tmp_path: Path) -> None:
    box = tmp_path / "收件箱"
    try:
        write_report(deep(box, 1500) / "云溪县教育局.xlsx", unit_report("云溪县教育局", 1))
        roster = read_roster(roster_csv(tmp_path / "名单.csv", [("云溪县教育局", "部门")]))
        result = collect(box, roster, tmp_path / "汇总", year=2025)
        assert result.entries[0].state == "通过"
    finally:
        remove_deep(box)


def test_links_never_lead_outside_the_inbox(tmp_path: Path) -> None:
    box = tmp_path / "收件箱"
    box.mkdir()
    outside = write_report(tmp_path / "外面" / "云溪县教育局.xlsx", unit_report("云溪县教育局", 1))
    (box / "链接.xlsx").symlink_to(outside)
    (box / "目录").symlink_to(outside.parent, target_is_directory=True)
    (box / "回环").symlink_to(box, target_is_directory=True)
    roster = read_roster(roster_csv(tmp_path / "名单.csv", [("云溪县教育局", "部门")]))
    result = collect(box, roster, tmp_path / "汇总", year=2025)
    assert result.files == 0 and result.entries[0].state == "未提交"


# ---------------------------------------------------------------- 9. messages


def test_a_roster_without_units_is_refused(tmp_path: Path) -> None:
    (tmp_path / "收件箱").mkdir()
    roster = read_roster(roster_csv(tmp_path / "名单.csv", []))
    with pytest.raises(InputError, match="名单中没有任何单位"):
        collect(tmp_path / "收件箱", roster, tmp_path / "汇总")
    assert not (tmp_path / "汇总").exists()


def test_collect_year_follows_templates_limits(tmp_path: Path) -> None:
    (tmp_path / "收件箱").mkdir()
    roster = read_roster(roster_csv(tmp_path / "名单.csv", [("云溪县教育局", "部门")]))
    with pytest.raises(InputError, match="1999"):
        collect(tmp_path / "收件箱", roster, tmp_path / "汇总", year=1999)


def test_an_xls_beside_the_same_xlsx_is_noted_and_the_xlsx_used(tmp_path: Path) -> None:
    box = tmp_path / "收件箱"
    write_report(box / "云溪县教育局.xlsx", unit_report("云溪县教育局", 1))
    (box / "云溪县教育局.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2000)
    roster = read_roster(roster_csv(tmp_path / "名单.csv", [("云溪县教育局", "部门")]))
    result = collect(box, roster, tmp_path / "汇总", year=2025)
    assert result.entries[0].state == "通过" and [p.name for p in result.superseded] == ["云溪县教育局.xls"]


def test_a_report_that_cannot_be_rendered_stops_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    box = clashing_inbox(tmp_path)
    roster = read_roster(names_roster(tmp_path, CLASHING))
    from generator.collect import publish

    monkeypatch.setattr(publish, "render_unit", lambda task: "磁盘已满")
    with pytest.raises(InputError, match="磁盘已满"):
        collect(box, roster, tmp_path / "汇总", year=2025, build=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["名单.csv", "收件箱"]


# ---------------------------------------------------------------- 7. the roster's workbooks built once


@pytest.mark.parametrize("name", ["云溪县教育局", "A&B<局>\"'", "=1+1", "甲 乙局", "😀局", "ＡＢ局", "甲  局", " 甲局"])
def test_a_stamped_workbook_is_the_workbook_built_for_the_unit(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.workbook.stamp import stamped
    from generator.workbook.template import template_bytes

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    data = stamped("2021", 2025, name)
    assert data is None or data == template_bytes(version="2021", year=2025, agency=name)
    assert (data is None) == (name != name.strip() or "  " in name)


# ---------------------------------------------------------------- the command line: exact messages and exit codes


def test_cli_refuses_the_inbox_as_output(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from generator.cli import app

    box = clashing_inbox(tmp_path)
    names_roster(tmp_path, CLASHING)
    result = runner.invoke(app, ["collect", str(box), "--roster", str(tmp_path / "名单.csv"), "-o", str(box)])
    assert result.exit_code == 2
    assert result.stderr == f"错误：{box}：输出目录就是收件箱：请用 -o 指定收件箱以外的目录\n"


def test_cli_interrupted_template_roster_says_nothing_was_written(runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from generator import staging
    from generator.cli import app

    names_roster(tmp_path, CLASHING)

    def interrupted(self, **kwargs):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt

    monkeypatch.setattr(staging.Staging, "commit", interrupted)
    argv = ["template", "--roster", str(tmp_path / "名单.csv"), "--year", "2025", "-o", str(tmp_path / "下发")]
    result = runner.invoke(app, argv)
    assert result.exit_code == 130
    assert result.stderr.splitlines()[-1] == "已中断：未写出任何文件，输出目录保持原样，临时文件已删除"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["名单.csv"]


def test_cli_counts_the_files_written(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from generator.cli import app

    box = clashing_inbox(tmp_path)
    names_roster(tmp_path, CLASHING)
    out = tmp_path / "汇总"
    result = runner.invoke(app, ["collect", str(box), "--roster", str(tmp_path / "名单.csv"), "-o", str(out), "--year", "2025", "--build"])
    written = len([p for p in out.rglob("*") if p.is_file()])
    assert result.exit_code == 0 and result.stdout.splitlines()[-1] == f"✓ 已写出 {out}/提交情况.xlsx 等 {written} 个文件"


def test_staging_goes_inside_the_output_folder_when_its_parent_is_not_writable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    roster = read_roster(names_roster(tmp_path, CLASHING[:3]))
    out = tmp_path / "下发"
    out.mkdir()
    real = tempfile.mkdtemp

    def mkdtemp(*args, dir=None, **kwargs):  # type: ignore[no-untyped-def]
        if Path(dir) == tmp_path:
            raise PermissionError(errno.EACCES, "Permission denied", str(dir))
        return real(*args, dir=dir, **kwargs)

    monkeypatch.setattr(tempfile, "mkdtemp", mkdtemp)
    result = distribute(roster, format_for_year(2025), 2025, out)
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in result.written) and len(result.written) == 3


@pytest.mark.parametrize("delay", [0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1.0])
def test_ctrl_c_during_collect_build_leaves_the_earlier_output_whole(tmp_path: Path, delay: float) -> None:
    """A real process interrupted at some moment: the earlier output stays byte for byte, nothing temporary is left."""
    import signal
    import subprocess
    import sys
    import time

    from .conftest import ROOT

    box = clashing_inbox(tmp_path)
    roster = names_roster(tmp_path, CLASHING)
    out = tmp_path / "汇总"
    collect(box, read_roster(roster), out, year=2025, build=True)
    write_report(box / "1.xlsx", broken(unit_report(CLASHING[0], 1)))
    before = snapshot(tmp_path)
    argv = [sys.executable, "-m", "generator", "collect", str(box), "--roster", str(roster), "-o", str(out), "--year", "2025", "--build"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()  # the signal is sent this long after the program has loaded (a signal during
    subprocess.run([*argv[:3], "collect", "--help"], env=env, capture_output=True, check=True)  # Python's own start-up
    loaded = time.perf_counter() - start  # is no concern of this test)
    process = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(loaded + delay)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    leftovers = [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp") or ".reportgen-" in p.name]
    assert leftovers == [] and "Traceback" not in stderr.decode()
    if "已中断" in stderr.decode():
        assert process.returncode == 130 and snapshot(tmp_path) == before  # never -SIGINT (Python killing itself)
    else:  # finished before the signal: the new output, whole (as an uninterrupted run writes it)
        assert process.returncode == 1
        reference = collect(box, read_roster(roster), tmp_path / "参照", year=2025, build=True)
        assert len(reference.written) == len([p for p in out.rglob("*") if p.is_file()])
        assert {str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()} == {
            str(p.relative_to(tmp_path / "参照")) for p in (tmp_path / "参照").rglob("*") if p.is_file()
        }


@pytest.mark.parametrize("after", [0.01, 0.04, 0.08])
def test_ctrl_c_while_the_program_loads_says_so_without_a_traceback(tmp_path: Path, after: float) -> None:
    """A Ctrl-C while the commands are still being imported: one line and exit 130, not a KeyboardInterrupt traceback."""
    import signal
    import subprocess
    import sys
    import time

    from .conftest import ROOT

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], env=env, check=True)
    python = time.perf_counter() - start  # Python's own start-up, before which a signal simply kills it
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "check", str(tmp_path)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    time.sleep(python + after)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert "Traceback" not in stderr.decode()
    if process.returncode != 2:  # not already finished (an empty folder: exit 2)
        assert (process.returncode, stderr.decode()) == (130, "已中断：未完成的临时文件已删除\n")
