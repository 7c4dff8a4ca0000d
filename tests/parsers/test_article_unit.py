"""ArticleParser behaviour outside the fixtures: challenges, statuses, modes, encodings, skips."""

from __future__ import annotations

import dataclasses
import json
from datetime import date

import pytest
from scrapy.http import HtmlResponse

from mayadeen_crawler.cleaning import clean_article
from mayadeen_crawler.parsers.article import ArticlePage, ArticleParser
from mayadeen_crawler.site import MenuItem, SiteMenu
from tests.parsers.fixture_files import article_case

REFERENCE = "reference-europe-ukraine-rs"
URL = "https://english.almayadeen.net/news/politics/x"


def _minimal(*, head: str = "", article: str = "") -> str:
    return f"<html lang='en'><head>{head}</head><body>{article}</body></html>"


def _article(inner: str, cls: str = "article-details") -> str:
    return f"<article class='{cls}'>{inner}</article>"


def _taw(**data: object) -> str:
    return f"<script id='tawsiyat-metadata' type='text/tawsiyat'>{json.dumps(data)}</script>"


@pytest.mark.parametrize(
    ("status", "headers"),
    [
        (403, {"Server": "cloudflare"}),
        (503, {"server": "cloudflare"}),
        (403, {"cf-mitigated": "challenge"}),
        (200, {"CF-Mitigated": "challenge"}),
    ],
)
def test_challenge_by_status_and_headers(status: int, headers: dict[str, str]) -> None:
    result = ArticleParser().parse(article_case(REFERENCE).html, URL, status=status, headers=headers)
    assert (result.item, result.skip_reason) == (None, "challenge")


def test_challenge_by_title_alone() -> None:
    html = "<html><head><title>Just a moment...</title></head><body><article class='article-details'></article></body></html>"
    assert ArticleParser().parse(html, URL).skip_reason == "challenge"


def test_cloudflare_server_on_a_normal_page_is_not_a_challenge() -> None:
    case = article_case(REFERENCE)
    result = ArticleParser().parse(case.html, case.url, status=200, headers={"Server": "cloudflare"})
    assert result.item is not None


def test_error_status_is_skipped() -> None:
    assert (
        ArticleParser().parse(article_case(REFERENCE).html, URL, status=404).skip_reason == "http-status:404"
    )


