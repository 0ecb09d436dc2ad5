"""``govinfo convert --resume``: the work of a conversion, kept beside its output until it is done.

The work folder of ``-o OUT`` is :data:`WORK` in the folder of ``OUT`` (hidden, so that input
discovery never takes it). It holds:

- ``manifest.jsonl``: a header line (the format, ``--to``, ``--lenient`` and the version of
  govinfo the parts were made with), then one line per finished *part*: the files it holds,
  each keyed by (path as given, size, modification time in ns), and each file's outcome (its
  error, its diagnostics, whether it was skipped). Lines are appended with one write each and
  synced; a line cut short by a kill is ignored.
- ``part-RUN-N.EXT``: the converted output of consecutive input files (JSON lines, CSV rows
  without the header, or a Parquet file), each written as ``….tmp`` and renamed when complete,
  before its manifest line is written.
- ``lock``: held (``flock``) while a run uses the folder, so two runs never share it.

A rerun reuses each part whose files are all still there, unchanged (same size and modification
time) and consecutive in the inputs' order, converts only the files no reusable part holds, and
then assembles the output from the parts in input order, atomically (see
:func:`govinfo.cli._batch.atomic_output`); after that the work folder is removed. A part whose
task died (an internal error, not a property of the file) is converted again. Leftovers of a
killed run (temporaries, parts the manifest does not name) are removed; nothing else in the
folder is touched.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import pickle
import re
import secrets
import time
from collections.abc import Iterator, Sequence
from typing import Any, Final, NamedTuple

from govinfo import _distribution, tidy
from govinfo.cli._batch import Format, Item, Outcome

__all__ = ["MANIFEST", "WORK", "Key", "Part", "Work", "key", "work_folder"]

WORK: Final = ".NAME.govinfo-work"
"""The work folder of ``-o NAME``, beside it."""
MANIFEST: Final = "manifest.jsonl"
_HEADER: Final = "govinfo-convert-manifest/1"
_EXTENSION: Final = {"jsonl": ".jsonl", "csv": ".csv", "parquet": ".parquet"}
_PART = re.compile(r"part-[0-9a-f]+-[0-9]+\.(?:jsonl|csv|parquet)(?:\.tmp)?")
_INTERNAL = ": internal error: "  # an outcome of the machinery, not of the file: tried again

Key = tuple[str, int | None, int | None]
"""A file as the manifest knows it: its path as given, its size and modification time (ns);
``None`` for both when it could not be looked at."""


def key(name: str) -> Key:
    """The key of file ``name`` now (``stat`` before reading: a file changed after it is
    converted again by the next run)."""
    try:
        info = os.stat(name)
    except OSError:
        return (name, None, None)
    return (name, info.st_size, info.st_mtime_ns)


def work_folder(output: str) -> str:
    """The work folder of ``output``: beside the file it names (its target, for a link)."""
    folder, base = os.path.split(os.path.realpath(output))
    return os.path.join(folder, WORK.replace("NAME", base))


class Part(NamedTuple):
    """A finished part: its file in the work folder (``None`` when none of its files gave any
    output), the run that made it, its files' keys and their outcomes (without output)."""

    file: str | None
    run: str
    files: tuple[Key, ...]
    outcomes: tuple[Outcome, ...]

    @property
    def retry(self) -> bool:
        """Whether a file of it failed for a reason of the machinery (a worker died)."""
        return any(o.error is not None and _INTERNAL in o.error for o in self.outcomes)


def _summary(outcome: Outcome) -> dict[str, Any]:
    return {
        "error": outcome.error,
        "unread": outcome.unread,
        "diagnostics": list(outcome.diagnostics),
        "incomplete": outcome.incomplete,
        "skipped": outcome.skipped,
        "errors": outcome.errors,
    }


def _outcome(name: str, data: dict[str, Any]) -> Outcome:
    return Outcome(
        name,
        None,
        data["error"],
        int(data["unread"]),
        tuple(data["diagnostics"]),
        bool(data["incomplete"]),
        data["skipped"],
        int(data["errors"]),
    )


