"""How long `check` takes on the reference report, against `from_json` of the same report.

Run: ``PYTHONPATH=src python benchmarks/bench_checks.py``. All are measured in the same run
(the median of repeats of many calls, the repeats of each interleaved with the others) so
that the ratio holds on a noisy shared machine.
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


def medians(runs: dict[str, Callable[[], object]]) -> dict[str, float]:
    """The median µs a call of each run, their repeats interleaved: a slow spell of a shared
    machine falls on all of them alike, not on one."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    for run in runs.values():
        run()  # warm caches
    for _ in range(REPEATS):
        for name, run in runs.items():
            times[name].append(timeit.timeit(run, number=CALLS) / CALLS * 1e6)
    return {name: statistics.median(t) for name, t in times.items()}


def main() -> None:
    report = govinfo.load_example()
    text = govinfo.to_json(report)
    consistent = recompute_totals(report).report
    got = medians(
        {
            "read": lambda: govinfo.from_json(text),
            "checked": lambda: check(report),
            "clean": lambda: check(consistent),
        }
    )
    read, checked, clean = got["read"], got["checked"], got["clean"]
    print(f"from_json (reference report)          {read:8.1f} µs")
    print(f"check (reference report, 4 failures)  {checked:8.1f} µs  ratio {checked / read:.2f}")
    print(f"check (same report, totals corrected) {clean:8.1f} µs  ratio {clean / read:.2f}")


if __name__ == "__main__":
    main()
