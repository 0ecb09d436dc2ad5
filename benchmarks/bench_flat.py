"""Time reading each example flattened page (page.txt), against parse_text of the same report.

Run it from the repository root::

    python benchmarks/bench_flat.py [--rounds 30]

Each ``tests/fixtures/web/*/page.txt`` is read with ``govinfo.read`` (the flattened layout:
headings and labels found in the run-together text, each table's digit runs split by the
solver). The same report, read from the page's ``article.html``, is rendered to the canonical
text and read back with ``parse_text``. The two readings alternate, ``--rounds`` rounds of
one call each; the table gives the median and the worst round of the flattened reading, and
the ratio of the medians. Time is the process's CPU time (``time.process_time``: on a shared
machine wall time also counts the other processes' turns). Target: the worst round under 20 ms
a report. The last columns are the cells read and left open (unread with candidates). Not a
test: the table goes in docs/flat.md.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import attrs

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import govinfo  # noqa: E402
from govinfo.formats._flat import document  # noqa: E402

WEB = ROOT / "tests" / "fixtures" / "web"


def _canonical(name: str) -> str:
    """The canonical text of the report read from the page's article.html; the article prints
    no title line (the page's header does), so the title is the crawler's."""
    report = govinfo.read(WEB / name / "article.html").report
    header = (WEB / name / "page.txt").read_text(encoding="utf-8").split("\n", 1)[0]
    title = header.split(":", 1)[1].strip()
    agency = govinfo.formats._assemble.title_metadata(title)[0]
    try:
        return govinfo.render_text(attrs.evolve(report, title=title, agency=agency))
    except govinfo.errors.TextRenderError:
        # A date read from the page, not the report's signature, has no line in the text.
        return govinfo.render_text(
            attrs.evolve(report, title=title, agency=agency, publication_date=None)
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}; {args.rounds} rounds, alternating; CPU time")
    print(
        "| page | bytes | read (flat) median, ms | worst, ms | parse_text, ms | ratio "
        "| cells read | left open |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for name in sorted(p.name for p in WEB.iterdir()):
        data = (WEB / name / "page.txt").read_bytes()
        text = _canonical(name)
        govinfo.read(data)  # warm the caches (folded labels, compiled rules) as a batch would
        govinfo.parse_text(text)
        flat: list[float] = []
        plain: list[float] = []
        for _ in range(args.rounds):
            start = time.process_time()
            govinfo.read(data)
            flat.append(time.process_time() - start)
            start = time.process_time()
            govinfo.parse_text(text)
            plain.append(time.process_time() - start)
        counts = document(data.decode("utf-8")).counts
        median, worst = statistics.median(flat) * 1e3, max(flat) * 1e3
        base = statistics.median(plain) * 1e3
        print(
            f"| {name} | {len(data):,} | {median:.2f} | {worst:.2f} | {base:.2f} "
            f"| {median / base:.2f} | {counts['split'] + counts['whole']} | {counts['unread']} |"
        )


if __name__ == "__main__":
    main()
