"""The name govinfo is installed by, declared once for everything that names it.

The package index's ``govinfo`` is an unrelated project (a client for a US government API) that
also installs an import package ``govinfo``; this library is distributed as :data:`NAME` and
imported as ``govinfo``. Version lookups, the extras named in error messages and the docs all
read :data:`NAME`, so that ``--version`` never reports the other project's version when both are
installed. (``pyproject.toml`` states the name too; a test holds the two equal.)

>>> extra("pdf")
'govinfo-cn[pdf]'
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Final

__all__ = ["NAME", "extra", "require", "version"]

NAME: Final = "govinfo-cn"
"""The distribution's name on the package index (``pip install govinfo-cn``)."""


def extra(name: str) -> str:
    """How ``pip install`` names the optional extra ``name`` of this distribution."""
    return f"{NAME}[{name}]"


def version() -> str:
    """The installed version of this distribution, or ``"unknown"`` when govinfo runs from a
    source tree that was never installed."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed(NAME)
    except PackageNotFoundError:
        return "unknown"


def require(module: str, extra_name: str, purpose: str) -> ModuleType:
    """``module`` imported, or a :class:`ModuleNotFoundError` that says which extra brings it:
    the core of govinfo installs no optional extra, and must not need one.

    >>> require("json", "none", "nothing").__name__
    'json'
    >>> require("not_a_module_at_all", "parquet", "writing Parquet")
    Traceback (most recent call last):
    ...
    ModuleNotFoundError: writing Parquet needs not_a_module_at_all, which the core of govinfo does not install: pip install 'govinfo-cn[parquet]'
    """  # noqa: E501
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        top = module.partition(".")[0]
        if exc.name not in (module, top):
            raise
        raise ModuleNotFoundError(
            f"{purpose} needs {top}, which the core of govinfo does not install: "
            f"pip install '{extra(extra_name)}'",
            name=top,
        ) from exc
