"""Time govinfo.zh.numerals against cn2an on the same 10,000 inputs, in one run.

Run it from the repository root::

    python benchmarks/bench_numerals.py

It generates 10,000 integers with a fixed seed (number of digits uniform in 1..16, so small and
large numbers are equally represented), writes them with ``format_number`` and reads them with
``parse_number``, and does the same with ``cn2an.an2cn`` and ``cn2an.cn2an(x, "normal")``. Each
timing is the median of several rounds over all 10,000 inputs; the script prints the median
time per call and the ratio cn2an / govinfo.
"""

from __future__ import annotations

import logging
import os
import platform
import random
import statistics
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from govinfo.zh.numerals import format_number, parse_number

SEED = 20240601
COUNT = 10_000
ROUNDS = 7


def inputs() -> list[int]:
    rng = random.Random(SEED)
    return [
        rng.randrange(10 ** (digits - 1), 10**digits)
        for digits in (rng.randint(1, 16) for _ in range(COUNT))
    ]


def median_seconds(function: Callable[[object], object], values: Sequence[object]) -> float:
    """The median, over ROUNDS rounds, of the time to call ``function`` on every value."""
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        for value in values:
            function(value)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    warnings.simplefilter("ignore")
    logging.disable(logging.CRITICAL)
    import cn2an

    numbers = inputs()
    texts = [format_number(n) for n in numbers]
    # Same inputs for both libraries; make sure cn2an reads them so the comparison is fair.
    assert all(cn2an.cn2an(text, "normal") == n for text, n in zip(texts, numbers, strict=True))
    # Warm both (govinfo builds its section tables on first use).
    parse_number(texts[0])
    cn2an.an2cn(numbers[0])

    rows = [
        (
            "read",
            median_seconds(parse_number, texts),
            median_seconds(lambda x: cn2an.cn2an(x, "normal"), texts),
        ),
        ("write", median_seconds(format_number, numbers), median_seconds(cn2an.an2cn, numbers)),
    ]
    print(
        f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cpus;"
        f" {COUNT} inputs, median of {ROUNDS} rounds"
    )
    print(f"{'':6} {'govinfo µs/call':>16} {'cn2an µs/call':>14} {'ratio':>6}")
    for name, ours, theirs in rows:
        print(
            f"{name:6} {ours / COUNT * 1e6:16.2f} {theirs / COUNT * 1e6:14.2f}"
            f" {theirs / ours:6.1f}x"
        )


if __name__ == "__main__":
    main()
