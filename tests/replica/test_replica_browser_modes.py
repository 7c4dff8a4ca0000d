"""Browser modes of the replica: the clearance gate, JS listings and hanging pages (no browser)."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request

import pytest

from mayadeen_crawler.replica import Corpus, ReplicaServer
from mayadeen_crawler.replica.clearance import COOKIE, ClearanceGate, fnv1a, proof
from mayadeen_crawler.replica.hang import HANG_SCRIPT
from mayadeen_crawler.replica.js_listing import API_PATH
from mayadeen_crawler.replica.modal_site import ModalSite
from mayadeen_crawler.replica.modes import Modes
from mayadeen_crawler.replica.routes import Site

UA = "Mozilla/5.0 (X11; Linux x86_64) Chrome/150.0.0.0 Safari/537.36"
_CHALLENGE = re.compile(r'var c = "([0-9]+\.[0-9a-f]+)"')


def solve(gate: ClearanceGate, user_agent: str, now: float | None = None) -> str:
    """What the challenge page's script would store, worked out in Python."""
    page = gate.challenge(user_agent, now).body.decode()
    match = _CHALLENGE.search(page)
    assert match is not None
    return f"{match[1]}.{proof(match[1])}"


def test_fnv1a_matches_the_reference_values() -> None:
    assert fnv1a("") == "811c9dc5"
    assert fnv1a("a") == "e40c292c"
    assert fnv1a("foobar") == "bf9cf968"


def test_modes_parse_and_reject() -> None:
    modes = Modes.parse("challenge, js-listing", clearance_uses=5)
    assert (modes.challenge, modes.js_listing, modes.clearance_uses) == (True, "api", 5)
    assert modes.hang_share == 0.0
    assert Modes.parse("js-listing-hidden,browser-hang", hang_share=0.1).to_dict()["hang_share"] == 0.1
    for bad in ("captcha", "js-listing,js-listing-hidden"):
        with pytest.raises(ValueError, match="js-listing|unknown"):
            Modes.parse(bad)


def test_the_gate_challenges_without_a_cookie_and_passes_a_solved_one() -> None:
    gate = ClearanceGate(seed=1)
    answer = gate.check("/news/politics", UA, "")
    assert answer is not None
    assert answer.status == 403
    assert dict(answer.headers)["cf-mitigated"] == "challenge"
    assert dict(answer.headers)["Server"] == "cloudflare"
    assert b"<title>Just a moment...</title>" in answer.body
    cookie = solve(gate, UA)
    assert gate.check("/news/politics", UA, f"other=1; {COOKIE}={cookie}") is None
    assert gate.check("/robots.txt", UA, "") is None
    assert gate.check("/_replica/truth.json", UA, "") is None


def test_the_cookie_is_bound_to_the_user_agent() -> None:
    gate = ClearanceGate(seed=1)
    cookie = solve(gate, UA)
    assert gate.check("/", UA + " changed", f"{COOKIE}={cookie}") is not None
    assert not gate.valid(cookie.rsplit(".", 1)[0] + ".00000000", UA)  # an unsolved proof
    assert not gate.valid("garbage", UA)


def test_a_cookie_stops_working_after_its_uses_or_its_lifetime() -> None:
    counted = ClearanceGate(seed=1, uses=3)
    cookie = solve(counted, UA)
    assert [counted.valid(cookie, UA) for _ in range(4)] == [True, True, True, False]
    timed = ClearanceGate(seed=1, seconds=60)
    cookie = solve(timed, UA, now=1_000_000)
    assert timed.valid(cookie, UA, now=1_000_030)
    assert not timed.valid(cookie, UA, now=1_000_061)


def _hrefs(html: str) -> list[str]:
    return re.findall(r'<div class="news-card"><a href="([^"]+)"', html)


@pytest.mark.parametrize("hidden", [False, True], ids=["api", "hidden"])
def test_js_listings_page_only_through_the_json_endpoint(corpus: Corpus, hidden: bool) -> None:
    site = ModalSite(corpus, modes=Modes.parse("js-listing-hidden" if hidden else "js-listing"))
    page = site.respond("/news/politics").body.decode()
    assert 'class="load-more"' in page
    assert '<a class="load-more"' not in page
    assert "<button" in page
    assert (API_PATH in page) is not hidden
    assert site.respond("/news/politics?page=2").status == 404
    urls = _hrefs(page)
    target: str | None = f"{API_PATH}?path=/news/politics&page=2"
    while target:
        answer = json.loads(site.respond(target).body)
        urls += [item["url"] for item in answer["items"]]
        target = answer["next"]
    assert urls == [corpus.metas[index].path for index in corpus.listings["/news/politics"]]
    assert site.respond(f"{API_PATH}?path=/nowhere&page=2").status == 404


def test_without_modes_the_modal_site_is_the_plain_site(corpus: Corpus) -> None:
    plain, modal = Site(corpus), ModalSite(corpus)
    for target in ("/", "/news/politics?page=2", corpus.metas[3].path, API_PATH):
        assert modal.respond(target) == plain.respond(target)


def test_a_share_of_articles_hangs_in_a_browser(corpus: Corpus) -> None:
    site = ModalSite(corpus, modes=Modes.parse("browser-hang", hang_share=0.1))
    hanging = [m.path for m in corpus.metas if HANG_SCRIPT.encode() in site.respond(m.path).body]
    assert 0.05 * len(corpus) < len(hanging) < 0.15 * len(corpus)
    assert HANG_SCRIPT.encode() not in site.respond("/news/politics").body


def test_the_server_applies_the_gate_over_http() -> None:
    with ReplicaServer(seed=2, articles=30, modes=Modes.parse("challenge")) as replica:
        with pytest.raises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(urllib.request.Request(f"{replica.base_url}/", headers={"User-Agent": UA}))
        caught.value.close()
        assert caught.value.code == 403
        gate = ClearanceGate(seed=2)
        headers = {"User-Agent": UA, "Cookie": f"{COOKIE}={solve(gate, UA)}"}
        with urllib.request.urlopen(urllib.request.Request(f"{replica.base_url}/", headers=headers)) as ok:
            assert ok.status == 200
        with urllib.request.urlopen(f"{replica.base_url}/_replica/info.json") as answer:
            assert json.load(answer)["modes"]["challenge"] is True
