"""Read hostile input shapes at growing sizes and print time and peak memory for each.

Run it from the repository root::

    python benchmarks/bench_hostile.py [--sizes 100000,1000000,10000000] [--shapes a,b]

Each shape is built from the bundled reference report (or an example page), grown to each
size (in bytes of UTF-8), and read in a fresh interpreter: ``read_text`` for text shapes,
``from_json`` for JSON ones, ``read(..., kind="text")`` for flattened page text,
``read(..., kind="html")`` for HTML ones (and ``kind="docx"``, ``kind="pdf"`` for the
bombs), with the answer (a result or a GovInfoError) ignored. Time is the wall time of the
read alone, the fastest of three readings (as ``timeit`` reports: the others measure the
machine's other work too); peak memory what a fourth, traced reading allocates at its peak
(tracemalloc), per input byte. Targets: time 10 MB / 1 MB at most 12, and peak memory at
most 100 bytes per input byte.

Beside govinfo's ratio, the table prints the same ratio for the least work any reader of
the shape must do, timed the same way in the same interpreter: for text, a tuple of each
line's place and stripped text; for JSON, ``json.loads``; for HTML, Lexbor's parse. Where
that floor's own ratio is above 12 too, the excess is the runtime's (the memory a growing
number of live objects takes), not the reader's algorithm. Not a test: the table goes in
docs/reliability.md.
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

import govinfo  # noqa: E402
from pdf_fixtures import hand_written  # noqa: E402

TEXT = Path(govinfo.example_path(".txt")).read_text(encoding="utf-8")
JSON = Path(govinfo.example_path(".json")).read_text(encoding="utf-8")
HEADING_3 = "三、收到和处理政府信息公开申请情况\n"
FIRST_ROW = "一、本年新收政府信息公开申请数量\n"
WEB = ROOT / "tests/fixtures/web/pingtan-finance-bureau-2025"
PAGE = (WEB / "article.html").read_text("utf-8")
FLAT = (WEB / "page.txt").read_text("utf-8")
ROW = "7.属于行政执法案卷\n\n1\n\n0\n\n0\n\n0\n\n0\n\n0\n\n1\n"


def _fill(unit: str, size: int) -> str:
    """``unit`` repeated to about ``size`` bytes of UTF-8."""
    return unit * max(1, size // max(1, len(unit.encode())))


def _at(marker: str, insert: Callable[[int], str]) -> Callable[[int], str]:
    def make(size: int) -> str:
        head, tail = TEXT.split(marker, 1)
        return head + marker + insert(size) + tail

    return make


def _zip_bomb(size: int) -> bytes:
    """A .docx of about ``size`` bytes whose document.xml unpacks to a thousand times that."""
    out = io.BytesIO()
    chunk = b"0" * 1_000_000
    with (
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/document.xml", "w", force_zip64=True) as part,
    ):
        part.write(b'<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>')
        for _ in range(max(1, size // 1000)):
            part.write(chunk)
        part.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return out.getvalue()


def _pdf_bomb(size: int) -> bytes:
    """A one-page PDF of about ``size`` bytes whose content stream inflates to a thousand
    times that (needs no PDF library: the objects are written by hand)."""
    import zlib

    packer = zlib.compressobj(9)
    chunk = b" " * 1_000_000
    content = b"".join(packer.compress(chunk) for _ in range(max(1, size // 1000)))
    content += packer.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content)
        + content
        + b"\nendstream",
    ]
    return hand_written(objects)


SHAPES: dict[str, tuple[str, Callable[[int], str | bytes]]] = {
    "numbers before table 3's rows, a line each": (
        "text",
        _at(HEADING_3, lambda n: _fill("7\n", n)),
    ),
    "numbers before table 3's rows, one line": (
        "text",
        _at(HEADING_3, lambda n: _fill("7 ", n) + "\n"),
    ),
    "junk rows inside table 3": ("text", _at(FIRST_ROW, lambda n: _fill("甲乙丙\n\n8\n", n))),
    "a row label with its values, repeated": ("text", _at(FIRST_ROW, lambda n: _fill(ROW, n))),
    "page markers repeated": ("text", _at(HEADING_3, lambda n: _fill("- 3 -\n", n))),
    "Markdown junk rows": ("text", _at(FIRST_ROW, lambda n: _fill("| x | 1 | |\n", n))),
    "the heading of 一 repeated": ("text", lambda n: TEXT + _fill("一、总体情况\n", n)),
    "the whole file on one line": ("text", lambda n: _fill(TEXT.replace("\n", " "), n)),
    "a table cell of N digits": ("text", _at(FIRST_ROW, lambda n: _fill("1", n) + "\n")),
    "a title of N digits": ("text", lambda n: _fill("1", n) + "\n" + TEXT),
    "one huge paragraph line": (
        "text",
        _at("一、总体情况\n", lambda n: _fill("全年无事。", n) + "\n"),
    ),
    "flattened text: a digit run in a row": (
        "flat",
        lambda n: FLAT.replace(FIRST_ROW.strip(), FIRST_ROW.strip() + _fill("1", n), 1),
    ),
    "HTML: deep nesting": ("html", lambda n: "<div>" * (n // 10) + PAGE + "</div>" * (n // 10)),
    "HTML: huge spans": (
        "html",
        lambda n: PAGE.replace("<table", _fill("<table><tr><td colspan=999 rowspan=0>1", n), 1),
    ),
    "HTML: many table rows": (
        "html",
        lambda n: PAGE.replace("<tr", _fill("<tr><td>7</td><td>1</td></tr>", n) + "<tr", 1),
    ),
    "Word: a ZIP bomb": ("docx", _zip_bomb),
    "PDF: a decompression bomb": ("pdf", _pdf_bomb),
    "JSON: many paragraphs": (
        "json",
        lambda n: JSON.replace('"preamble": [', '"preamble": [' + _fill('"段落",', n), 1),
    ),
    "JSON: many unknown keys": (
        "json",
        lambda n: "{" + "".join(f'"k{i}": 0,' for i in range(n // 10)) + JSON.lstrip()[1:],
    ),
    "JSON: many bad paragraphs": (
        "json",
        lambda n: JSON.replace('"preamble": [', '"preamble": [' + _fill("1,", n), 1),
    ),
}

# Refused before the page is parsed (its nesting is counted first): the parser's own time,
# which grows with the square of the depth, is no floor for it.
NO_FLOOR = frozenset(["HTML: deep nesting"])

WORKER = r"""
import json, sys, time, tracemalloc
import govinfo
kind, path, with_floor = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
binary = kind in ("docx", "pdf")
data = open(path, "rb").read() if binary else open(path, encoding="utf-8").read()
read = {
    "text": govinfo.read_text,
    "json": govinfo.from_json,
    "flat": lambda d: govinfo.read(d.encode(), kind="text"),
    "html": lambda d: govinfo.read(d.encode(), kind="html"),
    "docx": lambda d: govinfo.read(d, kind="docx"),
    "pdf": lambda d: govinfo.read(d, kind="pdf"),
}[kind]
def floor_html(d):
    from selectolax.lexbor import LexborHTMLParser
    return LexborHTMLParser(d)
