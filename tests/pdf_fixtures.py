"""Small PDFs for the PDF tests, made with reportlab: a report laid out as the template's
ruled tables (from a report value), and the shapes the front-end must refuse or note.

reportlab's CID font STSong-Light (encoding UniGB-UCS2-H, a predefined CMap) extracts
correctly; its TrueType embedding (Vera.ttf, shipped with reportlab) writes a ToUnicode map,
which :func:`without_to_unicode` renames away so that the font's text cannot be trusted.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal

from reportlab.lib import pdfencrypt
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from govinfo.model import BLANK, UNREAD, Placeholder, Report
from govinfo.template import SECTIONS

CJK = "STSong-Light"
LATIN = "Vera"
pdfmetrics.registerFont(UnicodeCIDFont(CJK))
pdfmetrics.registerFont(TTFont(LATIN, "Vera.ttf"))

WIDTH, HEIGHT = A4
LEFT, RIGHT, TOP, BOTTOM = 60.0, WIDTH - 60.0, 60.0, 70.0
ROW = 18.0
SIZE = 9.0


def _shown(value: object) -> str:
    if value is BLANK:
        return ""
    if value is UNREAD:
        raise ValueError("an unread cell cannot be printed")
    if isinstance(value, Placeholder):
        return value.text
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


class _Page:
    """A canvas written top-down, in points from the page's top."""

    def __init__(self, c: canvas.Canvas, value_font: str, overprint: bool = False) -> None:
        self.overprint = overprint
        self.c = c
        self.y = TOP
        self.page = 1
        self.value_font = value_font

    def need(self, height: float) -> None:
        if self.y + height > HEIGHT - BOTTOM:
            self.c.setFont(CJK, SIZE)
            self.c.drawCentredString(WIDTH / 2, 40, f"- {self.page} -")  # a footer
            self.c.showPage()
            self.page += 1
            self.y = TOP

    def line(self, text: str, *, indent: float = 2 * 12.0) -> None:
        self.need(20)
        self.c.setFont(CJK, 12)
        self.c.drawString(LEFT + indent, HEIGHT - self.y - 12, text)
        self.y += 20

    def row(self, cells: list[tuple[str, float, bool]]) -> None:
        """One ruled row: (text, width, is a value) per cell, left to right; a label wider
        than its cell wraps, and the row is as tall as its most lines."""
        wrapped = [
            (_wrap(text, int((width - 4) // SIZE)) if not value else [text], width, value)
            for text, width, value in cells
        ]
        height = ROW + (max(len(lines) for lines, _, _ in wrapped) - 1) * (SIZE + 2)
        self.need(height)
        x = LEFT
        for lines, width, value in wrapped:
            self.c.rect(x, HEIGHT - self.y - height, width, height, stroke=1, fill=0)
            self.c.setFont(self.value_font if value else CJK, SIZE)
            for k, text in enumerate(lines):
                y = HEIGHT - self.y - 5.5 - SIZE - k * (SIZE + 2)
                self.c.drawCentredString(x + width / 2, y, text)
                if value and self.overprint:  # bold as word processors make it: twice, shifted
                    self.c.drawCentredString(x + width / 2 + 0.3, y, text)
            x += width
        self.y += height

    def finish(self) -> None:
        self.c.setFont(CJK, SIZE)
        self.c.drawCentredString(WIDTH / 2, 40, f"- {self.page} -")
        self.c.showPage()


def _wrap(text: str, size: int) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)] or [""]


def report_pdf(
    report: Report,
    *,
    encrypt: pdfencrypt.StandardEncryption | None = None,
    value_font: str = CJK,
    scanned_page: bool = False,
    merged_review: str | None = None,
    overprint: bool = False,
) -> bytes:
    """``report`` printed as a PDF: its title, each section's heading, short prose, and
    tables 2, 3 and 4 ruled cell by cell (a table runs over page breaks as it must).
    ``scanned_page`` adds a last page without text; ``merged_review`` prints the first two
    values of table 4 as that one number in a cell as wide as two; ``overprint`` prints every
    value twice, 0.3 points apart."""
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4, encrypt=encrypt, pageCompression=0, invariant=1)
    page = _Page(c, value_font, overprint)
    page.line(report.title, indent=0)
    page.line(f"本报告的统计期限为{report.year}年1月1日至12月31日。")
    page.line(SECTIONS[0].heading)
    page.line("本年度本机关认真贯彻落实条例。")
    page.line(SECTIONS[1].heading)
    full = RIGHT - LEFT
    for grid in report.disclosure:
        spec = grid.spec
        page.row([(spec.caption, full, False)])
        label = 120.0
        width = (full - label) / len(spec.columns)
        page.row([(spec.header[0], label, False), *[(c.label, width, False) for c in spec.columns]])
        for row, values in zip(spec.rows, grid.cells, strict=True):
            page.row([(row.label, label, False), *[(_shown(v), width, True) for v in values]])
    page.line(SECTIONS[2].heading)
    requests = report.requests
    label = 200.0
    width = (full - label) / len(requests.spec.columns)
    page.row(
        [
            ("申请人情况", label, False),
            *[(c.label[:4], width, False) for c in requests.spec.columns],
        ]
    )
    groups: list[str] = []
    for row, values in zip(requests.spec.rows, requests.cells, strict=True):
        for parent in row.parents:
            if parent not in groups:
                groups.append(parent)
                page.row([(parent, label, False), *[("", width, False)] * len(values)])
        page.row([(row.label, label, False), *[(_shown(v), width, True) for v in values]])
    page.line(SECTIONS[3].heading)
    review = report.review_litigation
    width = full / 15
    page.row([(c.label[:2], width, False) for _ in review.spec.rows for c in review.spec.columns])
    cells = [(_shown(v), width, True) for values in review.cells for v in values]
    if merged_review is not None:  # the first two values printed as one number across both
        cells[:2] = [(merged_review, 2 * width, True)]
    page.row(cells)
    page.line(SECTIONS[4].heading)
    page.line("无。")
    page.line(SECTIONS[5].heading)
    page.line("本年度未收取信息处理费。")
    page.finish()
    if scanned_page:  # a last page of shapes only, as a scanned page has no text
        c.rect(100, 100, 300, 400, stroke=1, fill=1)
        c.showPage()
    c.save()
    return out.getvalue()


