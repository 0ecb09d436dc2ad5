"""Machinery of the command line: reading files, converting many in parallel, writing atomically.

- :func:`decode` turns the bytes of a file into text: UTF-8 (with or without BOM), UTF-16 or
  UTF-32 with a BOM, the charset a web page declares, or GBK (read as its superset GB18030).
  Anything else, a guess included, is an :class:`~govinfo.errors.UndecodableInput` naming the
  file.
- :func:`read` opens regular files only: a FIFO, a socket or a device is :class:`Skipped`
  (it could block forever), without being opened.
- :func:`discover` lists the files of the inputs, walking folders lazily in sorted order.
- :func:`convert` converts files to JSON lines, CSV rows or Parquet rows in worker
  processes, a bounded number of chunks in flight, and yields the outcomes **in input order**,
  so the parent can stream them to the output and memory stays flat however many files there
  are. Standard input is read by the parent, once.
- :func:`check_output` refuses an ``-o`` that is one of the inputs, before anything is read.
- :func:`atomic_output` writes to a temporary file beside the target and renames it into place
  only when the writing completes: an interrupted run leaves no partial file, and a killed
  run's temporary is removed by the next run.
"""

from __future__ import annotations

import collections
import contextlib
import errno
import io
import json
import multiprocessing
import multiprocessing.connection
import os
import pickle
import re
import signal
import socket
import stat
import sys
import time
from collections.abc import Generator, Iterable, Iterator, Sequence
from multiprocessing.connection import Connection
from typing import IO, Any, BinaryIO, Final, Literal, NamedTuple, TextIO, cast

from govinfo import formats, tidy
from govinfo.diagnostics import Diagnostic, Severity
from govinfo.errors import GovInfoError, JSONError, LocatedError, UndecodableInput
from govinfo.formats import ReadResult, _decode
from govinfo.formats.json import make_converter
from govinfo.model import Report

__all__ = [
    "FOLDER_SUFFIXES",
    "TEMPORARY",
    "Format",
    "Item",
    "Outcome",
    "OutputIsInput",
    "Progress",
    "Skipped",
    "atomic_output",
    "atomic_text",
    "check_output",
    "convert",
    "convert_chunk",
    "convert_one",
    "decode",
    "describe",
    "describe_diagnostic",
    "discover",
    "load",
    "partitioned",
    "read",
    "remove_stale",
]

FOLDER_SUFFIXES = (".txt", ".json", ".html", ".htm", ".docx", ".doc", ".pdf")
"""The files taken from a folder (files named on the command line are always taken)."""

Format = Literal["jsonl", "csv", "parquet"]


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