floors = {
    "text": lambda d: [(i, line.strip()) for i, line in enumerate(d.split("\n"))],
    "json": json.loads,
    "html": floor_html,
}
floors["flat"] = floors["text"]  # crawler text is text: the same least work
floor = floors.get(kind) if with_floor else None
def once():
    try:
        read(data)
    except govinfo.GovInfoError:
        pass
def fastest(work, times=3):
    best = float("inf")
    for _ in range(times):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best
seconds = fastest(once)
floor_seconds = fastest(lambda: floor(data)) if floor else None
tracemalloc.start()  # a fourth reading, traced: the memory it allocates beyond the input
before = tracemalloc.get_traced_memory()[0]
once()
peak = tracemalloc.get_traced_memory()[1] - before
print(json.dumps({"seconds": seconds, "floor_seconds": floor_seconds, "peak_bytes": peak}))
"""


def _measure(
    kind: str, text: str | bytes, folder: Path, with_floor: bool
) -> dict[str, float | None]:
    path = folder / "input"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-c", WORKER, kind, str(path), "1" if with_floor else "0"],
        check=True,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT / "src")},
    )
    result: dict[str, float | None] = json.loads(out.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", default="100000,1000000,10000000")
    parser.add_argument("--shapes", default="", help="comma-separated words of shape names")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    wanted = [w for w in args.shapes.split(",") if w]
    import tempfile

    print(f"python {sys.version.split()[0]}; sizes {sizes} bytes")
    print(
        "| shape | "
        + " | ".join(f"{s:,} B: s, B/B" for s in sizes)
        + " | time ratio last/prev | the floor's ratio |"
    )
    print("|---|" + "---|" * (len(sizes) + 2))
    with tempfile.TemporaryDirectory() as temp:
        for name, (kind, make) in SHAPES.items():
            if wanted and not any(w in name for w in wanted):
                continue
            cells, times, floors = [], [], []
            for size in sizes:
                text = make(size)
                measured = _measure(kind, text, Path(temp), name not in NO_FLOOR)
                size_read = len(text) if isinstance(text, bytes) else len(text.encode())
                seconds, peak = measured["seconds"] or 0.0, measured["peak_bytes"] or 0.0
                times.append(seconds)
                floors.append(measured["floor_seconds"])
                cells.append(f"{seconds:.3f}, {peak / size_read:.0f}")
            print(
                f"| {name} | " + " | ".join(cells) + f" | {_ratio(times)} | {_ratio(floors)} |",
                flush=True,
            )


def _ratio(times: list[float | None]) -> str:
    """The last time over the one before, to a decimal place; a dash without both."""
    last, prev = (times[-1], times[-2]) if len(times) > 1 else (None, None)
    return f"{last / prev:.1f}" if last is not None and prev else "—"


if __name__ == "__main__":
    main()
