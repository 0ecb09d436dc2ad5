"""Time reading each example web page, against parse_text of the same report's canonical text.

Run it from the repository root::

    python benchmarks/bench_html.py [--rounds 31]

Each page of ``tests/fixtures/web/`` is read as a whole page (its article inside a page of
chrome, as tests/test_html.py builds it) with ``govinfo.read(..., kind="html")``; the same
report is rendered to the canonical text and read back with ``parse_text``. The two readings
take turns, ``--rounds`` rounds of 10 calls each, and the medians are compared. Time is the
process's CPU time (``time.process_time``): on a shared machine, wall time also counts the
other processes' turns. Targets: under 10 ms
a page, and at most 3 times ``parse_text``. Not a test: the table goes in docs/reading.md.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from functools import partial
from pathlib import Path

import attrs

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

import govinfo  # noqa: E402
from test_html import PAGES, page  # noqa: E402


def _medians(runs: list, rounds: int, calls: int = 10) -> list[float]:
    """The median CPU seconds a call of each run, over ``rounds`` rounds of ``calls`` calls
    each, the runs taking turns every round (drift in the machine's load falls on all alike)."""
    times: list[list[float]] = [[] for _ in runs]
    for _ in range(rounds):
        for run, spent in zip(runs, times, strict=True):
            start = time.process_time()
            for _ in range(calls):
                run()
            spent.append((time.process_time() - start) / calls)
    return [statistics.median(spent) for spent in times]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rounds", type=int, default=31)
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}; {args.rounds} rounds of 10 calls, alternating")
    print("| page | bytes | read (HTML), ms | parse_text, ms | ratio |")
    print("|---|---|---|---|---|")
    for name in PAGES:
        data = page(name).encode()
        report = govinfo.read(data, kind="html").report
        try:
            text = govinfo.render_text(report)
        except govinfo.errors.TextRenderError:
            # A date read from the page, not the report's signature, has no line in the text.
            text = govinfo.render_text(attrs.evolve(report, publication_date=None))
        html, plain = (
            t * 1e3
            for t in _medians(
                [partial(govinfo.read, data, kind="html"), partial(govinfo.parse_text, text)],
                args.rounds,
            )
        )
        print(f"| {name} | {len(data):,} | {html:.2f} | {plain:.2f} | {html / plain:.2f} |")


if __name__ == "__main__":
    main()