class Skipped(GovInfoError):
    """An input that is not a regular file (a FIFO, a socket, a device): reading it could block
    forever or never end, so it is not opened."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        super().__init__(f"skipped: not a regular file ({kind})")


def _kind(mode: int) -> str:
    for test, kind in (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    ):
        if test(mode):
            return kind
    return "an unknown kind"


def read(name: str) -> bytes:
    """The bytes of file ``name``, or of standard input for ``-``.

    Only a regular file is opened: anything else is :class:`Skipped` after a ``stat``, which
    opens nothing. The file is then opened without blocking and checked again, in case it was
    replaced by a FIFO in between.
    """
    if name == "-":
        if sys.stdin is None:  # started with standard input closed
            raise GovInfoError("standard input is closed")
        try:
            return sys.stdin.buffer.read()
        except OSError as exc:
            raise GovInfoError(exc.strerror or str(exc)) from None
    try:
        mode = os.stat(name).st_mode
        if stat.S_ISDIR(mode):
            try:
                os.scandir(name).close()
            except OSError as exc:  # a folder a walk could not enter: said, not skipped
                raise GovInfoError(f"a folder that cannot be read: {exc.strerror}") from None
            raise GovInfoError(
                "is a folder (parse, check and convert read folders; render one file)"
            )
        if not stat.S_ISREG(mode):
            raise Skipped(_kind(mode))
        fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
        with open(fd, "rb") as file:
            mode = os.fstat(fd).st_mode
            if not stat.S_ISREG(mode):
                raise Skipped(_kind(mode))
            os.set_blocking(fd, True)
            return file.read()
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
    """The report files below ``folder``; a folder that cannot be listed is yielded itself, so
    that reading it fails with the reason and no input is lost without a word."""
    unreadable: list[str] = []
    for root, dirs, files in os.walk(folder, onerror=lambda exc: unreadable.append(exc.filename)):
        yield from unreadable
        unreadable.clear()
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for file in sorted(files):
            if not file.startswith(".") and file.lower().endswith(FOLDER_SUFFIXES):
                yield os.path.join(root, file)
    yield from unreadable


# --- converting ----------------------------------------------------------------------------


class Outcome(NamedTuple):
    """What became of one file: its output (UTF-8, bytes so the parent need not decode and
    re-encode it), or the line describing its error; how many cells are unread, a line
    per diagnostic, and the line saying it was skipped (not a regular file), if it was."""

    name: str
    output: bytes | None
    error: str | None
    unread: int = 0
    diagnostics: tuple[str, ...] = ()
    incomplete: bool = False
    """Read, but not all of it: an error was read past (--lenient) or a cell is unread."""
    skipped: str | None = None
    errors: int = 0
    """How many of the first ``diagnostics`` are errors (read past): ``--quiet`` keeps those."""


_JSON = make_converter()

Item = tuple[str, bytes | GovInfoError | None]
"""A file to convert: its name and, for standard input, its bytes (or why they could not be
read), which the parent reads once: a worker's standard input is ``/dev/null``."""


TEST_LOG: Final = "GOVINFO_TEST_READ_LOG"
"""For tests only: a file to which each conversion appends ``PID NAME`` before reading NAME, so
a test can tell which files a run read (a resumed run must not read again what was done)."""
TEST_DELAY: Final = "GOVINFO_TEST_READ_DELAY"
"""For tests only: seconds to sleep before reading each file, so a test can stop a run part way."""


def _test_hooks(name: str) -> None:
    log = os.environ.get(TEST_LOG)
    if log:
        fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, f"{os.getpid()} {name}\n".encode())  # one write: lines never interleave
        finally:
            os.close(fd)
    delay = os.environ.get(TEST_DELAY)
    if delay:
        time.sleep(float(delay))


def convert_one(item: Item, to: Format, strict: bool = True) -> Outcome:
    """What becomes of one file: the unit of work of every engine (worker processes, a Dask
    cluster, :mod:`govinfo.batch`). Pure but for reading the file; data problems are outcomes,
    never exceptions, so nothing escapes a worker."""
    name, data = item
    if TEST_LOG in os.environ or TEST_DELAY in os.environ:
        _test_hooks(name)
    try:
        if isinstance(data, GovInfoError):
            raise data
        result = load(name, data, strict=strict)
        report = result.report
        if to == "csv":
            output = tidy.csv_text(tidy._records(report, name, result.sources)).encode()
        elif to == "parquet":  # rows for the parent's one Parquet writer, pickled to cross over
            rows = [tidy.to_row(r) for r in tidy._records(report, name, result.sources)]
            output = pickle.dumps(rows, protocol=pickle.HIGHEST_PROTOCOL)
        else:
            unstructured = _JSON.unstructure(report, Report)
            output = (json.dumps(unstructured, ensure_ascii=False) + "\n").encode()
        ordered = sorted(result.diagnostics, key=lambda d: d.severity is not Severity.ERROR)
        lines = tuple(describe_diagnostic(name, d) for d in ordered)
        errors = len(result.errors)
        return Outcome(name, output, None, len(result.unread), lines, not result.ok, errors=errors)
    except Skipped as exc:
        return Outcome(name, None, None, skipped=describe(name, exc))
    except Exception as exc:  # one bad file must not stop the batch: it is listed at the end
        return Outcome(name, None, describe(name, exc))