def _encrypted(data: bytes, user: str, algorithm: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user, owner_password="owner", algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def owner_only(report: Report, algorithm: str = "AES-128") -> bytes:
    """Encrypted (by pypdf) with an owner password only: opens with the empty user
    password."""
    return _encrypted(report_pdf(report), "", algorithm)


def user_password(report: Report) -> bytes:
    """Encrypted with a user password: cannot be opened without it."""
    return _encrypted(report_pdf(report), "secret", "AES-128")


def reportlab_encrypted(report: Report) -> bytes:
    """Encrypted by reportlab, owner password only: reportlab leaves the strings of its CID
    font's character collection unencrypted, so a reader that decrypts them (pdfminer) finds
    garbage there, and no Unicode for the font's codes."""
    return report_pdf(
        report, encrypt=pdfencrypt.StandardEncryption("", ownerPassword="owner", canCopy=0)
    )


def without_to_unicode(report: Report) -> bytes:
    """The values printed in an embedded TrueType subset whose ToUnicode map is renamed away
    (same length, so the cross-reference offsets hold)."""
    data = report_pdf(report, value_font=LATIN)
    patched, count = re.subn(rb"/ToUnicode\b", b"/ToUnicodX", data)
    assert count, "reportlab wrote no ToUnicode map to remove"
    return patched


def no_text() -> bytes:
    """Two pages of drawn shapes and no text at all, as a scan's pages have none."""
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4, pageCompression=0, invariant=1)
    for _ in range(2):
        c.rect(100, 100, 300, 400, stroke=1, fill=1)
        c.line(100, 600, 400, 700)
        c.showPage()
    c.save()
    return out.getvalue()


def bomb(size: int) -> bytes:
    """A one-page PDF whose content stream inflates to ``size`` bytes of spaces."""
    return one_page(b" " * size)


def one_page(content: bytes) -> bytes:
    """A one-page PDF drawing ``content`` (compressed), with Helvetica as its font /F1,
    written by hand."""
    import zlib

    packed = zlib.compress(content, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    return hand_written(objects)


def hand_written(objects: list[bytes]) -> bytes:
    """A PDF file of ``objects`` (numbered from 1, the first the catalogue), with its
    cross-reference table: no PDF library needed."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
