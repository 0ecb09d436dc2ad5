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

With ``--instructions`` (needs valgrind), each reading is counted instead, in instructions
executed (callgrind): the same on a loaded machine as on an idle one, so that a change can be
judged without the noise of time. A count is the difference of a process reading ``--calls``
times and one reading none, divided by the calls.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
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


def canonical_text(data: bytes) -> str:
    """The canonical text of the report the page holds."""
    report = govinfo.read(data, kind="html").report
    try:
        return govinfo.render_text(report)
    except govinfo.errors.TextRenderError:
        # A date read from the page, not the report's signature, has no line in the text.
        return govinfo.render_text(attrs.evolve(report, publication_date=None))


# A process that reads one page (or its canonical text) N times, for callgrind to count.
_COUNTED = r"""
import sys
sys.path[:0] = [sys.argv[1] + "/src", sys.argv[1] + "/tests", sys.argv[1] + "/benchmarks"]
import govinfo
from bench_html import canonical_text
from test_html import page
data = page(sys.argv[2]).encode()
text = canonical_text(data)
read = (lambda: govinfo.read(data, kind="html")) if sys.argv[3] == "html" else (
    lambda: govinfo.parse_text(text))
for _ in range(int(sys.argv[4])):
    read()
"""


_VALGRIND = ("valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null")


def _instructions(name: str, what: str, calls: int) -> float:
    """Instructions one reading of page ``name`` (``what``: "html" or "text") executes."""
    counts = []
    for n in (0, calls):
        out = subprocess.run(
            [*_VALGRIND, sys.executable, "-c", _COUNTED, str(ROOT), name, what, str(n)],
            capture_output=True,
            text=True,
            check=True,
        )
        found = re.search(r"Collected : (\d+)", out.stderr)
        if found is None:
            raise SystemExit(f"valgrind counted nothing: {out.stderr[-500:]}")
        counts.append(int(found.group(1)))
    return (counts[1] - counts[0]) / calls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rounds", type=int, default=31)
    parser.add_argument("--instructions", action="store_true")
    parser.add_argument("--calls", type=int, default=10)
    args = parser.parse_args()
    if args.instructions:
        print(f"python {sys.version.split()[0]}; instructions a reading, over {args.calls} calls")
        print("| page | bytes | read (HTML), instructions | parse_text, instructions | ratio |")
    else:
        print(f"python {sys.version.split()[0]}; {args.rounds} rounds of 10 calls, alternating")
        print("| page | bytes | read (HTML), ms | parse_text, ms | ratio |")
    print("|---|---|---|---|---|")
    for name in PAGES:
        data = page(name).encode()
        if args.instructions:
            html, plain = (_instructions(name, what, args.calls) for what in ("html", "text"))
            shown = f"{html / 1e6:.1f}M | {plain / 1e6:.1f}M"
        else:
            text = canonical_text(data)
            html, plain = (
                t * 1e3
                for t in _medians(
                    [partial(govinfo.read, data, kind="html"), partial(govinfo.parse_text, text)],
                    args.rounds,
                )
            )
            shown = f"{html:.2f} | {plain:.2f}"
        print(f"| {name} | {len(data):,} | {shown} | {html / plain:.2f} |", flush=True)


if __name__ == "__main__":
    main()
