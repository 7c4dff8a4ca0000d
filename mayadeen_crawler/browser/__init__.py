"""Browser only where the site demands it: scrapy-playwright on Debian's Chromium.

``config`` turns ``MAYADEEN_BROWSER`` into scrapy-playwright settings, ``clearance``
keeps the clearance cookie and the User-Agent it is bound to, ``page`` holds what runs
inside the browser, ``middleware`` decides per request: plain HTTP or the browser.
Nothing here imports Playwright unless the browser is switched on.
"""
