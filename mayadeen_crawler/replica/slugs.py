"""The site's slug rule, plus the author-page slug.

Title lower-cased, every character that is not ASCII alphanumeric becomes one
``-`` (no collapsing), cut at 60 characters, trailing ``-`` dropped. Some old
slugs kept the ``:``.
"""

from __future__ import annotations

import re
from functools import lru_cache

SLUG_LENGTH = 60
_NOT_ALNUM = re.compile(r"[^a-z0-9]")
_NOT_ALNUM_OR_COLON = re.compile(r"[^a-z0-9:]")
_DASH_RUNS = re.compile(r"-+")


def slugify(title: str, *, keep_colon: bool = False) -> str:
    """Slug of ``title`` by the site's rule.

    >>> slugify("Wave 12 of True Promise 4: enemy naval assets, fuel tankers")
    'wave-12-of-true-promise-4--enemy-naval-assets--fuel-tankers'
    >>> slugify("Gaza seized the initiative: Might vs willpower", keep_colon=True)
    'gaza-seized-the-initiative:-might-vs-willpower'
    """
    pattern = _NOT_ALNUM_OR_COLON if keep_colon else _NOT_ALNUM
    return pattern.sub("-", title.lower())[:SLUG_LENGTH].rstrip("-")


@lru_cache(maxsize=1024)
def author_slug(name: str) -> str:
    """``/authors/{first-last}`` slug of a name (runs of separators collapsed).

    >>> author_slug("Al Mayadeen English")
    'al-mayadeen-english'
    """
    return _DASH_RUNS.sub("-", _NOT_ALNUM.sub("-", name.lower())).strip("-")
