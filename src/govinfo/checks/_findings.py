"""What a check finds, as values: :class:`Finding`, the cells it names (:class:`CellRef`) and,
for the rules about prose, dates and form, the :class:`Evidence` it rests on.

Kept apart from the catalogue so that the modules that apply rules other than identities
(:mod:`govinfo.checks._prose`, :mod:`govinfo.checks._form`) build findings without importing
the catalogue that imports them.
"""

from __future__ import annotations

import enum

from attrs import frozen

from govinfo.diagnostics import Severity
from govinfo.model import Cell, Number
from govinfo.sources import Source

__all__ = ["CellRef", "Evidence", "Finding", "Status"]


class Status(enum.Enum):
    """What a finding says of its rule."""

    BROKEN = "broken"
    """The report breaks the rule: its printed numbers an identity, its prose a table, its
    date a deadline."""
    NOT_ASSESSABLE = "not_assessable"
    """A blank, placeholder or unread cell takes part, so the identity can be neither met nor
    broken."""
    LOCATED = "located"
    """(culprit) One set of cells, corrected, satisfies every identity of the table."""
    AMBIGUOUS = "ambiguous"
    """(culprit) Several sets of cells would fit, or no set of one or two cells does."""


@frozen(kw_only=True)
class CellRef:
    """One cell a finding concerns: its path (as JSON and the data dictionary name it), its
    Chinese row and column labels, the value printed and, for a correction, the value that fits.
    """

    path: str
    row: str
    column: str
    printed: Cell
    expected: Number | None = None
    agency: str
    year: int


@frozen(kw_only=True)
class Evidence:
    """The words a finding rests on: where they are in the report (``path``: a paragraph such
    as ``$.overview.parts[1][0]``, or a field such as ``$.publication_date``), the sentence
    (lines of a paragraph broken by a PDF joined), the span as printed (``text``: "3",
    "一千二百", "2021年1月18日") and, when the report came from :func:`govinfo.read`, where
    that span was read (``source``: narrowed to the span itself when the paragraph was read
    from one line of text, else the paragraph's)."""

    path: str
    sentence: str
    text: str
    source: Source | None = None


@frozen(kw_only=True)
class Finding:
    """What a check found. ``expected``, ``printed`` and ``difference`` (printed − expected) are
    None when a blank, placeholder or unread cell takes part, when a correction spans several
    cells (see ``cells``) and when the rule is about no number (a date, a template).

    A finding of a rule about prose compares a number the prose states (``expected``) with the
    table's (``printed``, the sum of ``cells``); its ``evidence`` holds the sentence."""

    code: str
    severity: Severity
    status: Status
    cells: tuple[CellRef, ...]
    expected: Number | None
    printed: Number | None
    difference: Number | None
    message_zh: str
    message_en: str
    candidates: tuple[tuple[CellRef, ...], ...] = ()
    """(culprit) Every set of cells whose corrected values would fit, fewest cells first."""
    evidence: tuple[Evidence, ...] = ()
    """(rules about prose, dates and form) The words of the report the finding rests on."""

    @property
    def is_error(self) -> bool:
        """A wrong number: an error-severity identity broken, or the culprit of one."""
        return self.severity is Severity.ERROR and self.status is not Status.NOT_ASSESSABLE
