"""The review page in headless Chromium (Debian's chromium + chromedriver, driven by selenium).

Loads the page, filters, opens an event, corrects a field in place, approves it with the keyboard,
and finds the change in the audit log and in the export. Also writes the screenshots in docs/screenshots/
when EVENTCODER_SCREENSHOTS=1. Skipped with a reason when chromium or chromedriver is missing.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from test_api_support import REPORTS, NoPipeline, free_port, hostile_report, load_reports

from eventcoder.api.app import create_app
from eventcoder.api.auth import KeyStore
from eventcoder.stages.store import Store

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
SHOTS = Path(__file__).resolve().parents[1] / "docs" / "screenshots"

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is in the dev extra")
if not (CHROMIUM and DRIVER):
    pytest.skip("headless Chromium missing: apt-get install -y chromium chromium-driver", allow_module_level=True)

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


class Server:
    def __init__(self, store: Store, **kw: Any) -> None:
        import uvicorn

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        app = create_app(store, pipeline=NoPipeline(), rate_limit=0, **kw)
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="error"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> Server:
        self.thread.start()
        deadline = time.time() + 15
        while time.time() < deadline:
            try:
                if httpx.get(self.url + "/api/health", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                time.sleep(0.05)
        raise RuntimeError("test server did not start")

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def make_driver(width: int = 1280, height: int = 800, downloads: Path | None = None) -> Any:
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                f"--window-size={width},{height}", "--force-device-scale-factor=1", "--lang=en-US"):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    if downloads is not None:
        opts.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                               "download.prompt_for_download": False})
    service = webdriver.ChromeService(executable_path=DRIVER)
    drv = webdriver.Chrome(options=opts, service=service)
    drv.set_page_load_timeout(30)
    drv.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
    if downloads is not None:
        drv.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    return drv


@pytest.fixture()
def site(tmp_path: Path) -> Iterator[dict[str, Any]]:
    store = Store(tmp_path / "browser.duckdb")
    analyst = KeyStore(store.con).create("analyst", "browser analyst")[1]
    ids = load_reports(store, [*REPORTS, hostile_report()])
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    with Server(store) as srv:
        drv = make_driver(downloads=downloads)
        try:
            yield {"url": srv.url, "driver": drv, "key": analyst, "store": store, "ids": ids,
                   "downloads": downloads}
        finally:
            drv.quit()
    store.close()


def login(drv: Any, url: str, key: str) -> WebDriverWait:
    drv.get(url + "/")
    wait = WebDriverWait(drv, 15)
    box = wait.until(EC.presence_of_element_located((By.ID, "apikey")))
    box.send_keys(key)
    drv.find_element(By.CSS_SELECTOR, "#keyform button").click()
    wait.until(lambda d: "analyst" in d.find_element(By.ID, "role").text)
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#events tbody tr")) == len(REPORTS) + 1)
    return wait


def no_dialog(drv: Any) -> None:
    from selenium.common.exceptions import NoAlertPresentException

    with pytest.raises(NoAlertPresentException):
        drv.switch_to.alert  # noqa: B018 - raises when no alert/confirm/prompt is open


def test_review_flow_filter_open_correct_approve_audit_export(site: dict[str, Any]) -> None:
    drv, url = site["driver"], site["url"]
    wait = login(drv, url, site["key"])
    # the map drew the Natural Earth outlines and one marker per located event
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#map path.leaflet-interactive")) == 5)
    assert len(drv.find_elements(By.CSS_SELECTOR, "#map .leaflet-overlay-pane path")) > 5
    assert len(drv.find_elements(By.CSS_SELECTOR, "#timeline rect.bar")) >= 2

    # filter: Somalia only
    drv.find_element(By.ID, "f-country").send_keys("Somalia")
    drv.find_element(By.ID, "apply").click()
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#events tbody tr")) == 2)
    assert "2 events" in drv.find_element(By.ID, "count").text

    # sort by killed, descending on the second click
    th = drv.find_element(By.CSS_SELECTOR, "th[data-key=killed]")
    th.click()
    th.click()
    first = drv.find_elements(By.CSS_SELECTOR, "#events tbody tr")[0]
    assert first.find_elements(By.TAG_NAME, "td")[8].text == "7"

    # open the event: source text with highlighted evidence spans, one colour per field
    first.click()
    wait.until(lambda d: d.find_element(By.ID, "detail").is_displayed())
    marks = drv.find_elements(By.CSS_SELECTOR, "#source-text mark")
    assert {m.get_attribute("data-fields") for m in marks} >= {"location", "event_date", "killed", "sub_event_type"}
    colours = {m.get_attribute("data-fields"): m.value_of_css_property("background-color") for m in marks}
    assert len(set(colours.values())) == len(colours)
    assert drv.find_element(By.CSS_SELECTOR, "mark[data-fields=killed]").text == "at least 7"
    event_id = drv.find_element(By.ID, "d-id").text

    # correct a field in place
    box = drv.find_element(By.ID, "field-killed")
    box.click()
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys("8", Keys.ENTER)
    wait.until(lambda d: "saved killed" in d.find_element(By.ID, "status").text)
    # approve with the keyboard shortcut (focus off the inputs first)
    drv.find_element(By.TAG_NAME, "h1").click()
    drv.find_element(By.TAG_NAME, "body").send_keys("a")
    wait.until(lambda d: d.find_element(By.ID, "d-status").text == "approved")
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#audit li")) == 2)
    audit_text = drv.find_element(By.ID, "audit").text
    assert "approve" in audit_text and "killed: 7 \u2192 8" in audit_text

    # j moves to the next row, r rejects it
    drv.find_element(By.TAG_NAME, "body").send_keys("j")
    wait.until(lambda d: d.find_element(By.ID, "d-id").text != event_id)
    other = drv.find_element(By.ID, "d-id").text
    drv.find_element(By.TAG_NAME, "body").send_keys("r")
    wait.until(lambda d: d.find_element(By.ID, "d-status").text == "rejected")

    # the change is in the audit log and in the export, as the server sees them
    h = {"X-API-Key": site["key"]}
    audit = httpx.get(f"{url}/api/events/{event_id}/audit", headers=h).json()
    assert [a["action"] for a in audit] == ["edit", "approve"]
    assert audit[0]["before"] == {"killed": 7} and audit[0]["after"] == {"killed": 8}
    assert httpx.get(f"{url}/api/events/{other}", headers=h).json()["event"]["review_status"] == "rejected"
    r = httpx.get(f"{url}/api/export", params={"format": "acled", "review_status": "approved"}, headers=h)
    rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert len(rows) == 1 and rows[0]["location"] == "Mogadishu" and rows[0]["fatalities"] == "8"
    # and in the file the page's own export button downloads (filtered to approved events)
    drv.find_element(By.ID, "f-status").send_keys("approved")
    drv.find_element(By.ID, "apply").click()
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#events tbody tr")) == 1)
    drv.find_element(By.ID, "export-acled").click()
    target = site["downloads"] / "events_acled.csv"
    wait.until(lambda d: target.exists() and target.stat().st_size > 0)
    time.sleep(0.2)
    got = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert len(got) == 1 and got[0]["fatalities"] == "8" and got[0]["location"] == "Mogadishu"
    no_dialog(drv)
    severe = [e for e in drv.get_log("browser") if e["level"] == "SEVERE" and "favicon" not in e["message"]]
    assert not severe, severe


def test_merge_and_split_from_the_page(site: dict[str, Any]) -> None:
    drv, url = site["driver"], site["url"]
    wait = login(drv, url, site["key"])
    drv.find_element(By.ID, "f-country").send_keys("Somalia")
    drv.find_element(By.ID, "apply").click()
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#events tbody tr")) == 2)
    rows = drv.find_elements(By.CSS_SELECTOR, "#events tbody tr")
    rows[1].find_element(By.CSS_SELECTOR, "input[type=checkbox]").click()
    rows[0].click()
    wait.until(lambda d: d.find_element(By.ID, "detail").is_displayed())
    drv.find_element(By.ID, "merge").click()
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#events tbody tr")) == 1)
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#merged li")) == 1)
    assert len(drv.find_elements(By.CSS_SELECTOR, "#docs .doc")) == 2
    drv.find_element(By.CSS_SELECTOR, "#merged li button").click()
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#events tbody tr")) == 2)
    actions = [a["action"] for a in site["store"].audit()]
    assert actions.count("merge") == 2 and actions.count("split") == 2


@pytest.mark.skipif(not os.environ.get("EVENTCODER_SCREENSHOTS"), reason="set EVENTCODER_SCREENSHOTS=1 to refresh")
def test_screenshots(site: dict[str, Any]) -> None:
    drv, url = site["driver"], site["url"]
    wait = login(drv, url, site["key"])
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#map path.leaflet-interactive")) == 5)
    time.sleep(0.5)
    SHOTS.mkdir(parents=True, exist_ok=True)
    drv.save_screenshot(str(SHOTS / "map.png"))
    drv.find_elements(By.CSS_SELECTOR, "#events tbody tr")[0].click()
    wait.until(lambda d: d.find_element(By.ID, "detail").is_displayed())
    time.sleep(0.3)
    drv.save_screenshot(str(SHOTS / "event.png"))
