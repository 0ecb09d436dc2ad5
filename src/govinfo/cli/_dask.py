"""``govinfo convert --scheduler``: the same conversion on a ``dask.distributed`` cluster.

Each task is one partition of files, converted by the function the worker processes of
``--jobs`` run (:func:`govinfo.cli._batch.convert_chunk`, by reference: the workers need
govinfo installed, and must see the files at the paths given). Tasks have explicit keys, so
that Dask never takes two partitions for one computation; at most :data:`IN_FLIGHT` tasks per
worker thread are submitted or held at a time, and their outcomes are yielded in input order,
so memory stays bounded on the client and on the cluster, however many files there are.

Needs the extra ``dask`` (``dask[distributed]``); nothing here is imported by the core.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import Generator, Iterable, Iterator
from typing import Any, Final

from govinfo import _distribution
from govinfo.cli._batch import Format, Item, Outcome, convert_chunk

__all__ = ["IN_FLIGHT", "LOCAL", "available", "client", "partitioned", "taken"]

LOCAL: Final = "local"
"""``--scheduler local``: a cluster of ``--jobs`` worker processes on this machine."""
IN_FLIGHT: Final = 3
"""Tasks submitted (or finished, waiting for their turn) per worker thread."""
_PURPOSE: Final = "govinfo convert --scheduler (a Dask cluster)"


def _distributed() -> Any:
    return _distribution.require("distributed", "dask", _PURPOSE)


def available() -> None:
    """Raise the :class:`ModuleNotFoundError` naming the extra when Dask is not installed."""
    _distributed()


@contextlib.contextmanager
def client(scheduler: str, workers: int) -> Iterator[Any]:
    """A client of the scheduler at ``scheduler`` (``tcp://HOST:PORT``), or of a local cluster
    of ``workers`` processes of one thread each when ``scheduler`` is :data:`LOCAL`."""
    distributed = _distributed()
    if scheduler == LOCAL:
        with (
            distributed.LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=":0",  # any free port: 8787 may be taken
                silence_logs=logging.ERROR,
            ) as cluster,
            distributed.Client(cluster) as connected,
        ):
            yield connected
        return
    try:
        # Dask's configuration says how long to try (distributed.comm.timeouts.connect: 30 s).
        connected = distributed.Client(scheduler)
    except (OSError, TimeoutError, ValueError) as exc:
        raise OSError(0, f"cannot reach the Dask scheduler: {exc}", scheduler) from None
    with connected:
        yield connected


def _threads(connected: Any) -> int:
    with contextlib.suppress(Exception):
        return max(1, int(sum(connected.nthreads().values())))
    return 1


def taken(items: list[Item], future: Any) -> list[Outcome]:
    """The outcomes of a finished task; for a task that failed on the cluster (an exception, a
    worker killed, its result lost with its worker), each of its files as failed with an
    internal error, which a resumed run converts again."""
    try:
        if future.status == "finished":
            outcomes: list[Outcome] = future.result()
            return outcomes
        exc: Any = future.exception()
    except (Exception, asyncio.CancelledError) as caught:
        exc = caught
    reason = f"internal error: the task failed on the cluster ({type(exc).__name__}: {exc})"
    return [Outcome(name, None, f"{name}: {reason}") for name, _ in items]


def partitioned(
    connected: Any, partitions: Iterable[list[Item]], to: Format, *, strict: bool = True
) -> Generator[list[Outcome], None, None]:
    """The outcomes of each partition, converted on the cluster of ``connected``, in order, a
    list per partition (as :func:`govinfo.cli._batch.partitioned` gives them)."""
    distributed = _distributed()
    window = IN_FLIGHT * _threads(connected)
    run = uuid.uuid4().hex
    pending = iter(partitions)
    running: dict[int, tuple[list[Item], Any]] = {}
    done: dict[int, list[Outcome]] = {}
    sent = head = 0
    more = True
    try:
        while True:
            while more and sent < head + window:
                partition = next(pending, None)
                if partition is None:
                    more = False
                    break
                future = connected.submit(
                    convert_chunk, partition, to, strict, key=f"govinfo-convert-{run}-{sent}"
                )
                running[sent] = (partition, future)
                sent += 1
            if head in done:
                yield done.pop(head)
                head += 1
                continue
            if head == sent:
                break
            distributed.wait([f for _, f in running.values()], return_when="FIRST_COMPLETED")
            for number, (items, future) in list(running.items()):
                if not future.done():
                    continue
                del running[number]
                done[number] = taken(items, future)
                future.release()
    finally:
        if running:
            with contextlib.suppress(Exception):
                connected.cancel([f for _, f in running.values()])
