"""What a command prints, and how an error or output that cannot be written is told.

JSON for scripts on stdout (errors as JSON on stderr); a domain error as one clear message and
exit code 1 (:func:`reporting`); and output that cannot be encoded or written (a full disk, a
closed pipe, no stdout at all) told once, without a traceback (:func:`run`).
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer

from ipplan.errors import DataInvalid, IpplanError
from ipplan.text.i18n import error_message, resolve_lang, text


def print_json(value: Any) -> None:
    """A view for scripts, its numbers as files hold them (:func:`shown_numbers.for_files`)."""
    from ipplan.text.shown_numbers import json_text

    typer.echo(json_text(value))


def print_error_json(code: str, message: str, **extra: Any) -> None:
    """An error for scripts, on stderr: ``{"error": {"code", "message"}}``."""
    import json

    error = {"code": code, "message": message, **extra}
    typer.echo(json.dumps({"error": error}, ensure_ascii=False, indent=2), err=True)


def wants_json(ctx: typer.Context) -> bool:
    """Whether the command of ``ctx`` was asked for JSON (--json, or --format json)."""
    fmt = ctx.params.get("fmt")
    output = ctx.params.get("output")
    to_file = output is not None and str(output) != "-"  # JSON goes to a file; errors to a person
    return bool(ctx.params.get("as_json")) or (
        str(getattr(fmt, "value", fmt)).lower() == "json" and not to_file
    )


def problem_lines(problems: list[Any], lang: str) -> list[str]:
    from ipplan.text.typed_input import printable
    from ipplan.views.problems import problems_view

    return [
        printable(f"{p['file']}:{p['line']}: {p['code']}: {p['message']}")
        for p in problems_view(problems, lang)
    ]


@contextmanager
def reporting(ctx: typer.Context, lang: str) -> Iterator[None]:
    """Turn domain errors into one clear message on stderr and exit code 1.

    With --json the message is JSON on stderr, ``{"error": {"code", "message"}}``, the code
    being the error's stable id (and, for invalid data, the problems as ``validate --json``
    lists them).
    """
    from ipplan.files import lock
    from ipplan.render import terminal
    from ipplan.text.typed_input import printable

    as_json = wants_json(ctx)
    lock.tell_waits(lock_waits(lang))  # a read waiting for a writer says so, as a write does
    try:
        yield
    except IpplanError as exc:
        said = {**exc.params, "json": True} if as_json else exc.params
        message = printable(error_message(exc.message_id, said, lang))
        problems = exc.problems if isinstance(exc, DataInvalid) else []
        if as_json:
            from ipplan.views.problems import problems_view

            extra = {"problems": problems_view(problems, lang)} if problems else {}
            print_error_json(exc.message_id, message, **extra)
        else:
            if problems:
                terminal.print_lines(problem_lines(problems, lang), stderr=True)
            terminal.print_lines([error_prefix(lang) + message], stderr=True)
        raise typer.Exit(exc.exit_code) from None


def lock_waits(lang: str) -> Callable[[Path], None]:
    """What a write is given to say, on stderr in ``lang``, that it waits for another writer's
    lock (:func:`ipplan.files.lock.writing`)."""

    def notice(path: Path) -> None:
        from ipplan.render import terminal
        from ipplan.views.problems import display_path

        line = text("lock.waiting", lang, path=display_path(path))
        terminal.print_lines([line], stderr=True)

    return notice


def error_prefix(lang: str) -> str:
    return "error: " if lang == "en" else "错误："


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


# --- output that cannot be encoded or written --------------------------------------------------

# What the running command has told the run so far: its language, and the change it saved.
_run: dict[str, str] = {}


def note_language(lang: str) -> None:
    """The language the running command speaks, for what :func:`run` may have to tell."""
    _run["lang"] = lang


def mark_saved(message: str) -> None:
    """Say that the command's change is on disk, before anything is printed about it.

    If printing then fails (a full disk behind stdout, a closed pipe), the person is still told
    on stderr that the change was saved, and the command exits 0: it did what was asked.
    """
    from ipplan.text.typed_input import printable

    _run["saved"] = printable(message)


class _ClosedOutput(io.RawIOBase):
    """Standard output for a command started without one (``>&-``): each write fails as a
    closed descriptor's does (EBADF), until that has been told (:func:`_output_failed`)."""

    def __init__(self, fd: int) -> None:
        super().__init__()
        self.fd = fd
        self.failing = True

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.fd

    def write(self, data: Any) -> int:
        if self.failing:
            raise OSError(errno.EBADF, "closed")
        return len(data)