def convert_chunk(items: list[Item], to: Format, strict: bool = True) -> list[Outcome]:
    return [convert_one(item, to, strict) for item in items]


def _items(names: Iterable[str]) -> Iterator[Item]:
    """Each name, with the bytes of standard input for ``-`` (read once, when first met)."""
    stdin: bytes | GovInfoError | None = None
    for name in names:
        if name != "-":
            yield name, None
            continue
        if stdin is None:
            try:
                stdin = read("-")
            except GovInfoError as exc:
                stdin = exc
        yield name, stdin


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    """Lists of items: small ones first, doubling up to ``size``, so a short run still spreads
    over the workers while a long one pays the cost of a task only every ``size`` files."""
    chunk: list[Item] = []
    limit = max(1, size // 16)
    for item in items:
        chunk.append(item)
        if len(chunk) >= limit:
            yield chunk
            chunk = []
            limit = min(size, 2 * limit)
    if chunk:
        yield chunk


def convert(
    names: Iterable[str], to: Format, *, jobs: int, chunksize: int = 100, strict: bool = True
) -> Generator[Outcome, None, None]:
    """Convert each file, in worker processes when ``jobs`` > 1; outcomes in input order.

    At most ``3 × jobs`` chunks are converted ahead of the one being yielded, so neither the
    paths nor the results pile up. Close the iterator (or let it finish) to stop the workers.
    """
    chunks = _chunks(_items(names), chunksize)
    if jobs <= 1:
        for chunk in chunks:
            yield from convert_chunk(chunk, to, strict)
        return
    yield from _in_workers(chunks, to, strict, jobs)


def partitioned(
    partitions: Iterable[list[Item]], to: Format, *, jobs: int, strict: bool = True
) -> Generator[list[Outcome], None, None]:
    """The outcomes of each partition (a list of files), in order, a list per partition:
    :func:`convert` for callers that keep a partition's outcomes together (``--resume`` writes
    a part per partition). Close it to stop the workers."""
    if jobs <= 1:
        for partition in partitions:
            yield convert_chunk(partition, to, strict)
        return
    sizes: collections.deque[int] = collections.deque()

    def counted() -> Iterator[list[Item]]:
        for partition in partitions:
            sizes.append(len(partition))
            yield partition

    group: list[Outcome] = []
    outcomes = _in_workers(counted(), to, strict, jobs)
    try:
        for outcome in outcomes:  # a partition's outcomes come together, after it was taken
            group.append(outcome)
            if len(group) == sizes[0]:
                sizes.popleft()
                yield group
                group = []
    finally:
        outcomes.close()


# --- worker processes ----------------------------------------------------------------------
#
# A small pool of our own rather than multiprocessing.Pool: the parent has no threads, each
# worker has a pipe of its own, and stopping is a signal and a bounded wait. Pool.terminate()
# joins a task-handler thread that can be blocked forever on a full queue (when the parent
# stops reading results because its stdout was closed: `govinfo convert -o - | head -1` hung
# in some runs), and a worker killed while holding a queue's lock blocks every other.

_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


@contextlib.contextmanager
def _signals_blocked() -> Iterator[None]:
    """Hold back the signals the parent handles while a worker starts: until the worker has
    set its own handlers, it would run the parent's (and print a traceback on Ctrl-C)."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _serve(conn: Connection, inherited: list[Connection]) -> None:
    """A worker: convert the chunks the parent sends, send back their outcomes, until the pipe
    closes. When the parent is gone (killed), the pipe says so and the worker exits quietly."""
    for other in inherited:  # the parent's ends, copied by fork: else no EOF when it dies
        other.close()
    # Ctrl-C reaches the whole process group: the parent alone handles it (and then stops the
    # workers), so no worker dies mid-chunk with a traceback. SIGTERM and SIGHUP just end it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for signum in _SIGNALS[1:]:
        signal.signal(signum, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _SIGNALS)
    status = 0
    try:
        while True:
            task = conn.recv()
            if task is None:
                break
            number, items, to, strict = task
            conn.send((number, convert_chunk(items, to, strict)))
    except (EOFError, OSError):  # the parent closed the pipe, or died: no one to tell
        pass
    except BaseException:  # the parent lists the chunk's files as failed, with this status
        status = 1
    finally:
        # Leave at once, quietly: the buffers copied from the parent by fork (its stdout, the
        # output file) are not this process's to flush.
        os._exit(status)


class _Worker:
    """A worker process, the parent's end of its pipe, and the chunk it has (number, items)."""

    def __init__(self, context: Any, others: Sequence[Connection]) -> None:
        """Start one; call with :func:`_signals_blocked`."""
        self.conn, child = context.Pipe()
        self.process = context.Process(
            target=_serve, args=(child, [*others, self.conn]), daemon=True
        )
        self.process.start()
        child.close()
        self.chunk: tuple[int, list[Item]] | None = None

    def give(self, number: int, items: list[Item], to: Format, strict: bool) -> None:
        self.chunk = (number, items)
        with contextlib.suppress(OSError):  # a dead worker: take() tells what became of it
            self.conn.send((number, items, to, strict))

    def take(self) -> tuple[int, list[Outcome], bool]:
        """The outcomes of its chunk, and whether the worker is still alive."""
        assert self.chunk is not None
        number, items = self.chunk
        self.chunk = None
        try:
            got, outcomes = self.conn.recv()
            return got, outcomes, True
        except (EOFError, OSError):
            self.process.join(1)
            status = self.process.exitcode
            if status is not None and status < 0:
                how = f"killed by {signal.Signals(-status).name}"
            else:
                how = f"exit status {status}"
            reason = f"internal error: the worker process died ({how})"
            return number, [Outcome(name, None, f"{name}: {reason}") for name, _ in items], False


def _in_workers(
    chunks: Iterator[list[Item]], to: Format, strict: bool, jobs: int
) -> Generator[Outcome, None, None]:
    """The outcomes of the chunks, converted by up to ``jobs`` workers, in input order.

    A chunk goes only to an idle worker (so the parent never blocks sending while a worker
    blocks sending back); finished chunks wait in ``done`` until their turn, at most
    ``3 × jobs`` chunks ahead. A worker that dies costs its chunk (each file listed as failed)
    and is replaced.
    """
    context = multiprocessing.get_context()
    workers: list[_Worker] = []
    idle: list[_Worker] = []
    done: dict[int, list[Outcome]] = {}
    sent = head = 0
    more = True
    try:
        while True:
            while more and sent < head + 3 * jobs and (idle or len(workers) < jobs):
                chunk = next(chunks, None)
                if chunk is None:
                    more = False
                    break
                if not idle:
                    with _signals_blocked():  # a signal now: the worker is in the list to stop
                        workers.append(_Worker(context, [w.conn for w in workers]))
                    idle.append(workers[-1])
                idle.pop().give(sent, chunk, to, strict)
                sent += 1
            if head in done:
                yield from done.pop(head)
                head += 1
                continue
            if head == sent:
                break
            busy = {w.conn: w for w in workers if w.chunk is not None}
            for ready in multiprocessing.connection.wait(list(busy)):
                worker = busy[cast(Connection, ready)]
                number, outcomes, alive = worker.take()
                done[number] = outcomes
                if alive:
                    idle.append(worker)
                else:
                    workers.remove(worker)
                    worker.conn.close()
    finally:
        _stop(workers)


def _stop(workers: Sequence[_Worker], timeout: float = 2.0) -> None:
    """End the workers: idle ones leave when their pipe closes, busy ones are terminated (their
    work is not wanted any more); a bounded wait, then SIGKILL."""
    for worker in workers:
        worker.conn.close()
        if worker.chunk is not None:
            worker.process.terminate()
    deadline = time.monotonic() + timeout
    for worker in workers:
        worker.process.join(max(0.0, deadline - time.monotonic()))
        if worker.process.exitcode is None:
            worker.process.kill()
            worker.process.join(timeout)


# --- writing -------------------------------------------------------------------------------


def _named(exc: OSError, name: str) -> OSError:
    """``exc`` about ``name``, the place the user knows, rather than a hidden temporary (the
    class stays that of the errno: FileNotFoundError, BrokenPipeError, …)."""
    return OSError(exc.errno, exc.strerror or str(exc), name)


@contextlib.contextmanager
def _errors_name(name: str) -> Iterator[None]:
    try:
        yield
    except OSError as exc:
        raise _named(exc, name) from None


class _Sink(io.BufferedIOBase):
    """A binary file whose write errors name ``shown`` (the ``-o`` path) instead of the file
    actually written."""

    def __init__(self, file: IO[bytes], shown: str) -> None:
        super().__init__()
        self._file = file
        self.shown = shown

    def writable(self) -> bool:
        return True

    def write(self, data: Any, /) -> int:
        with _errors_name(self.shown):
            return self._file.write(data)

    def flush(self) -> None:
        if self.closed:
            return
        with _errors_name(self.shown):
            self._file.flush()


TEMPORARY = ".NAME.govinfo-HOST-PID.part"
"""How a temporary output file is named, beside its target ``NAME``: hidden, and saying whose
it is, so that one left behind by a killed run can be told from anyone else's and removed."""

_HOST = re.sub(r"[^A-Za-z0-9_.-]", "_", socket.gethostname()) or "localhost"
_WRITING: set[str] = set()  # the temporaries this process is writing now


def _temporary_prefix(base: str) -> str:
    return f".{base}.govinfo-{_HOST}-"


def _alive(pid: int) -> bool:
    if pid == os.getpid():  # not one this process is writing: left by one with the same PID
        return False
    if os.name != "posix":  # no cheap, harmless probe: keep the file
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):  # someone else's process (EPERM): alive
        return True
    return True


