"""The Python look-ups that replace XPath scans find exactly what the XPath finds."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from mayadeen_crawler.parsers._dom import (
    ClassIndex,
    absolute_url,
    compile_xpath,
    has_class,
    joined_url,
    normalize_space,
)
from mayadeen_crawler.parsers.body import BLOCK_TAGS, _Exclusions, _related_headings, iter_blocks

PAGE = (
    "<html><body><article class='a'><div class=' p-content\tx '>"
    "<p class='p-content-like'>1</p><span class='x\u00a0p-content'>2</span>"
    "<li class='source source'>3</li><b class='\nsource\r'>4</b><!-- c --><i class=''>5</i>"
    "<h2>  Related\n<!-- c --><b>NEWS</b> </h2><h5>Related <b>x</b></h5><h3>related  news</h3><h4>Related News!</h4>"
    "</div></article></body></html>"
)


def _root() -> etree._Element:
    return etree.fromstring(PAGE, etree.HTMLParser())


def test_class_index_matches_has_class_xpath() -> None:
    article = _root().find(".//article")
    index = ClassIndex(article)
    for name in ("p-content", "source", "x", "a", "p-content-like", "missing"):
        assert index.find(name) == compile_xpath(f".//*[{has_class(name)}]")(article), name
    assert index.find("source", "li") == compile_xpath(f".//li[{has_class('source')}]")(article)
    container = index.find("p-content")[0]
    assert index.find_under("source", container) == compile_xpath(f".//*[{has_class('source')}]")(container)
    assert index.find_under("p-content", container) == []


def test_normalize_space_is_xpaths() -> None:
    for heading in _root().iter("h2", "h3", "h4"):
        text = "".join(heading.itertext())
        assert normalize_space(text) == compile_xpath("normalize-space(.)")(heading)
    assert normalize_space("\u00a0a \t\n b\r ") == "\u00a0a b"


def test_related_headings_match_the_contract_xpath() -> None:
    article = _root().find(".//article")
    xpath = compile_xpath(
        ".//*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6]"
        "[translate(normalize-space(.), 'RELATEDNWS', 'relatednws') = 'related news']"
    )
    found = _related_headings(article)
    assert found == xpath(article)
    assert [heading.tag for heading in found] == ["h2", "h3"]


URL_PARTS = st.sampled_from(
    ["http://", "https://", "HTTP://", "//", "h", "example.org", ":80", ":x", "/", "?", "#", "?#", ";", "@",
     "[", "]", "[::1]", "..", "./", "/.", "a b", "\t", "\n", "\x00", "é", "%20", "&", "=", "\\"]
)  # fmt: skip
BASES = st.sampled_from(
    ["http://127.0.0.1:8000/a/b", "https://english.almayadeen.net/news/x", "", "http://[::1", "ftp://x/y",
     "http://h/é", "HTTP://H/x", "http:///x", "https://u@h:1/a/"]
)  # fmt: skip


@settings(max_examples=1000, deadline=None, database=None)
@given(base=BASES, start=st.sampled_from(["http://", "https://", "http://h", " https://h.test", "/", "/a", "//"]),
       rest=st.lists(URL_PARTS, max_size=8))  # fmt: skip
def test_absolute_url_fast_path_agrees_with_urljoin(base: str, start: str, rest: list[str]) -> None:
    href = start + "".join(rest)
    assert absolute_url(base, href) == joined_url(base, href.strip())


def _walked_blocks(container: etree._Element, skip: Any) -> list[etree._Element]:
    """The former block walk: every element visited, excluded and block subtrees skipped."""
    found = []
    walker = etree.iterwalk(container, events=("start",))
    for _, element in walker:
        if element is container:
            continue
        if not isinstance(element.tag, str) or skip(element):
            walker.skip_subtree()
        elif element.tag in BLOCK_TAGS:
            found.append(element)
            walker.skip_subtree()
    return found


def test_block_scan_matches_the_walk() -> None:
    page = (
        "<html><body><article><div class='p-content'><p>1</p><div><p>2<span><p>x</p></span></p>"
        "<h2>3</h2></div><!-- c --><div class='related-news'><h3>Related</h3><p>no</p></div>"
        "<figure><p>no</p></figure><section><div><h4>4</h4><h3>Related News</h3><a href='/a'>a</a></div>"
        "</section><h5><b><p>nested</p></b></h5><aside><p>no</p></aside><p class='share'>no</p><h6>5</h6>"
        "</div></article></body></html>"
    )
    article = etree.fromstring(page, etree.HTMLParser()).find(".//article")
    classes = ClassIndex(article)
    container = classes.find("p-content")[0]
    skip = _Exclusions(container, classes)
    assert list(iter_blocks(container, skip)) == _walked_blocks(container, skip)
    assert [block.text for block in iter_blocks(container, skip)][:3] == ["1", "2", "3"]