def _stand_in_for_closed() -> None:
    """Give standard output and error a descriptor and a stream where the command was started
    with them closed (``>&-``, ``2>&-``), for which Python has none.

    Each descriptor gets /dev/null, so that no file the command opens (the lock, a record
    being written) takes the number output is written to. Standard output gets a stream whose
    writes fail, so that what it cannot print is told like output to a full disk: an error for
    a command whose output is its result, and exit code 0 for a change that was saved.
    Standard error takes what is written and drops it, as closing it asked.
    """
    for fd, name in ((1, "stdout"), (2, "stderr")):
        if getattr(sys, name) is not None:
            continue
        try:
            os.fstat(fd)
        except OSError:
            try:
                devnull = os.open(os.devnull, os.O_WRONLY)
            except OSError:
                continue
            if devnull != fd:
                os.dup2(devnull, fd)
                os.close(devnull)
        if name == "stdout":
            raw: io.RawIOBase = _ClosedOutput(fd)
        else:
            raw = io.FileIO(fd, "w", closefd=False)
        stream = io.TextIOWrapper(
            io.BufferedWriter(raw), encoding="utf-8", errors="backslashreplace", line_buffering=True
        )
        setattr(sys, name, stream)


def run(application: typer.Typer) -> None:
    """Run the command line so that output never ends in a traceback.

    Text a terminal or pipe cannot encode (PYTHONIOENCODING=ascii, a C locale) is written as
    backslash escapes. Standard output that cannot be written (ENOSPC, EIO, a closed pipe, or
    none at all) gets one message on stderr, a full disk named as such, and exit code 1, or 0
    when the command had already saved its change: whatever becomes of its output, a change
    on disk is a command that did what was asked.
    """
    _run.clear()
    _stand_in_for_closed()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError, OSError):
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    try:
        try:
            application()
        except SystemExit as exc:
            code = exc.code
        else:
            code = 0
        sys.stdout.flush()
    except OSError as exc:
        code = _output_failed(exc)
    if code not in (0, None) and "saved" in _run and code == 1:
        code = _output_failed(None)  # click met a closed pipe and gave up after the change
    sys.exit(code)


def _output_failed(exc: OSError | None) -> int:
    """Tell the person that stdout failed (and whether the change was saved); the exit code."""
    closed = getattr(getattr(sys.stdout, "buffer", None), "raw", None)
    if isinstance(closed, _ClosedOutput):
        closed.failing = False  # told once: what is left goes nowhere
    with contextlib.suppress(OSError, ValueError, AttributeError):
        # later flushes (at exit) go nowhere rather than failing again
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    lang = _run.get("lang") or resolve_lang(None)
    if "saved" in _run:
        message, code = text("output-failed.saved", lang, saved=_run["saved"]), 0
    elif exc is not None and exc.errno == errno.EPIPE:
        return 1  # the reader went away (`| head`): nothing to tell anyone
    elif exc is not None and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        message, code = error_prefix(lang) + text("output-failed.disk-full", lang), 1
    elif isinstance(closed, _ClosedOutput):
        message, code = error_prefix(lang) + text("output-failed.closed", lang), 1
    else:
        detail = "" if exc is None else exc.strerror or str(exc)
        message, code = error_prefix(lang) + text("output-failed", lang, detail=detail), 1
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.write(message + "\n")
        sys.stderr.flush()
    return code