def test_strict_mode_reraises_and_tolerant_mode_reports(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(self: ArticlePage) -> str:
        raise RuntimeError("boom")

    monkeypatch.setattr(ArticlePage, "title", boom)
    html = article_case(REFERENCE).html
    assert ArticleParser().parse(html, URL).skip_reason == "parse-error:RuntimeError"
    with pytest.raises(RuntimeError, match="boom"):
        ArticleParser(strict=True).parse(html, URL)


def _line(html: str | bytes, **kwargs: object) -> dict[str, object]:
    item = ArticleParser(strict=True).parse(html, article_case(REFERENCE).url, **kwargs).item  # type: ignore[arg-type]
    assert item is not None
    return dataclasses.asdict(clean_article(item))


def test_str_and_bytes_and_scrapy_selector_agree() -> None:
    case = article_case(REFERENCE)
    response = HtmlResponse(case.url, body=case.html, headers={"Content-Type": "text/html; charset=utf-8"})
    from_selector = ArticleParser(strict=True).parse_selector(response.selector, response.url).item
    assert from_selector is not None
    assert (
        _line(case.html)
        == _line(case.html.decode("utf-8"))
        == dataclasses.asdict(clean_article(from_selector))
    )


def test_windows_1252_bytes_are_decoded_by_meta_charset() -> None:
    text = (
        article_case(REFERENCE)
        .html.decode("utf-8")
        .replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
    )
    line = _line(text.encode("cp1252"))
    assert line["body"] == article_case(REFERENCE).expected["body"]


def test_content_type_charset_wins_over_a_wrong_meta() -> None:
    text = (
        article_case(REFERENCE)
        .html.decode("utf-8")
        .replace('<meta charset="utf-8">', '<meta charset="iso-8859-5">')
    )
    line = _line(text.encode("utf-16"), headers={"Content-Type": "text/html; charset=utf-16"})
    assert line["title"] == article_case(REFERENCE).expected["title"]


@pytest.mark.parametrize("html", ["", b"", "   ", b"\x00\x00", "<html/>", "plain text"])
def test_empty_input_is_not_an_article(html: str | bytes) -> None:
    assert ArticleParser(strict=True).parse(html, URL).skip_reason == "not-article:no-article-markup"


def test_tawsiyat_type_is_case_insensitive() -> None:
    html = _minimal(
        head=_taw(type="Page", title="About us"),
        article=_article("<h1>x</h1><div class='p-content'><p>y</p></div>"),
    )
    assert ArticleParser(strict=True).parse(html, URL).skip_reason == "not-article:type=page"


def test_tawsiyat_that_is_not_an_object_is_a_layer_failure() -> None:
    head = "<script id='tawsiyat-metadata' type='text/tawsiyat'>[1, 2]</script><meta property='article:published_time' content='2025-01-01T10:00:00+02:00'>"
    html = _minimal(head=head, article=_article("<h1>Title</h1><div class='p-content'><p>Body.</p></div>"))
    result = ArticleParser(strict=True).parse(html, URL)
    assert result.item is not None
    assert result.failures == ["tawsiyat:not-an-object"]


@pytest.mark.parametrize(
    ("article", "reason"),
    [
        (
            "<div class='p-content'><p>Body.</p></div><time datetime='2025-01-01T10:00:00+02:00'></time>",
            "no-title",
        ),
        (
            "<h1>Title</h1><div class='p-content'></div><time datetime='2025-01-01T10:00:00+02:00'></time>",
            "no-body",
        ),
        ("<h1>Title</h1><div class='p-content'><p>Body.</p></div>", "no-published-at"),
    ],
)
def test_missing_required_fields_are_skips(article: str, reason: str) -> None:
    assert ArticleParser(strict=True).parse(_minimal(article=_article(article)), URL).skip_reason == reason


def test_visible_date_without_year_is_the_last_resort() -> None:
    article = _article(
        "<h1>T</h1><ul><li class='date'>23 Sep 23:47</li></ul><div class='p-content'><p>B.</p></div>"
    )
    result = ArticleParser(strict=True, today=date(2025, 10, 23)).parse(_minimal(article=article), URL)
    assert result.item is not None
    assert result.item.published_at == "2025-09-23T23:47:00+03:00"
    assert result.layers["published_at"] == "dom-fallback"


def test_fallback_menu_serves_pages_without_menus() -> None:
    menu = SiteMenu(sections=(MenuItem("Nachrichten", "/news", (MenuItem("Politik", "/news/politics"),)),))
    article = _article(
        "<h1>T</h1><time datetime='2025-01-01T10:00:00+02:00'></time><div class='p-content'><p>B.</p></div>"
    )
    result = ArticleParser(strict=True, fallback_menu=menu).parse(_minimal(article=article), URL)
    assert result.item is not None
    assert (result.item.section, result.item.category, result.item.type) == (
        "Nachrichten",
        "Politik",
        "Article",
    )
    assert result.layers["menu"] == "menu-default"


def test_body_fallback_never_takes_paragraphs_outside_the_article() -> None:
    article = _article(
        "<h1>T</h1><time datetime='2025-01-01T10:00:00+02:00'></time><section><p>Short body.</p></section>"
    )
    aside = "<aside class='most-read'><div><p>" + "Most read text. " * 50 + "</p></div></aside>"
    footer = "<footer><div><p>" + "All Rights Reserved. " * 50 + "</p></div></footer>"
    result = ArticleParser(strict=True).parse(_minimal(article=article + aside + footer), URL)
    assert result.item is not None
    assert result.item.body == "Short body."


def _body_of(content: str) -> str:
    """The body of a minimal article whose ``div.p-content`` holds ``content``."""
    article = _article(
        f"<h1>T</h1><time datetime='2025-01-01T10:00:00+02:00'></time><div class='p-content'>{content}</div>"
    )
    result = ArticleParser(strict=True).parse(_minimal(article=article), URL)
    assert result.item is not None
    return result.item.body


@pytest.mark.parametrize(
    "embed",
    [
        (
            "<blockquote><p>Posted text. <a href='https://t.co/x'>pic.twitter.com/x</a></p>&mdash; Desk"
            " (@desk) <a href='https://twitter.com/desk/status/1234567?ref_src=twsrc'>March 3</a></blockquote>"
        ),
        "<blockquote class='x-embed'><p>Posted text.</p><a href='https://x.com/desk/status/99'>May 1</a></blockquote>",
        "<blockquote class='instagram-media'><p>Posted text.</p></blockquote>",
        "<blockquote><p>Posted text.</p><a href='https://www.instagram.com/p/Cx1/'>post</a></blockquote>",
    ],
)
def test_embedded_posts_are_not_body_even_without_their_class(embed: str) -> None:
    assert _body_of(f"<p>First.</p>{embed}<p>Last.</p>") == "First.\n\nLast."


def test_a_quote_that_cites_a_page_stays_in_the_body() -> None:
    quote = "<blockquote><p>We will not yield.</p><a href='https://example.org/speech'>speech</a></blockquote>"
    assert _body_of(f"<p>First.</p>{quote}") == "First.\n\nWe will not yield."
