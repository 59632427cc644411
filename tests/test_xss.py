"""Hostile input: markup, script URLs, RTL overrides and a 10 MB line are shown as text, never executed.

Static checks (always run): the CSP forbids inline script, the page has no inline script, handler or
style attribute, and the page's script never turns data into HTML. Browser checks (headless Chromium):
the hostile document and event are rendered literally and no dialog ever opens.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from test_api_support import HOSTILE, NoPipeline, TestClient, hostile_report, submit_body

from eventcoder.api.app import STATIC_DIR, create_app
from eventcoder.api.auth import KeyStore
from eventcoder.stages.store import Store

OWN_JS = [STATIC_DIR / "app.js"]


def test_csp_forbids_inline_script(tmp_path: Path) -> None:
    with Store(tmp_path / "x.duckdb") as store:
        c = TestClient(create_app(store, pipeline=NoPipeline()))
        for path in ("/", "/api/openapi.json", "/static/app.css", "/missing"):
            csp = c.get(path).headers["content-security-policy"]
            directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
            assert directives["script-src"] == "'self'"
            assert directives["object-src"] == "'none'" and directives["base-uri"] == "'none'"
            assert "unsafe" not in csp and "*" not in csp and "data:" not in directives["script-src"]


class _Audit(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {k for k, _ in attrs}
        if tag == "script" and "src" not in names:
            self.problems.append("inline <script>")
        for k, v in attrs:
            if k.startswith("on"):
                self.problems.append(f"handler attribute {k}")
            if k == "style":
                self.problems.append("style attribute")
            if k in ("href", "src") and v and v.strip().lower().startswith("javascript:"):
                self.problems.append("javascript: URL")


def test_page_has_no_inline_script_or_handlers() -> None:
    audit = _Audit()
    audit.feed((STATIC_DIR / "index.html").read_text(encoding="utf-8"))
    assert audit.problems == []


@pytest.mark.parametrize("path", OWN_JS, ids=lambda p: p.name)
def test_page_script_never_builds_html_from_strings(path: Path) -> None:
    code = path.read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function",
                 "setAttribute(\"on", "bindPopup(", "setContent(", ".html("):
        assert sink not in code, f"{path.name} uses {sink}"
    # the only href the page sets is to a blob URL it made itself
    assert re.findall(r"\.href\s*=\s*([^;]+);", code) == ["URL.createObjectURL(b)"]


def test_api_answers_json_not_html(tmp_path: Path) -> None:
    with Store(tmp_path / "x.duckdb") as store:
        key = KeyStore(store.con).create("analyst")[1]
        c = TestClient(create_app(store, pipeline=NoPipeline()))
        r = c.post("/api/documents", headers={"X-API-Key": key}, json=submit_body(hostile_report()))
        ev = r.json()["events"][0]
        got = c.get(f"/api/events/{ev}", headers={"X-API-Key": key})
        assert got.headers["content-type"] == "application/json"
        assert got.headers["x-content-type-options"] == "nosniff"
        assert got.json()["documents"][0]["text"] == HOSTILE  # stored and returned byte for byte
        missing = c.get("/api/events/<script>alert(1)</script>", headers={"X-API-Key": key})
        assert missing.status_code == 404 and missing.headers["content-type"] == "application/json"


# -- in the browser ---------------------------------------------------------------------------------


@pytest.mark.browser
def test_hostile_document_is_shown_as_text_in_the_browser(tmp_path: Path) -> None:
    import test_browser as tb  # skips this test's module-level requirements the same way

    if not (tb.CHROMIUM and tb.DRIVER):
        pytest.skip("headless Chromium missing: apt-get install -y chromium chromium-driver")
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    store = Store(tmp_path / "hostile.duckdb")
    key = KeyStore(store.con).create("analyst")[1]
    big = 10 * 1024 * 1024
    with tb.Server(store) as srv:
        import httpx

        r = httpx.post(srv.url + "/api/documents", headers={"X-API-Key": key},
                       json=submit_body(hostile_report(big_line=big)), timeout=60)
        assert r.status_code == 201, r.text
        # a place correction's reason quotes the old place, here markup: the page shows geo_reason (session 10)
        ev_id = r.json()["events"][0]
        kept = httpx.get(f"{srv.url}/api/events/{ev_id}", headers={"X-API-Key": key}, timeout=60).json()["event"]
        r = httpx.patch(f"{srv.url}/api/events/{ev_id}", headers={"X-API-Key": key}, timeout=60,
                        json={"latitude": 33.43, "evidence": kept["evidence"]})
        assert "(was: \u202eRamadi\u202c <img src=x onerror=alert('xss-loc')>, Iraq" in r.json()["geo_reason"], r.text
        drv = tb.make_driver()
        try:
            drv.get(srv.url + "/")
            wait = WebDriverWait(drv, 30)
            drv.find_element(By.ID, "apikey").send_keys(key)
            drv.find_element(By.CSS_SELECTOR, "#keyform button").click()
            wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#events tbody tr")) == 1)
            row = drv.find_elements(By.CSS_SELECTOR, "#events tbody tr")[0]
            assert "<script>alert('xss-actor')</script>" in [td.get_attribute("title") for td in
                                                              row.find_elements(By.TAG_NAME, "td")]
            row.click()
            wait.until(lambda d: d.find_element(By.ID, "detail").is_displayed())
            wait.until(lambda d: d.find_element(By.ID, "source-window").is_displayed())
            total = len(HOSTILE) + 1 + big
            assert f"of {total:,} shown" in drv.find_element(By.ID, "source-range").text
            info: dict[str, Any] = drv.execute_script("""
                var pre = document.getElementById('source-text');
                return {
                  text: pre.textContent.slice(0, 400),
                  length: pre.textContent.length,
                  elements: Array.from(pre.querySelectorAll('*')).map(function (e) { return e.tagName; }),
                  scripts: document.scripts.length,
                  imgs: document.querySelectorAll('img:not(.leaflet-marker-icon):not(.leaflet-tile)').length,
                  iframes: document.querySelectorAll('iframe, svg [onload], a[href^="javascript"]').length,
                  location: document.getElementById('field-location').value,
                  actor1: document.getElementById('field-actor1').value,
                  notes: document.getElementById('field-notes').value,
                  reason: document.getElementById('d-geo-reason').textContent,
                  docs: document.getElementById('docs').textContent,
                  fired: window.__xss || null
                };""")
            assert info["text"].startswith(HOSTILE[:300])
            assert info["length"] == 200_000  # a window of the 10 MB document; the rest is paged
            assert set(info["elements"]) <= {"MARK"}, info["elements"]
            assert info["scripts"] == 3  # leaflet, topojson-client, app.js
            assert info["imgs"] == 0 and info["iframes"] == 0
            assert info["location"] == "\u202eRamadi\u202c <img src=x onerror=alert('xss-loc')>"
            assert info["actor1"] == "<script>alert('xss-actor')</script>"
            assert info["notes"] == "<iframe src=javascript:alert(2)></iframe>"
            assert "(was: \u202eRamadi\u202c <img src=x onerror=alert('xss-loc')>, Iraq" in info["reason"]
            assert "javascript:alert('xss-doc-url')" in info["docs"] and "<svg onload=alert(1)>" in info["docs"]
            assert "\u202e" in info["text"]
            marks = drv.find_elements(By.CSS_SELECTOR, "#source-text mark")
            assert {m.get_attribute("data-fields") for m in marks} == {"location", "actor1", "killed"}
            drv.find_element(By.ID, "source-next").click()  # page into the 10 MB line itself
            wait.until(lambda d: "characters 200,000" in d.find_element(By.ID, "source-range").text)
            tail = drv.execute_script("var p = document.getElementById('source-text');"
                                      "return [p.textContent.length, p.children.length, p.textContent.slice(0, 5)];")
            assert tail == [200_000, 0, "AAAAA"]
            tb.no_dialog(drv)
            errors = [e for e in drv.get_log("browser") if e["level"] == "SEVERE"]
            assert not errors, errors
        finally:
            drv.quit()
    store.close()
