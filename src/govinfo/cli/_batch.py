"""Machinery of the command line: reading files, converting many in parallel, writing atomically.

- :func:`decode` turns the bytes of a file into text: UTF-8 (with or without BOM), UTF-16 or
  UTF-32 with a BOM, the charset a web page declares, or GBK (read as its superset GB18030).
  Anything else, a guess included, is an :class:`~govinfo.errors.UndecodableInput` naming the
  file.
- :func:`discover` lists the files of the inputs, walking folders lazily in sorted order.
- :func:`convert` converts files to JSON lines or CSV rows in worker processes, a bounded
  number of chunks in flight, and yields the outcomes **in input order**, so the parent can
  stream them to the output and memory stays flat however many files there are.
- :func:`atomic_output` writes to a temporary file beside the target and renames it into place
  only when the writing completes: an interrupted run leaves no partial file.
"""

from __future__ import annotations

import contextlib
import io
import json
import multiprocessing
import os
import signal
import sys
import tempfile
import time
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from multiprocessing.pool import AsyncResult
from pathlib import Path
from typing import IO, BinaryIO, Literal, NamedTuple, TextIO

from govinfo import formats
from govinfo.cli import _tabular
from govinfo.diagnostics import Diagnostic, Severity
from govinfo.errors import GovInfoError, JSONError, LocatedError, UndecodableInput
from govinfo.formats import ReadResult, _decode
from govinfo.formats.json import make_converter
from govinfo.model import Report

__all__ = [
    "FOLDER_SUFFIXES",
    "Outcome",
    "Progress",
    "atomic_output",
    "atomic_text",
    "convert",
    "decode",
    "describe",
    "describe_diagnostic",
    "discover",
    "load",
    "read",
]

FOLDER_SUFFIXES = (".txt", ".json")
"""The files taken from a folder (files named on the command line are always taken)."""

Format = Literal["jsonl", "csv"]


def decode(data: bytes, name: str) -> str:
    """The text of a file's bytes, or :class:`UndecodableInput` naming the file.

    The bytes are read as :func:`govinfo.formats._decode.decode` reads them (a byte-order mark,
    UTF-8, the charset a page declares, GB18030), except that a guessed encoding is refused:
    a batch has no place for the warning a guess deserves, and converting mojibake silently
    would be worse than stopping.

    >>> decode("规章".encode("gbk"), "a.txt"), decode(b"\\xef\\xbb\\xbfok", "b.txt")
    ('规章', 'ok')
    >>> decode(b"\\x00\\x01PK", "c.txt")
    Traceback (most recent call last):
    ...
    govinfo.errors.UndecodableInput: c.txt: not UTF-8 or GBK text: control character U+0000 at line 1, column 1 (binary data?)
    >>> decode("（七）总计".encode("utf-16-le"), "d.txt")
    Traceback (most recent call last):
    ...
    govinfo.errors.UndecodableInput: d.txt: not UTF-8 or GBK text: perhaps utf-16-le, but only a guess says so (save it as UTF-8)
    """  # noqa: E501
    decoded = _decode.decode(data, name=name)
    if decoded.guessed:
        raise _guess_refused(name, decoded.encoding)
    return decoded.text


def _guess_refused(name: str, encoding: str) -> UndecodableInput:
    return UndecodableInput(
        name,
        f"not UTF-8 or GBK text: perhaps {encoding}, but only a guess says so (save it as UTF-8)",
    )


def read(name: str) -> bytes:
    """The bytes of file ``name``, or of standard input for ``-``."""
    if name == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(name).read_bytes()
    except IsADirectoryError:
        raise GovInfoError("is a folder (govinfo convert reads folders)") from None
    except OSError as exc:
        raise GovInfoError(exc.strerror or str(exc)) from None


def load(name: str, data: bytes | None = None, *, strict: bool = True) -> ReadResult:
    """The reading of file ``name`` (``-``: standard input) through the front door,
    :func:`govinfo.read`: its kind from its content, a ``.json`` suffix as a hint. A guessed
    encoding is refused, as :func:`decode` refuses it."""
    data = read(name) if data is None else data
    result = formats.read(data, name=None if name == "-" else name, strict=strict)
    if result.input is not None and result.input.guessed:
        raise _guess_refused(name, result.input.encoding or "")
    return result


def describe_diagnostic(name: str, diagnostic: Diagnostic) -> str:
    """One line for a diagnostic: ``name:line:column: message`` for text, ``name: message
    (where)`` otherwise, as :func:`describe` gives an error; warnings and notes say so first
    (``name:3:1: warning: message``)."""
    head = f"{name}:{diagnostic.line}:{diagnostic.column}" if diagnostic.line else name
    where = f" ({diagnostic.source})" if diagnostic.source and not diagnostic.line else ""
    severity = "" if diagnostic.severity is Severity.ERROR else f"{diagnostic.severity.value}: "
    return f"{head}: {severity}{diagnostic.message}{where}"


def describe(name: str, error: BaseException) -> str:
    """One line for a failed file: ``name:line:column: reason`` for text errors,
    ``name: reason`` otherwise (a JSON error's problems joined by ``;``)."""
    if isinstance(error, LocatedError):
        return f"{name}:{error.line}:{error.column}: {error.reason}"
    if isinstance(error, UndecodableInput):
        return f"{name}: {error.reason}"
    if isinstance(error, JSONError):
        return f"{name}: " + "; ".join(f"{path}: {message}" for path, message in error.problems)
    if isinstance(error, GovInfoError):
        return f"{name}: " + "; ".join(str(error).splitlines())
    return f"{name}: internal error: {type(error).__name__}: {error}"


