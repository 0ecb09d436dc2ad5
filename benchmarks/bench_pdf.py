"""Time reading each example PDF, against pdfplumber's bare ``extract_tables()`` on every page.

Run it from the repository root (needs the extra ``pdf``)::

    python benchmarks/bench_pdf.py [--rounds 7]

For each PDF of ``tests/fixtures/pdf/``, two readings alternate ``--rounds`` times: the whole
of ``govinfo.read`` (open, every page's tables and prose, the assembler, the report), and
pdfplumber opening the same bytes and calling ``extract_tables()`` on every page (the least a
table reader built on it does). The medians are compared. Time is the process's CPU time
(``time.process_time``): on a shared machine, wall time also counts the other processes'
turns. Target: at most 1.2 times the bare call. Not a test: the table goes in docs/pdf.md.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import pdfplumber  # noqa: E402

import govinfo  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "pdf"


def _bare(data: bytes) -> int:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return sum(len(page.extract_tables()) for page in pdf.pages)


def _govinfo(data: bytes) -> object:
    return govinfo.read(data).report


def _once(run, data: bytes) -> float:
    start = time.process_time()
    run(data)
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}; pdfplumber {pdfplumber.__version__}; ", end="")
    print(f"{args.rounds} rounds, alternating")
    print("| report | pages | govinfo.read, s | extract_tables, s | ratio |")
    print("|---|---|---|---|---|")
    for path in sorted(FIXTURES.glob("*.pdf")):
        data = path.read_bytes()
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = len(pdf.pages)
        _govinfo(data)  # warm: imports, caches
        _bare(data)
        ours, bare = [], []
        for _ in range(args.rounds):
            ours.append(_once(_govinfo, data))
            bare.append(_once(_bare, data))
        a, b = statistics.median(ours), statistics.median(bare)
        print(f"| {path.stem} | {pages} | {a:.3f} | {b:.3f} | {a / b:.2f} |")


if __name__ == "__main__":
    main()
