"""Time parse_text on the reference report against from_json of the same report, in one run.

Run it from the repository root::

    python benchmarks/bench_text.py

Both functions read the bundled reference report (温州市公安局鹿城区分局, 2021): ``parse_text``
its published text, ``from_json`` its JSON model; both build the same :class:`govinfo.Report`.
Each figure is the median, over ROUNDS rounds, of the mean time per call in a round of CALLS
calls; the rounds of the two functions alternate, so machine noise falls on both alike. The
targets: ``parse_text`` at most 3 × ``from_json``, and under 1 ms per report.
"""

from __future__ import annotations

import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import govinfo

CALLS = 100
ROUNDS = 31


def per_call(function: Callable[[str], object], argument: str) -> float:
    start = time.perf_counter()
    for _ in range(CALLS):
        function(argument)
    return (time.perf_counter() - start) / CALLS


def main() -> None:
    text = Path(govinfo.example_path(".txt")).read_text(encoding="utf-8")
    json_text = Path(govinfo.example_path(".json")).read_text(encoding="utf-8")
    report = govinfo.parse_text(text)
    assert report == govinfo.from_json(json_text)
    canonical = govinfo.render_text(report)
    timings: dict[str, list[float]] = {"parse_text": [], "from_json": [], "render_text": []}
    for _ in range(3):  # warm up caches and the allocator
        per_call(govinfo.parse_text, text)
        per_call(govinfo.from_json, json_text)
    for _ in range(ROUNDS):
        timings["parse_text"].append(per_call(govinfo.parse_text, text))
        timings["from_json"].append(per_call(govinfo.from_json, json_text))
        timings["render_text"].append(per_call(lambda _: govinfo.render_text(report), canonical))
    medians = {name: statistics.median(values) for name, values in timings.items()}
    print(f"python {platform.python_version()} on {platform.machine()} ({platform.system()})")
    print(f"reference report: {len(text.splitlines())} lines, {len(text)} characters")
    for name, seconds in medians.items():
        print(f"{name:12} median {seconds * 1e3:.3f} ms per report")
    ratio = medians["parse_text"] / medians["from_json"]
    print(f"parse_text / from_json = {ratio:.2f} (target ≤ 3)")


if __name__ == "__main__":
    main()