# --- discovering files ---------------------------------------------------------------------


def discover(inputs: Iterable[str]) -> Iterator[str]:
    """Each input that is not a folder, and the report files of each folder (recursively, in
    sorted order, skipping hidden names and files without a suffix of :data:`FOLDER_SUFFIXES`).
    """
    for name in inputs:
        if os.path.isdir(name):
            yield from _walk(name)
        else:
            yield name


def _walk(folder: str) -> Iterator[str]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for file in sorted(files):
            if not file.startswith(".") and file.lower().endswith(FOLDER_SUFFIXES):
                yield os.path.join(root, file)


# --- converting ----------------------------------------------------------------------------


class Outcome(NamedTuple):
    """What became of one file: its output (UTF-8, bytes so the parent need not decode and
    re-encode it), or the line describing its error; how many cells are unread, and a line
    per diagnostic."""

    name: str
    output: bytes | None
    error: str | None
    unread: int = 0
    diagnostics: tuple[str, ...] = ()
    incomplete: bool = False
    """Read, but not all of it: an error was read past (--lenient) or a cell is unread."""


_JSON = make_converter()


def _convert_one(name: str, to: Format, strict: bool = True) -> Outcome:
    try:
        result = load(name, strict=strict)
        report = result.report
        if to == "csv":
            output = _tabular.csv_text(report, name, result.sources).encode()
        else:
            data = _JSON.unstructure(report, Report)
            output = (json.dumps(data, ensure_ascii=False) + "\n").encode()
        lines = tuple(describe_diagnostic(name, d) for d in result.diagnostics)
        return Outcome(name, output, None, len(result.unread), lines, not result.ok)
    except Exception as exc:  # one bad file must not stop the batch: it is listed at the end
        return Outcome(name, None, describe(name, exc))


def _convert_chunk(names: list[str], to: Format, strict: bool = True) -> list[Outcome]:
    return [_convert_one(name, to, strict) for name in names]


def _chunks(names: Iterable[str], size: int) -> Iterator[list[str]]:
    """Lists of names: small ones first, doubling up to ``size``, so a short run still spreads
    over the workers while a long one pays the cost of a task only every ``size`` files."""
    chunk: list[str] = []
    limit = max(1, size // 16)
    for name in names:
        chunk.append(name)
        if len(chunk) >= limit:
            yield chunk
            chunk = []
            limit = min(size, 2 * limit)
    if chunk:
        yield chunk


def _worker_init() -> None:
    # Ctrl-C reaches the whole process group: the parent alone handles it (and then terminates
    # the workers), so no worker dies mid-chunk with a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def convert(
    names: Iterable[str], to: Format, *, jobs: int, chunksize: int = 100, strict: bool = True
) -> Generator[Outcome, None, None]:
    """Convert each file, in worker processes when ``jobs`` > 1; outcomes in input order.

    At most ``3 × jobs`` chunks are in flight, so neither the paths nor the results pile up.
    Close the iterator (or let it finish) to stop the workers.
    """
    chunks = _chunks(names, chunksize)
    if jobs <= 1:
        for chunk in chunks:
            yield from _convert_chunk(chunk, to, strict)
        return
    pool = multiprocessing.get_context().Pool(jobs, initializer=_worker_init)
    try:
        window: deque[AsyncResult[list[Outcome]]] = deque()
        for chunk in chunks:
            window.append(pool.apply_async(_convert_chunk, (chunk, to, strict)))
            if len(window) >= 3 * jobs:
                yield from window.popleft().get()
        while window:
            yield from window.popleft().get()
        pool.close()
        pool.join()
    finally:
        pool.terminate()


# --- writing -------------------------------------------------------------------------------


@contextlib.contextmanager
def atomic_output(name: str) -> Iterator[BinaryIO]:
    """A file that appears at ``name`` only once the ``with`` block completes.

    ``-`` is standard output, written as it goes. The file is first written beside the target
    as a hidden ``.NAME.*.part`` (same file system, so the rename is atomic), then replaced.
    """
    if name == "-":
        sys.stdout.flush()
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    target = Path(name)
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with open(fd, "wb") as file:
            yield file
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temp, 0o666 & ~_umask())  # mkstemp makes 0600; give the usual mode
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise


@contextlib.contextmanager
def atomic_text(name: str) -> Iterator[TextIO]:
    """:func:`atomic_output` for UTF-8 text."""
    with atomic_output(name) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", write_through=True)
        try:
            yield text
            text.flush()
        finally:
            text.detach()  # leave the binary file (standard output, perhaps) open


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


class Progress:
    """A one-line progress bar on a terminal: files done, failed, rate. Redrawn ≤ 10 × a second."""

    def __init__(self, stream: IO[str], total: int | None) -> None:
        self.stream = stream
        self.total = total
        self.start = self.drawn = time.monotonic()

    def update(self, done: int, failed: int, *, final: bool = False) -> None:
        now = time.monotonic()
        if not final and now - self.drawn < 0.1:
            return
        self.drawn = now
        rate = done / max(now - self.start, 1e-9)
        if self.total:
            filled = round(30 * done / self.total)
            bar = f"[{'#' * filled}{'.' * (30 - filled)}] {done}/{self.total}"
        else:
            bar = f"{done}"
        self.stream.write(f"\r{bar} files, {failed} failed, {rate:.0f} files/s\x1b[K")
        if final:
            self.stream.write("\n")
        self.stream.flush()
