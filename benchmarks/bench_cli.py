"""Benchmark ``govinfo convert``: files per second with 1 and 2 worker processes, and peak memory.

    python benchmarks/bench_cli.py                     # 1,000 and 10,000 files, jobs 1 and 2
    python benchmarks/bench_cli.py --counts 500 --to csv

Generates the reports once (the bundled report with deterministic numbers; report text when
govinfo.formats.text exists, JSON otherwise), then runs the installed ``govinfo convert`` on
them as a subprocess for each count and number of jobs. Peak memory is the largest resident set
of any process of the run (the parent or one worker), read with ``getrusage(RUSAGE_CHILDREN)`` in a
fresh interpreter that runs nothing else. Not a test: the figures go in docs/cli.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from govinfo import _samples

_MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
status = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
elapsed = time.perf_counter() - start
if status.returncode:
    sys.exit(status.stderr.decode())
print(elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def _command() -> list[str]:
    beside = Path(sys.executable).parent / "govinfo"
    return [str(beside)] if beside.exists() else [sys.executable, "-m", "govinfo"]


def generate(folder: Path, count: int, suffix: str) -> None:
    folder.mkdir(parents=True)
    for index, report in enumerate(_samples.variants(count, seed=count)):
        (folder / f"report-{index:05d}{suffix}").write_text(
            _samples.render(report, suffix), encoding="utf-8"
        )


def measure(folder: Path, out: Path, to: str, jobs: int, chunksize: int) -> tuple[float, int]:
    """Seconds and peak resident set (KiB) of one run."""
    command = [
        *_command(), "convert", str(folder), "--to", to, "-o", str(out),
        "--jobs", str(jobs), "--chunksize", str(chunksize), "--no-progress",
    ]  # fmt: skip
    result = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command], capture_output=True, text=True, check=True
    )
    seconds, rss = result.stdout.split()
    return float(seconds), int(rss)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--to", choices=("jsonl", "csv"), default="jsonl")
    parser.add_argument("--chunksize", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=1, help="runs per setting; the best counts")
    args = parser.parse_args()
    suffix = ".txt"
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, inputs {suffix}, to {args.to}")
    print(f"{'files':>7} {'jobs':>4} {'seconds':>8} {'files/s':>8} {'speed-up':>8} {'peak RSS':>9}")
    with tempfile.TemporaryDirectory(prefix="govinfo-bench-") as tmp:
        for count in args.counts:
            folder = Path(tmp) / f"in-{count}"
            started = time.perf_counter()
            generate(folder, count, suffix)
            print(f"# generated {count} files in {time.perf_counter() - started:.1f} s")
            base = None
            for jobs in args.jobs:
                runs = [
                    measure(folder, Path(tmp) / "out", args.to, jobs, args.chunksize)
                    for _ in range(args.repeat)
                ]
                seconds = min(s for s, _ in runs)
                rss = max(r for _, r in runs)
                rate = count / seconds
                base = base or rate
                print(
                    f"{count:>7} {jobs:>4} {seconds:>8.2f} {rate:>8.0f} {rate / base:>7.2f}x "
                    f"{rss / 1024:>6.1f} MiB"
                )
            shutil.rmtree(folder)


if __name__ == "__main__":
    main()
