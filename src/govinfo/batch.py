"""The unit of work of a batch conversion, for any engine: one file in, one outcome out.

:func:`convert_file` is what ``govinfo convert`` runs for every file, in its worker processes
(``--jobs``), in a resumed run (``--resume``) and on a Dask cluster (``--scheduler``), so the
three give the same output. It is a module-level function with no state of its own: it reads the
file through the front door (:func:`govinfo.read`: text, JSON, HTML, Word, and whatever kinds
the front door learns to read) and returns an :class:`Outcome`, which pickles. A file that
cannot be read is an outcome too (its ``error`` line), never an exception out of a worker, so
one bad file never costs a task or a batch.

>>> from govinfo import example_path
>>> outcome = convert_file(example_path(".json"), "jsonl")
>>> outcome.error, outcome.output.startswith(b'{"schema": "govinfo.report/1"')
(None, True)
>>> missing = convert_file("no/such.txt", "csv")
>>> missing.output, missing.error
(None, 'no/such.txt: No such file or directory')
>>> import pickle
>>> pickle.loads(pickle.dumps(missing)) == missing
True

``to`` is the form of ``output``: ``"jsonl"`` (one JSON report and a newline, UTF-8),
``"csv"`` (the CSV rows of its cells, without the header: :func:`govinfo.tidy.csv_header`), or
``"parquet"`` (its rows of :func:`govinfo.tidy.to_row`, pickled: :func:`rows` unpickles them).
docs/batch.md shows how to run it with ``dask.bag``, Ray or Spark.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable

from govinfo.cli._batch import Format, Outcome, convert_chunk, convert_one
from govinfo.tidy import Row

__all__ = ["Format", "Outcome", "convert_file", "convert_files", "rows"]


def convert_file(path: str, to: Format = "jsonl", strict: bool = True) -> Outcome:
    """The :class:`Outcome` of file ``path``: its output in the form ``to``, or why it could not
    be read; its diagnostics as lines. ``strict=False`` reads on past errors (``--lenient``).
    Never raises for a file that cannot be read."""
    return convert_one((path, None), to, strict)


def convert_files(paths: Iterable[str], to: Format = "jsonl", strict: bool = True) -> list[Outcome]:
    """:func:`convert_file` of each path, in order: a task of a batch of files, which costs an
    engine one round trip for many small files."""
    return convert_chunk([(path, None) for path in paths], to, strict)


def rows(outcome: Outcome) -> list[Row]:
    """The rows (:func:`govinfo.tidy.to_row`) of an outcome converted ``to="parquet"``; none for
    a file that failed.

    >>> from govinfo import example_path
    >>> len(rows(convert_file(example_path(".json"), "parquet")))
    200
    """
    if outcome.output is None:
        return []
    loaded: list[Row] = pickle.loads(outcome.output)
    return loaded