def remove_stale(folder: str, base: str) -> list[str]:
    """Remove the temporaries for ``base`` in ``folder`` left by runs of govinfo on this host
    that are no longer running (killed by SIGKILL, or by a power cut), and return their paths.

    Only files named as :data:`TEMPORARY` names them, regular files of this user, whose PID is
    not alive: never a file of a run still going, of another host, of another user.
    """
    prefix = _temporary_prefix(base)
    removed = []
    try:
        entries = list(os.scandir(folder or "."))
    except OSError:
        return []
    for entry in entries:
        if not entry.name.startswith(prefix):
            continue
        match = re.fullmatch(r"([0-9]{1,10})(?:-[0-9]{1,4})?\.part", entry.name[len(prefix) :])
        path = os.path.join(folder, entry.name)
        if match is None or path in _WRITING or _alive(int(match[1])):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(info.st_mode) and info.st_uid == os.geteuid():
                os.unlink(path)
                removed.append(path)
        except OSError:
            continue
    return removed


def _create_temporary(folder: str, base: str) -> tuple[int, str]:
    stem = os.path.join(folder, _temporary_prefix(base)) + str(os.getpid())
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for attempt in range(1, 100):
        temp = f"{stem}.part" if attempt == 1 else f"{stem}-{attempt}.part"
        try:
            fd = os.open(temp, flags, 0o600)
        except FileExistsError:  # this process writes the same target twice at once
            continue
        _WRITING.add(temp)
        return fd, temp
    raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), stem)