def _line(part: Part) -> str:
    return (
        json.dumps(
            {
                "part": part.file,
                "run": part.run,
                "files": [list(k) for k in part.files],
                "outcomes": [_summary(o) for o in part.outcomes],
            },
            ensure_ascii=False,
        )
        + "\n"
    )


def _part(line: str) -> Part | None:
    """The part a manifest line records, or ``None`` for a line that is not one (cut short)."""
    try:
        data = json.loads(line)
        files = tuple((str(n), s, m) for n, s, m in data["files"])
        outcomes = tuple(_outcome(k[0], o) for k, o in zip(files, data["outcomes"], strict=True))
        file = data["part"]
        if file is not None and not _PART.fullmatch(file):
            return None
        return Part(file, str(data["run"]), files, outcomes)
    except (ValueError, KeyError, TypeError):
        return None


class Plan(NamedTuple):
    """What a run has to do: the parts it reuses (by the index of their first file) and the
    runs of consecutive input indices no reusable part holds."""

    reused: dict[int, Part]
    missing: list[list[int]]

    @property
    def done(self) -> int:
        """How many files the reused parts hold."""
        return sum(len(p.files) for p in self.reused.values())


class Work:
    """The work folder of one ``-o``, used as a context manager (it holds the folder's lock)."""

    def __init__(self, output: str, to: Format, strict: bool) -> None:
        self.output = output
        self.folder = work_folder(output)
        self.to = to
        self.header = {
            "manifest": _HEADER,
            "to": to,
            "strict": strict,
            "govinfo": _distribution.version(),
        }
        self.run = f"{time.time_ns():x}{secrets.token_hex(2)}"
        self.parts: list[Part] = []
        self.discarded = False
        """Whether a work folder made for another ``--to``, ``--lenient`` or version was emptied."""
        self._lock: int | None = None
        self._made = 0

    # --- the folder ---------------------------------------------------------------------

    def __enter__(self) -> Work:
        try:
            os.mkdir(self.folder, 0o700)
        except FileExistsError:
            pass
        except FileNotFoundError:  # no folder for the output: said as writing it would say
            raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), self.output) from None
        self._lock = os.open(os.path.join(self.folder, "lock"), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            _lock(self._lock)
        except BlockingIOError:
            os.close(self._lock)
            self._lock = None
            raise BlockingIOError(
                0, "another govinfo convert --resume is using this work folder", self.folder
            ) from None
        try:
            self._load()
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        if self._lock is not None:
            os.close(self._lock)  # releases the lock
            self._lock = None

    def _path(self, name: str) -> str:
        return os.path.join(self.folder, name)

    def _load(self) -> None:
        try:
            with open(self._path(MANIFEST), encoding="utf-8", errors="replace") as f:
                text = f.read()
        except FileNotFoundError:
            text = ""
        if text and not text.endswith("\n"):  # cut short by a kill: the next line starts anew
            _append(self._path(MANIFEST), "\n")
        lines = text.splitlines()
        header: Any = None
        with contextlib.suppress(ValueError):
            header = json.loads(lines[0]) if lines else None
        if header != self.header:
            self.discarded = bool(lines)
            self._clear()
            _append(self._path(MANIFEST), json.dumps(self.header) + "\n", create=True)
            lines = []
        parts = [p for p in map(_part, lines[1:]) if p is not None]
        named = {p.file for p in parts}
        self.parts = [p for p in parts if p.file is None or os.path.isfile(self._path(p.file))]
        for entry in os.listdir(self.folder):  # a killed run's temporaries and unnamed parts
            if _PART.fullmatch(entry) and entry not in named:
                with contextlib.suppress(OSError):
                    os.unlink(self._path(entry))

    def _clear(self) -> None:
        """Remove this program's files from the work folder, and nothing else."""
        for entry in os.listdir(self.folder):
            if entry == MANIFEST or _PART.fullmatch(entry):
                with contextlib.suppress(OSError):
                    os.unlink(self._path(entry))

    def remove(self) -> None:
        """Remove the work folder once the output is in place (and the lock with it); a folder
        that holds anything else is left."""
        self._clear()
        with contextlib.suppress(OSError):
            os.unlink(self._path("lock"))
        with contextlib.suppress(OSError):
            os.rmdir(self.folder)

    # --- planning and recording -----------------------------------------------------------

    def plan(self, keys: Sequence[Key], size: int) -> Plan:
        """The parts to reuse for the inputs ``keys`` (in input order), newest first, and the
        rest in runs of at most ``size`` consecutive files (small runs first, doubling up to
        ``size``, as :func:`govinfo.cli._batch.convert` chunks)."""
        where: dict[Key, list[int]] = {}
        for index, k in enumerate(keys):
            where.setdefault(k, []).append(index)
        covered = [False] * len(keys)
        reused: dict[int, Part] = {}
        for part in reversed(self.parts):
            if part.retry or not part.files:
                continue
            for start in where.get(part.files[0], ()):
                span = range(start, start + len(part.files))
                if span.stop <= len(keys) and all(
                    not covered[i] and keys[i] == k for i, k in zip(span, part.files, strict=True)
                ):
                    for i in span:
                        covered[i] = True
                    reused[start] = part
                    break
        missing: list[list[int]] = []
        limit = max(1, size // 16)
        run: list[int] = []
        for index, done in enumerate(covered):
            if done:
                if run:
                    missing.append(run)
                    run = []
                continue
            run.append(index)
            if len(run) >= limit:
                missing.append(run)
                run = []
                limit = min(size, 2 * limit)
        if run:
            missing.append(run)
        return Plan(reused, missing)

    def record(self, keys: Sequence[Key], outcomes: Sequence[Outcome]) -> Part:
        """Write the part of ``outcomes`` (the files ``keys``) atomically, then its manifest
        line; the part."""
        outputs = [o.output for o in outcomes if o.output is not None]
        file: str | None = None
        if outputs:
            self._made += 1
            file = f"part-{self.run}-{self._made}{_EXTENSION[self.to]}"
            temporary = self._path(file + ".tmp")
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with open(fd, "wb") as out:
                if self.to == "parquet":
                    with tidy.ParquetWriter(out) as writer:
                        for output in outputs:
                            writer.write(pickle.loads(output))
                else:
                    for output in outputs:
                        out.write(output)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, self._path(file))
        part = Part(file, self.run, tuple(keys), tuple(o._replace(output=None) for o in outcomes))
        _append(self._path(MANIFEST), _line(part))
        self.parts.append(part)
        return part

    def contents(self, part: Part) -> Iterator[bytes]:
        """The output a part holds: its bytes (JSON lines, CSV rows), or for Parquet its rows
        pickled, as the workers send them."""
        if part.file is None:
            return
        path = self._path(part.file)
        if self.to == "parquet":
            rows = [tidy.to_row(r) for r in tidy.read_parquet(path)]
            yield pickle.dumps(rows, protocol=pickle.HIGHEST_PROTOCOL)
            return
        with open(path, "rb") as f:
            while block := f.read(1 << 20):
                yield block


def items(keys: Sequence[Key], indices: Sequence[int]) -> list[Item]:
    """The files of ``indices``, as the converting functions take them."""
    return [(keys[i][0], None) for i in indices]


def _append(path: str, line: str, *, create: bool = False) -> None:
    """Append ``line`` with one write and sync it: a kill leaves it whole or cut short, and a
    line cut short is ignored when the manifest is read."""
    flags = os.O_WRONLY | os.O_APPEND | (os.O_CREAT | os.O_TRUNC if create else 0)
    fd = os.open(path, flags, 0o600)
    try:
        os.write(fd, line.encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)


def _lock(fd: int) -> None:
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock (documented)
        return
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
