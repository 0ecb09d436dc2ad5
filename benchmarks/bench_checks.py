"""How long `check` takes on the reference report, against `from_json` of the same report.

Run: ``PYTHONPATH=src python benchmarks/bench_checks.py``. Both are measured in the same run
(median of several repeats of many calls) so the ratio holds on a noisy shared machine.
Target: ``check`` costs no more than ``from_json`` (ratio ≤ 1).
"""

from __future__ import annotations

import statistics
import timeit
from collections.abc import Callable

import govinfo
from govinfo.checks import check, recompute_totals

REPEATS = 15
CALLS = 200


def median_microseconds(run: Callable[[], object]) -> float:
    run()  # warm caches
    times = timeit.repeat(run, number=CALLS, repeat=REPEATS)
    return statistics.median(times) / CALLS * 1e6


def main() -> None:
    report = govinfo.load_example()
    text = govinfo.to_json(report)
    consistent = recompute_totals(report).report
    read = median_microseconds(lambda: govinfo.from_json(text))
    checked = median_microseconds(lambda: check(report))
    clean = median_microseconds(lambda: check(consistent))
    print(f"from_json (reference report)          {read:8.1f} µs")
    print(f"check (reference report, 4 failures)  {checked:8.1f} µs  ratio {checked / read:.2f}")
    print(f"check (same report, totals corrected) {clean:8.1f} µs  ratio {clean / read:.2f}")


if __name__ == "__main__":
    main()