def check_output(name: str, inputs: Iterable[str]) -> None:
    """Refuse, before anything is read, an ``-o`` that would overwrite one of the inputs (a
    file found in an input folder included), or that is a folder.

    Raises :class:`OutputIsInput`, or :class:`IsADirectoryError` naming ``name``. Two names are
    the same file when ``stat`` says so (a symbolic link, a hard link); when ``name`` does not
    exist yet, when their resolved paths are the same.
    """
    if name == "-":
        return
    try:
        out: os.stat_result | None = os.stat(name)
    except FileNotFoundError:
        out = None
    except OSError:  # reported, naming the -o path, when the output is written
        return
    if out is not None and stat.S_ISDIR(out.st_mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder", name)
    resolved = os.path.realpath(name)
    for given in inputs:
        if given == "-":
            continue
        if os.path.isdir(given):
            found: Iterable[str] = _walk(given) if out is not None else ()
        else:
            found = (given,)
        for path in found:
            if _same(path, out, resolved):
                raise OutputIsInput(name, path)


def _same(path: str, out: os.stat_result | None, resolved: str) -> bool:
    if out is None:
        return os.path.realpath(path) == resolved
    try:
        info = os.stat(path)
    except OSError:
        return False
    return (info.st_dev, info.st_ino) == (out.st_dev, out.st_ino)


class OutputIsInput(Exception):
    """``-o`` names a file that is also an input: writing it would destroy the input."""

    def __init__(self, output: str, input_: str) -> None:
        self.output = output
        self.input = input_
        super().__init__(
            f"-o {output} is the input {input_}: refusing to overwrite it (nothing was written)"
        )


@contextlib.contextmanager
def _closing(file: IO[bytes], name: str) -> Iterator[IO[bytes]]:
    """Close ``file`` on the way out: its errors named after a good run, ignored after a failed
    one (whose own error, already named, must not be replaced by the same one, unnamed, when
    closing flushes what could not be written)."""
    try:
        yield file
    except BaseException:
        with contextlib.suppress(OSError):
            file.close()
        raise
    with _errors_name(name):
        file.close()


@contextlib.contextmanager
def atomic_output(name: str) -> Iterator[BinaryIO]:
    """A file that appears at ``name`` only once the ``with`` block completes.

    ``-`` is standard output, written as it goes. The file is first written beside the target
    as a hidden :data:`TEMPORARY` (same file system, so the rename is atomic), then renamed onto
    it; stale temporaries of killed runs for the same target are removed first. A symbolic link
    stays a link: what it points at is replaced. An existing target that is not a regular file
    (``/dev/null``, a FIFO, a terminal) is written directly, as a shell redirection would.
    Every ``OSError`` names ``name``, never the temporary.
    """
    if name == "-":
        sys.stdout.flush()
        sink = _Sink(sys.stdout.buffer, "standard output")
        yield cast(BinaryIO, sink)
        sink.flush()
        return
    with _errors_name(name):
        try:
            existing: os.stat_result | None = os.stat(name)
        except FileNotFoundError:
            existing = None
    if existing is not None and stat.S_ISDIR(existing.st_mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder", name)
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        with _errors_name(name):
            special = open(name, "wb")  # noqa: SIM115 (closed by _closing)
        with _closing(special, name):
            sink = _Sink(special, name)
            yield cast(BinaryIO, sink)
            sink.flush()
        return
    target = os.path.realpath(name)  # a symbolic link: write where it points, keep the link
    folder, base = os.path.split(target)
    remove_stale(folder, base)
    mode = existing.st_mode & 0o7777 if existing is not None else 0o666 & ~_umask()
    with _errors_name(name):
        fd, temp = _create_temporary(folder, base)
    try:
        with _closing(open(fd, "wb"), name) as file:
            sink = _Sink(file, name)
            yield cast(BinaryIO, sink)
            sink.flush()
            with _errors_name(name):
                os.fsync(file.fileno())
        with _errors_name(name):
            os.chmod(temp, mode)  # the mode of the file replaced, or the usual one
            os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    finally:
        _WRITING.discard(temp)


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
