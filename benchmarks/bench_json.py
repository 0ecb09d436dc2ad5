"""Time from_json and to_json on the bundled reference report (the baseline other benchmarks
compare against). Run: python benchmarks/bench_json.py"""

from __future__ import annotations

import statistics
import timeit
from collections.abc import Callable

import govinfo


def median_us(func: Callable[[], object], number: int = 500, repeat: int = 15) -> float:
    return statistics.median(timeit.repeat(func, number=number, repeat=repeat)) / number * 1e6


def main() -> None:
    with open(govinfo.example_path(".json"), encoding="utf-8") as f:
        text = f.read()
    report = govinfo.from_json(text)
    print(f"from_json  median {median_us(lambda: govinfo.from_json(text)):8.1f} µs")
    print(f"to_json    median {median_us(lambda: govinfo.to_json(report)):8.1f} µs")


if __name__ == "__main__":
    main()
