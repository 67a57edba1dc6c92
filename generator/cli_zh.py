"""The command line's own words in Chinese: usage errors and help boilerplate, OS errors and interruptions, one line each."""

from __future__ import annotations

import os
import re
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import typer

try:  # newer typer vendors click and does not re-export its exceptions
    from typer._click import exceptions as click_errors
except ImportError:  # pragma: no cover - typer releases that depend on click itself
    from click import exceptions as click_errors  # type: ignore[no-redef]
from typer.core import TyperCommand, TyperGroup

from .errors import InputError
from .fileio import os_error_message

F = TypeVar("F", bound=Callable[..., Any])

PROG = "reportgen"
DEBUG_ENV = "REPORTGEN_DEBUG"  # set to 1 to see the traceback of an internal error instead of one line
INTERRUPTED = 130  # the shell's code for a run stopped by Ctrl-C (also used for SIGTERM)
INTERNAL = "内部错误"

HELP_WORDS: tuple[tuple[str, str], ...] = (
    ("Usage: ", "用法："),
    ("[OPTIONS]", "[选项]"),
    ("COMMAND [ARGS]...", "命令 [参数]..."),
    ("Arguments:", "参数："),
    ("Options:", "选项："),
    ("Commands:", "命令："),
    ("Show this message and exit.", "显示本帮助并退出。"),
    ("[required]", "[必填]"),
    ("<list[Path]>", "<文件…>"),
    ("<path>", "<路径>"),
    ("<str>", "<文字>"),
    ("<int>", "<整数>"),
    ("<float>", "<数字>"),
)
TYPE_WORDS = (("int", "整数"), ("float", "数字"), ("decimal", "数字"), ("bool", "是或否"), ("date", "日期"), ("path", "路径"))


def chinese_help(text: str) -> str:
    """Click's help page with its English boilerplate in Chinese."""
    for english, chinese in HELP_WORDS:
        text = text.replace(english, chinese)
    text = re.sub(r"\[default:\s+", "[默认：", text)
    return re.sub(r"\{(\w+)\}\.\.\.", lambda m: f"{m.group(1).upper()}...", text)


def _expected(exc: click_errors.BadParameter) -> str:
    """What the value should have been: from the validation error behind typer's conversion (typer 0.29 and
    later convert with pydantic), else from the parameter's click type (``integer``, ``float``, ``path`` …)."""
    cause = exc.__cause__
    errors = getattr(cause, "errors", None)
    kind = ""
    if callable(errors):
        try:
            kind = str(errors()[0].get("type", ""))
        except (IndexError, TypeError, AttributeError):
            kind = ""
    if not kind:
        kind = str(getattr(getattr(exc.param, "type", None), "name", "") or "")
    return next((word for prefix, word in TYPE_WORDS if kind.startswith(prefix)), "")


def _param_name(param: Any) -> str:
    opts = [o for o in (getattr(param, "opts", None) or []) if o]
    if opts and getattr(param, "param_type_name", "") == "option":
        return "/".join(opts)
    return (getattr(param, "name", None) or "参数").upper()


def usage_message(exc: click_errors.UsageError) -> str:
    """One Chinese line for a command-line mistake (never click's English)."""
    param = getattr(exc, "param", None)
    if isinstance(exc, click_errors.MissingParameter):
        kind = "选项" if param is not None and getattr(param, "param_type_name", "") == "option" else "参数"
        helptext = (getattr(param, "help", None) or "").strip()
        return f"缺少必填的{kind} {_param_name(param)}" + (f"（{helptext}）" if helptext else "")
    if isinstance(exc, click_errors.BadParameter):
        expected = _expected(exc)
        name = _param_name(param) if param is not None else "参数"
        return f"{name} 的值无效" + (f"：应为{expected}" if expected else "")
    if isinstance(exc, click_errors.NoSuchOption):
        options = sorted(exc.possibilities or ())
        return f"没有这个选项：{exc.option_name}" + (f"（是否想用：{'、'.join(options)}）" if options else "")
    if isinstance(exc, click_errors.BadOptionUsage):
        return f"选项 {exc.option_name} 的用法不对：它后面需要一个值"
    message = exc.message
    extra = re.match(r"Got unexpected extra argument(?:\(s\)|s)? \((.*)\)", message)
    if extra:
        return f"多余的参数：{extra.group(1)}（选项要写在 -- 之前；输入文件名以 - 开头时写在 -- 之后）"
    unknown = re.match(r"No such command '(.*?)'", message)
    if unknown:
        known = "、".join(getattr(exc.ctx.command, "commands", {})) if exc.ctx is not None else ""
        return f"没有这个命令：{unknown.group(1)}" + (f"（可用命令：{known}）" if known else "")
    if message.startswith("Missing command"):
        return "缺少命令"
    return "命令行参数有误"


