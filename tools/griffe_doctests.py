"""A Griffe extension for the API reference: docstrings written for the doctests and for reST
readers render as Markdown.

- A doctest (lines from ``>>>`` to the next blank line) becomes a fenced ``pycon`` block, so
  that its output is shown as code, not read as Markdown (``[('a', 1)]`` is no link).
- A role (:func:`govinfo.read`, :class:`~govinfo.Report`) becomes inline code.

mkdocs.yml loads it (``extensions`` of the python handler); nothing at run time imports it.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_ROLE = re.compile(r":(?:func|class|meth|mod|data|attr|exc|obj|const):`~?([^`]+)`")


def markdown(text: str) -> str:
    """``text`` with its doctests fenced and its roles made inline code.

    >>> print(markdown("Read it, :func:`~a.b`:\\n\\n>>> b()\\n[1]\\n\\nDone."))
    Read it, `a.b`:
    <BLANKLINE>
    ```pycon
    >>> b()
    [1]
    ```
    <BLANKLINE>
    Done.
    """
    out: list[str] = []
    fenced = False
    for line in _ROLE.sub(r"`\1`", text).splitlines():
        if not fenced and line.lstrip().startswith(">>>"):
            indent = line[: len(line) - len(line.lstrip())]
            out.append(f"{indent}```pycon")
            fenced = True
        elif fenced and not line.strip():
            out.append(f"{indent}```")
            fenced = False
        out.append(line)
    if fenced:
        out.append(f"{indent}```")
    return "\n".join(out)


class DoctestFences(griffe.Extension):
    """Rewrites every docstring with :func:`markdown` as Griffe loads it."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = markdown(obj.docstring.value)
