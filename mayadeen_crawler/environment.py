"""Settings that come from the process environment (deployments such as scrapyd)."""

from __future__ import annotations

import os
from pathlib import Path


def directory_from_env(name: str, default: str) -> str:
    """The absolute directory named by environment variable ``name``, else ``default`` unchanged.

    A scrapyd job runs in scrapyd's working directory, so a relative directory would
    put each deployment's files somewhere else: the variable must hold an absolute path
    (``~`` is expanded).

    >>> directory_from_env("MAYADEEN_TEST_UNSET_VARIABLE", "output")
    'output'
    """
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    path = Path(value).expanduser()
    if not path.is_absolute():
        raise ValueError(f"{name} must be an absolute path, got {value!r}")
    return str(path)
