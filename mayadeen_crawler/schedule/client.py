"""A small client of scrapyd's JSON API (``listjobs.json``, ``schedule.json``) with basic auth.

The credentials come from the environment, ``SCRAPYD_USERNAME`` and ``SCRAPYD_PASSWORD``
(the variables scrapyd itself reads), never from the command line. Every failure is one
``ScrapydError`` with a message a person can act on.
"""

from __future__ import annotations

import base64
import json
import os
import urllib.error
import urllib.parse
import urllib.request
from typing import Any


class ScrapydError(Exception):
    """scrapyd could not be asked, or said no."""


class ScrapydUnreachable(ScrapydError):
    """No answer (refused, timed out, DNS): may work at the next try."""


class ScrapydAuthError(ScrapydError):
    """HTTP 401: missing or wrong credentials; retrying will not help."""


def credentials_from_env() -> tuple[str, str] | None:
    """``(username, password)`` from ``SCRAPYD_USERNAME`` / ``SCRAPYD_PASSWORD``, or None."""
    username, password = os.environ.get("SCRAPYD_USERNAME", ""), os.environ.get("SCRAPYD_PASSWORD", "")
    return (username, password) if username and password else None


class ScrapydClient:
    """``ScrapydClient("http://127.0.0.1:6800", credentials_from_env())``."""

    def __init__(self, url: str, credentials: tuple[str, str] | None, timeout: float = 30) -> None:
        self.url = url.rstrip("/") + "/"
        self.credentials = credentials
        self.timeout = timeout

    def list_jobs(self, project: str) -> dict[str, list[dict[str, Any]]]:
        """``{"pending": [...], "running": [...], "finished": [...]}`` of one project."""
        answer = self._call("GET", "listjobs.json", [("project", project)])
        return {state: list(answer.get(state, [])) for state in ("pending", "running", "finished")}

    def schedule(self, project: str, spider: str, settings: dict[str, str], args: dict[str, str]) -> str:
        """Queue one job; returns its job id."""
        fields = [("project", project), ("spider", spider)]
        fields += [("setting", f"{name}={value}") for name, value in settings.items()]
        fields += list(args.items())
        return str(self._call("POST", "schedule.json", fields)["jobid"])

    def _call(self, method: str, endpoint: str, fields: list[tuple[str, str]]) -> dict[str, Any]:
        query = urllib.parse.urlencode(fields)
        url = self.url + endpoint + (f"?{query}" if method == "GET" else "")
        data = query.encode() if method == "POST" else None
        request = urllib.request.Request(url, data=data, method=method)
        if self.credentials is not None:
            token = base64.b64encode(":".join(self.credentials).encode()).decode()
            request.add_header("Authorization", f"Basic {token}")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                answer: dict[str, Any] = json.load(response)
        except urllib.error.HTTPError as error:
            error.close()
            raise self._http_error(error.code, endpoint) from None
        except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
            reason = getattr(error, "reason", error)
            raise ScrapydUnreachable(f"scrapyd at {self.url} is unreachable: {reason}") from None
        except json.JSONDecodeError:
            raise ScrapydError(f"scrapyd at {self.url} answered {endpoint} with something not JSON") from None
        if answer.get("status") != "ok":
            raise ScrapydError(f"scrapyd refused {endpoint}: {answer.get('message', answer)}")
        return answer

    def _http_error(self, status: int, endpoint: str) -> ScrapydError:
        if status == 401:
            how = "wrong" if self.credentials else "no"
            return ScrapydAuthError(
                f"scrapyd at {self.url} answered 401 Unauthorized ({how} credentials): "
                "set SCRAPYD_USERNAME and SCRAPYD_PASSWORD to the values scrapyd runs with"
            )
        return ScrapydError(f"scrapyd at {self.url} answered HTTP {status} to {endpoint}")
