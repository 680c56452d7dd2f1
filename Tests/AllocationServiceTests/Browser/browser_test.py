#!/usr/bin/env python3
"""The allocation service in real headless Chromium.

Starts `prevent serve` on a fresh register on a free loopback port, then, through the pages:
signs in as an enroller; enrols an eligible and an ineligible person; is refused a form whose
CSRF token was removed; sees the dashboard as a researcher and finds no identifier on it or in
the export, and is refused the look-up page; verifies the audit trail as an auditor. Saves a
screenshot of each main page to the folder given, and checks `prevent audit verify` afterwards.

    browser_test.py --prevent .build/debug/prevent --screenshots .build/screenshots
"""

import argparse
import os
import sys
import urllib.request

sys.dont_write_bytecode = True  # keep the test target's folder free of generated files

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service as DriverService
from selenium.webdriver.common.by import By
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.support.ui import Select, WebDriverWait

from service_process import PASSWORD, Service

ELIGIBLE = {"age": "15", "sex": "male", "risk_band": "high", "area": "north", "prior_offences": "2",
            "ocg_link": "yes", "excluded_from_school": "no", "consent": "yes"}
IDENTIFIERS = ["WM-BROWSER-0001", "WM-BROWSER-0002"]


class Check:
    def __init__(self):
        self.failures = []

    def __call__(self, condition, message):
        print(("ok     " if condition else "FAILED ") + message)
        if not condition:
            self.failures.append(message)


def browser():
    options = Options()
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1200,900",
                     "--disable-dev-shm-usage"]:
        options.add_argument(argument)
    binary = next((path for path in ["/usr/bin/chromium", "/usr/bin/chromium-browser"] if os.path.exists(path)), None)
    if binary:
        options.binary_location = binary
    driver_path = next((path for path in ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"] if os.path.exists(path)), None)
    return webdriver.Chrome(options=options, service=DriverService(driver_path) if driver_path else None)


def submit(driver, action):
    """Submits the form posting to `action` and waits for the next page to load."""
    driver.execute_script("window.previousPage = true")
    driver.find_element(By.CSS_SELECTOR, f"form[action='{action}'] button").click()
    WebDriverWait(driver, 30, ignored_exceptions=(WebDriverException,)).until(
        lambda d: d.execute_script("return window.previousPage === undefined && document.readyState === 'complete'"))


def sign_in(driver, url, name):
    driver.get(url + "/sign-in")
    driver.find_element(By.NAME, "name").send_keys(name)
    driver.find_element(By.NAME, "password").send_keys(PASSWORD)
    submit(driver, "/sign-in")


def sign_out(driver):
    submit(driver, "/sign-out")


def fill_enrolment(driver, identifier, fields):
    driver.find_element(By.NAME, "identifier").send_keys(identifier)
    for name, value in fields.items():
        element = driver.find_element(By.NAME, "field." + name)
        if element.tag_name == "select":
            Select(element).select_by_value(value)
        else:
            element.clear()
            element.send_keys(value)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
    parser.add_argument("--prevent", default=os.path.join(root, ".build", "debug", "prevent"))
    parser.add_argument("--study", default=os.path.join(root, "Studies", "jigsaw-demo", "study.yaml"))
    parser.add_argument("--screenshots", required=True, help="folder for the screenshots (created if needed)")
    arguments = parser.parse_args()
    os.makedirs(arguments.screenshots, exist_ok=True)

    def shot(name):
        driver.save_screenshot(os.path.join(arguments.screenshots, name + ".png"))

    check = Check()
    service = Service(arguments.prevent, arguments.study).start()
    driver = browser()
    try:
        url = service.url
        driver.get(url + "/enrol")
        check(driver.current_url.endswith("/sign-in"), "without a session the enrolment page sends the browser to sign in")
        shot("01-sign-in")

        sign_in(driver, url, "officer")
        check(driver.current_url.endswith("/enrol"), "an enroller signs in and lands on the enrolment form")
        shot("02-enrol-form")

        fill_enrolment(driver, IDENTIFIERS[0], ELIGIBLE)
        submit(driver, "/enrol")
        arms = driver.find_elements(By.ID, "allocated-arm")
        check(len(arms) == 1 and arms[0].text in {"control", "police", "partner", "social_media"},
              "an eligible person is allocated to an arm, shown once")
        check(bool(driver.find_elements(By.ID, "audit-reference")), "the allocation carries its audit reference")
        shot("03-allocated")

        driver.get(url + "/enrol")
        fill_enrolment(driver, IDENTIFIERS[1], dict(ELIGIBLE, age="30"))
        submit(driver, "/enrol")
        check(bool(driver.find_elements(By.ID, "not-eligible")) and "age between 10 and 25" in driver.page_source,
              "an ineligible person is not allocated and the failed rule is named")
        check(not driver.find_elements(By.ID, "allocated-arm"), "no arm is shown for an ineligible person")
        shot("04-not-eligible")

        driver.get(url + "/enrol")
        fill_enrolment(driver, "WM-BROWSER-0003", ELIGIBLE)
        driver.execute_script("document.querySelector(\"form[action='/enrol'] input[name='csrf_token']\").remove()")
        submit(driver, "/enrol")
        check("The form has expired or did not come from this service" in driver.page_source
              and not driver.find_elements(By.ID, "allocated-arm"),
              "a form without its CSRF token is refused and nothing is allocated")
        shot("05-csrf-refused")
        driver.get(url + "/enrol")
        sign_out(driver)

        sign_in(driver, url, "analyst")
        check(driver.current_url.endswith("/dashboard"), "a researcher signs in and lands on the dashboard")
        page = driver.page_source
        check("People allocated to each arm" in page, "the researcher sees the dashboard")
        check("[c]" in page and "Disclosure control" in page, "small counts are suppressed for the researcher")
        check(all(identifier not in page for identifier in IDENTIFIERS), "the dashboard shows no identifier")
        shot("06-dashboard")
        cookie = driver.get_cookie("prevent_session")["value"]
        request = urllib.request.Request(url + "/export.csv", headers={"Cookie": "prevent_session=" + cookie})
        export = urllib.request.urlopen(request).read().decode()
        check(export.startswith("id,arm,") and export.count("\n") == 2, "the researcher exports one allocation")
        check(all(identifier not in export for identifier in IDENTIFIERS), "the export holds pseudonyms, no identifier")
        driver.get(url + "/look-up")
        check("Your role does not allow this" in driver.page_source, "the researcher is refused the look-up page")
        shot("07-researcher-refused-look-up")
        sign_out(driver)

        sign_in(driver, url, "checker")
        submit(driver, "/audit")
        check(bool(driver.find_elements(By.ID, "audit-intact")), "the auditor verifies the audit trail: intact")
        shot("08-audit")
        sign_out(driver)

        sign_in(driver, url, "chief")
        check(driver.current_url.endswith("/accounts") and "officer" in driver.page_source,
              "an administrator sees the accounts")
        shot("09-accounts")
    finally:
        driver.quit()
        service.stop()
    try:
        output = service.verify_audit()
        check("Audit trail intact" in output, "`prevent audit verify` is clean afterwards")
    except RuntimeError as error:
        check(False, str(error))
    service.remove()
    print(f"screenshots in {arguments.screenshots}")
    if check.failures:
        print(f"{len(check.failures)} check(s) failed", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
