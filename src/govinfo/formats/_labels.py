"""Label matching, once for every format: folding, the label index of a grid, and matching
a label that cells spell, whole or broken.

A label may be broken by spaces or line breaks ("社会公益 组织", "三、本年度办 理结果"): it is one
or more consecutive cells whose folded texts join to a label of the template (or one of its
aliases, :data:`govinfo.template.LABEL_ALIASES`). Every cell carries its folded *key*
(:func:`fold`), so （一）/(一), "1." / "1、" / "1. ", full-width digits and spaces inside labels
compare equal.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

from govinfo.template import LABEL_ALIASES, GridSpec
from govinfo.zh._chars import normalize

if TYPE_CHECKING:
    from govinfo.formats._document import Cell

__all__ = [
    "FOLDED",
    "FOLD_CACHED",
    "FOLD_REMEMBERED",
    "GROUP",
    "ROW",
    "STOP",
    "Index",
    "Target",
    "edits",
    "fold",
    "fold_short",
    "fold_text",
    "fragments",
    "header_keys",
    "label_index",
    "label_keys",
    "match",
    "match_split",
    "without_group_pieces",
]

_HAS_DIGIT: Final = re.compile(r"[0-9]")

# What folding removes or unifies beyond the shared character table (govinfo.zh._chars): spaces
# inside labels, and the three ways of writing double quotes.
_FOLD: Final = str.maketrans(
    {" ": None, "\t": None, "\xa0": None, "\u3000": None, "“": '"', "”": '"', "＂": '"'}
)
_ARABIC_COMMA: Final = re.compile(r"([0-9]+)、")


FOLD_CACHED: Final = 200
"""Texts up to this length are folded once and remembered (labels and values repeat across
reports); longer ones are folded every time, so a huge cell never stays in memory."""


def fold(text: str) -> str:
    """``text`` folded for comparing labels: one form of punctuation and digits, no spaces.

    >>> fold("1、申请人 无正当理由") == fold("1. 申请人无正当理由") == "1.申请人无正当理由"
    True
    >>> fold("（三）不予公开"), fold("危及“三安全一稳定”")
    ('(三)不予公开', '危及"三安全一稳定"')
    """
    return fold_short(text)


def fold_text(text: str) -> str:
    """:func:`fold`, remembering nothing."""
    key = normalize(text).translate(_FOLD)
    if key[:1].isdigit() and "、" in key:  # "1、" is the same enumerator as "1."
        key = _ARABIC_COMMA.sub(r"\1.", key, count=1)
    return key


FOLDED: Final[dict[str, str]] = {}
"""The folded texts remembered: at most :data:`FOLD_REMEMBERED` of them, each of at most
:data:`FOLD_CACHED` characters (a plain dict: a lookup costs one call, and cells repeat)."""
FOLD_REMEMBERED: Final = 8192


def fold_short(text: str) -> str:
    """``fold`` of a text, remembered if it is short and there is room."""
    key = FOLDED.get(text)
    if key is None:
        key = fold_text(text)
        if len(text) <= FOLD_CACHED and len(FOLDED) < FOLD_REMEMBERED:
            FOLDED[text] = key
    return key


# --- labels -----------------------------------------------------------------------------------

ROW, GROUP, STOP = 0, 1, 2


class Target:
    __slots__ = ("index", "key", "kind", "label")

    def __init__(self, key: str, kind: int, index: int, label: str) -> None:
        self.key, self.kind, self.index, self.label = key, kind, index, label


Index = dict[str, list[Target]]


def _keys(label: str) -> list[str]:
    return [fold(label), *(fold(a) for a in LABEL_ALIASES.get(label, ()))]


def _add(index: Index, target: Target) -> None:
    index.setdefault(target.key[0], []).append(target)


_INDEXES: dict[tuple[int, str], tuple[GridSpec, Index]] = {}


def label_index(spec: GridSpec, stop: str = "") -> Index:
    """Row labels, group labels and the ``stop`` label of a grid, by first folded character."""
    cached = _INDEXES.get((id(spec), stop))
    if cached is not None and cached[0] is spec:
        return cached[1]
    index: Index = {}
    groups: list[str] = []
    for i, row in enumerate(spec.rows):
        for key in _keys(row.label):
            _add(index, Target(key, ROW, i, row.label))
        groups.extend(p for p in row.parents if p not in groups)
    for i, group in enumerate(groups):
        for key in _keys(group):
            _add(index, Target(key, GROUP, i, group))
    if stop:
        _add(index, Target(fold(stop), STOP, 0, stop))
    _INDEXES[(id(spec), stop)] = (spec, index)
    return index


def label_keys(spec: GridSpec) -> list[str]:
    """The folded row and group labels of a grid, with their aliases."""
    return [t.key for targets in label_index(spec).values() for t in targets]


def edits(a: str, b: str, bound: int) -> int:
    """How many edits (a character added, dropped or changed: Levenshtein) turn ``a`` into
    ``b``, counted up to ``bound + 1`` (a band of the table: the cost is the length times the
    bound, not the square of the length)."""
    if abs(len(a) - len(b)) > bound:
        return bound + 1
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i] + [bound + 1] * len(b)
        for j in range(max(1, i - bound), min(len(b), i + bound) + 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != b[j - 1]))
        if min(current) > bound:
            return bound + 1
        previous = current
    return min(previous[len(b)], bound + 1)


def match(cells: Sequence[Cell], i: int, end: int, index: Index) -> tuple[Target, int] | None:
    """The longest label that cells ``i``… spell, and the index of the cell after it."""
    key = cells[i].key
    if not key:
        return None
    best: tuple[Target, int] | None = None
    for target in index.get(key[0], ()):
        label = target.key
        if not label.startswith(key):
            continue
        size, j = len(key), i + 1
        while size < len(label) and j < end:
            more = cells[j].key
            if not more or not label.startswith(more, size):
                break
            size += len(more)
            j += 1
        if size == len(label) and (best is None or j > best[1]):
            best = (target, j)
    return best


def match_split(
    cells: Sequence[Cell], i: int, end: int, index: Index, most: int
) -> tuple[Target, int, list[Cell]] | None:
    """Like :func:`match`, but a label may also be broken around a run of values, as PDF
    extractors print a vertically centred row ("（二）部分公开（…只计这一情" / "447 7 … 454" /
    "形，不计其他情形）"): the label, the index after it, and the values inside it, at most
    ``most`` of them (a row's values: looking further would cost the square of the table)."""
    key = cells[i].key
    if not key:
        return None
    best: tuple[Target, int, list[Cell]] | None = None
    for target in index.get(key[0], ()):
        label = target.key
        if not label.startswith(key):
            continue
        size, j = len(key), i + 1
        inner: list[Cell] = []
        while size < len(label) and j < end:
            more = cells[j].key
            if more and _HAS_DIGIT.search(more):
                k = j
                stop = min(end, j + most)
                while k < stop and cells[k].key and _HAS_DIGIT.search(cells[k].key):
                    k += 1
                if k < end and cells[k].key and label.startswith(cells[k].key, size):
                    inner.extend(cells[j:k])
                    j = k
                    continue
            if not more or not label.startswith(more, size):
                break
            size += len(more)
            j += 1
        if size == len(label) and (best is None or j > best[1]):
            best = (target, j, inner)
    return best


def without_group_pieces(spec: GridSpec, cells: list[Cell], index: Index) -> list[Cell]:
    """``cells`` without the pieces of group labels that PDF extractors scatter among the rows
    the groups head ("三、" "本" "年" … one per line, "（三）不" … "予公开"): for each group label
    in reading order, the first cells after the first row label that spell it in order."""
    end = len(cells)
    first = next(
        (i for i in range(end) if (m := match(cells, i, end, index)) and m[0].kind == ROW), end
    )
    groups = dict.fromkeys(p for row in spec.rows for p in row.parents)
    dropped: set[int] = set()
    for group in groups:
        key, size, taken = fold(group), 0, []
        for j in range(first, end):
            piece = cells[j].key
            if j in dropped or not piece or _HAS_DIGIT.search(piece):
                continue
            if key.startswith(piece, size):
                taken.append(j)
                size += len(piece)
                if size == len(key):
                    dropped.update(taken)
                    break
    return [c for j, c in enumerate(cells) if j not in dropped]


_FRAGMENT_CACHE: dict[int, tuple[GridSpec, frozenset[str]]] = {}


def fragments(spec: GridSpec) -> frozenset[str]:
    """Every non-empty piece of a header cell of ``spec`` (folded): what extractors split
    header cells into ("总 计", "结果 / 维持")."""
    cached = _FRAGMENT_CACHE.get(id(spec))
    if cached is not None and cached[0] is spec:
        return cached[1]
    keys = {fold(h) for h in spec.header}
    keys |= {fold(a) for h in spec.header for a in LABEL_ALIASES.get(h, ())}
    pieces = frozenset(
        k[i:j] for k in keys for i in range(len(k)) for j in range(i + 1, len(k) + 1)
    )
    _FRAGMENT_CACHE[id(spec)] = (spec, pieces)
    return pieces


_HEADERS: dict[int, tuple[GridSpec, frozenset[str]]] = {}


def header_keys(spec: GridSpec) -> frozenset[str]:
    """The folded header labels of a grid, with their aliases."""
    cached = _HEADERS.get(id(spec))
    if cached is not None and cached[0] is spec:
        return cached[1]
    keys = frozenset(k for h in spec.header for k in _keys(h))
    _HEADERS[id(spec)] = (spec, keys)
    return keys
