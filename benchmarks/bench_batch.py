"""Benchmark a batch: ``govinfo convert`` with --jobs 1, --jobs 2 and a 2-worker Dask cluster.

    python benchmarks/bench_batch.py                  # 2,000 files, jsonl
    python benchmarks/bench_batch.py --count 500 --to csv

Generates ``--count`` example files once: four in five are report text (the bundled report with
deterministic numbers), one in five a copy of one of the saved web pages of tests/fixtures/web.
Then runs ``govinfo convert`` on the folder as a subprocess, once per setting: ``--jobs 1``,
``--jobs 2``, ``--scheduler local --jobs 2`` (a local Dask cluster of 2 worker processes, its
start included) and ``--resume --jobs 2``. Each run reports files per second, the peak resident
memory of the client (the ``govinfo`` process itself) and of the largest process of the run
(the client or a worker), read with ``getrusage``, and the CPU time of all its processes (less
sensitive than the wall clock to a machine shared with other work).

Then, for the sizing on paper, the CPU time of reading one file with
:func:`govinfo.batch.convert_file` in this process, by kind: report text, HTML, Word (.docx)
and PDF (the .pdf files of tests/fixtures, if any, and only if the front door reads them): files
per second per core. Not a test: the figures go in docs/batch.md.
"""

from __future__ import annotations

import argparse
import glob
import itertools
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from govinfo import _samples, batch

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"

_MEASURE = """
import os, resource, runpy, sys
sys.argv = ["govinfo", *sys.argv[1:]]
try:
    runpy.run_module("govinfo", run_name="__main__")
finally:
    with open(os.environ["BENCH_RSS"], "w") as f:
        own = resource.getrusage(resource.RUSAGE_SELF)
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = sum(u.ru_utime + u.ru_stime for u in (own, children))
        print(own.ru_maxrss, children.ru_maxrss, cpu, file=f)
"""


def generate(folder: Path, count: int) -> None:
    folder.mkdir(parents=True)
    pages = sorted(FIXTURES.glob("web/*/article.html"))
    reports = _samples.variants(count, seed=count)
    for index in range(count):
        if index % 5 == 4:
            shutil.copy(pages[(index // 5) % len(pages)], folder / f"page-{index:05d}.html")
        else:
            text = _samples.render(next(reports), ".txt")
            (folder / f"report-{index:05d}.txt").write_text(text, encoding="utf-8")


def measure(tmp: Path, folder: Path, to: str, options: list[str]) -> tuple[float, float, int, int]:
    """Seconds, CPU seconds (all processes), and the peak resident sets (KiB) of the client
    and of the largest process."""
    out = tmp / f"out.{to}"
    rss = tmp / "rss"
    command = [
        sys.executable, "-c", _MEASURE, "convert", str(folder), "--to", to, "-o", str(out),
        "--no-progress", "-q", *options,
    ]  # fmt: skip
    started = time.perf_counter()
    result = subprocess.run(
        command, capture_output=True, text=True, env={**os.environ, "BENCH_RSS": str(rss)}
    )
    seconds = time.perf_counter() - started
    if result.returncode not in (0, 1):
        sys.exit(result.stderr)
    own, children, cpu = rss.read_text().split()
    out.unlink()
    return seconds, float(cpu), int(own), max(int(own), int(children))


def per_core(paths: list[str], seconds: float = 3.0) -> tuple[int, float] | None:
    """Files read and files per CPU-second, cycling over ``paths`` for about ``seconds``."""
    if not paths:
        return None
    done, cpu = 0, 0.0
    for path in itertools.cycle(paths):
        started = time.process_time()
        batch.convert_file(path, "jsonl")
        cpu += time.process_time() - started
        done += 1
        if cpu >= seconds and done >= len(paths):
            break
    return done, done / cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--to", choices=("jsonl", "csv", "parquet"), default="jsonl")
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask cluster")
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, to {args.to}")
    settings = [
        ("--jobs 1", ["--jobs", "1"]),
        ("--jobs 2", ["--jobs", "2"]),
        ("--resume --jobs 2", ["--resume", "--jobs", "2"]),
    ]
    if not args.no_dask:
        settings.append(("--scheduler local --jobs 2", ["--scheduler", "local", "--jobs", "2"]))
    with tempfile.TemporaryDirectory(prefix="govinfo-bench-") as name:
        tmp = Path(name)
        folder = tmp / "in"
        started = time.perf_counter()
        generate(folder, args.count)
        print(f"# generated {args.count} files in {time.perf_counter() - started:.1f} s")
        print(
            f"{'setting':<28} {'seconds':>7} {'files/s':>8} {'CPU s':>6} {'client RSS':>11} "
            f"{'max RSS':>9}"
        )
        for label, options in settings:
            seconds, cpu, own, largest = measure(tmp, folder, args.to, options)
            print(
                f"{label:<28} {seconds:>7.2f} {args.count / seconds:>8.0f} {cpu:>6.1f} "
                f"{own / 1024:>7.1f} MiB {largest / 1024:>5.1f} MiB"
            )
        kinds = {
            "report text": sorted(str(p) for p in folder.glob("*.txt"))[:200],
            "HTML": sorted(str(p) for p in FIXTURES.glob("web/*/article.html")),
            "Word (.docx)": sorted(str(p) for p in FIXTURES.glob("docx/*.docx")),
            "PDF": sorted(glob.glob(str(FIXTURES / "**" / "*.pdf"), recursive=True)),
        }
        print(f"{'kind':<14} {'files':>6} {'files/s/core':>12} {'ms/file':>8}")
        for kind, paths in kinds.items():
            if kind == "PDF" and paths and batch.convert_file(paths[0]).output is None:
                error = batch.convert_file(paths[0]).error
                print(f"{kind:<14} skipped: the front door does not read it here ({error})")
                continue
            measured = per_core(paths)
            if measured is None:
                print(f"{kind:<14} skipped: no such files in tests/fixtures")
                continue
            done, rate = measured
            print(f"{kind:<14} {done:>6} {rate:>12.0f} {1000 / rate:>8.2f}")


if __name__ == "__main__":
    main()