def _hint(exc: click_errors.UsageError) -> str:
    path = exc.ctx.command_path if exc.ctx is not None else PROG
    return f"（用法见 {path} --help）"


class _Said:
    """Whether this run has already told the user it was interrupted."""

    interrupted = False


class _Program:
    """Whether the command line runs as the program itself (not called from tests or another program)."""

    running = False


def stop_listening() -> None:
    """The command is over and its exit code decided: Ctrl-C and SIGTERM are ignored from now on. Python puts the
    default handlers back while it shuts down, and a Ctrl-C in that moment would kill the finished program (exit −2,
    no message) instead of letting it exit with its code."""
    if _Program.running and threading.current_thread() is threading.main_thread():  # never in tests' own process
        for stop in (signal.SIGINT, signal.SIGTERM):
            signal.signal(stop, signal.SIG_IGN)


def exit_now(code: int) -> None:
    """End an interrupted program with ``code`` at once. After a KeyboardInterrupt was caught, CPython may still end
    the program by killing itself with SIGINT once it has shut down (exit −2, seen in about one interrupted
    ``collect --build`` in ten): its internal "unhandled Ctrl-C" mark was set. Everything was written or removed
    already; the streams are flushed here."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def was_said() -> bool:
    """Whether this run has told the user it was interrupted."""
    return _Said.interrupted


def interrupted_line(done: int, count: int) -> str:
    """What the user is told after an interruption."""
    _Said.interrupted = True
    if count:
        return f"已中断：{count} 个输入中已处理完 {done} 个，其余未处理；已写出的文件都是完整的，未完成的临时文件已删除"
    return "已中断：未完成的临时文件已删除"


def nothing_written_line() -> str:
    """What the user is told after an interruption of a command that writes its output folder all or nothing."""
    _Said.interrupted = True
    return "已中断：未写出任何文件，输出目录保持原样，临时文件已删除"


def run_guarded(action: Callable[[], Any]) -> int:
    """Run the command line, turning every failure into one Chinese line on stderr and an exit code."""
    _Said.interrupted = False
    try:
        code = action()
        if code == INTERRUPTED and not _Said.interrupted:  # typer turns a Ctrl-C outside a command's guard into 130
            typer.echo(interrupted_line(0, 0), err=True)
    except click_errors.NoArgsIsHelpError as exc:
        typer.echo(exc.ctx.get_help() if exc.ctx else "")
        return 0
    except click_errors.UsageError as exc:
        typer.echo(f"错误：{usage_message(exc)}{_hint(exc)}", err=True)
        return 2
    except (KeyboardInterrupt, typer.Abort):
        typer.echo(interrupted_line(0, 0), err=True)
        return INTERRUPTED
    except InputError as exc:
        typer.echo(f"错误：{exc}", err=True)
        return 2
    except OSError as exc:
        typer.echo(f"错误：{os_error_message(exc)}", err=True)
        return 2
    except Exception as exc:  # never a traceback for the user; REPORTGEN_DEBUG=1 shows it to a developer
        if os.environ.get(DEBUG_ENV):
            raise
        typer.echo(f"错误：{INTERNAL}（{type(exc).__name__}），请把输入文件和这一行发给维护人员", err=True)
        return 2
    return code if isinstance(code, int) else 0


def run_with_sigterm(action: Callable[[], int]) -> int:
    """Run ``action`` with SIGTERM handled like Ctrl-C, so temporary files are removed on that path too."""
    if threading.current_thread() is not threading.main_thread():
        return action()

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        return action()
    finally:
        signal.signal(signal.SIGTERM, previous)


class ChineseCommand(TyperCommand):
    """A command whose help page is in Chinese."""

    def get_help(self, ctx: Any) -> str:
        return chinese_help(super().get_help(ctx))


class ChineseGroup(TyperGroup):
    """The ``reportgen`` group: Chinese help, and every error as one Chinese line with an exit code."""

    def get_help(self, ctx: Any) -> str:
        return chinese_help(super().get_help(ctx))

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        def action() -> Any:
            return super(ChineseGroup, self).main(args, PROG, complete_var, standalone_mode=False, **extra)

        code = run_guarded(action) if not standalone_mode else run_with_sigterm(lambda: run_guarded(action))
        if standalone_mode:
            stop_listening()
            sys.stdout.flush()
            if code == INTERRUPTED and _Program.running:
                exit_now(code)
            sys.exit(code)
        return code


class ChineseTyper(typer.Typer):
    """A Typer app whose commands are :class:`ChineseCommand` unless told otherwise."""

    def command(  # same behaviour, typed so that decorated commands keep their types
        self, *args: Any, cls: type[TyperCommand] | None = None, **kwargs: Any
    ) -> Callable[[F], F]:
        return super().command(*args, cls=cls or ChineseCommand, **kwargs)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        _Program.running = True
        return super().__call__(*args, **kwargs)
