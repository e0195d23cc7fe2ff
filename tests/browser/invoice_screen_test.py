#!/usr/bin/env python3
"""The accountant's and the payer's day in real Chromium (Debian's chromium,
chromium-driver, python3-selenium): the sandbox and `host-sim serve` on free
127.0.0.1 ports with a SQLite reference ERP; open the invoice screen, click
Collect, pay on the checkout, return to the ERP page and see paid, settle and
see the UTR per line; among 250 generated sample invoices, find one by search,
filter a class and page through the list; the review queue's page; create a
payment link, copy it and check its WhatsApp and email links, back out of
cancelling it; see a plain error; collect a class in bulk after confirming its
count and total, and read what was done. A screenshot of each step goes to
ARTIFACTS/NN-step.png.

usage: invoice_screen_test.py BIN_DIR ARTIFACTS_DIR
Exit 0 = passed, 77 = skipped (no Chromium and JODO_REQUIRE_BROWSER unset), else failed.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

from browser_rig import free_port, wait_for_port

SKIP = 77
INVOICE = "INV-2026-0001"


def chromium_binaries():
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver") or (
        "/usr/bin/chromedriver" if os.path.exists("/usr/bin/chromedriver") else None)
    return browser, driver


def main():
    bin_dir, artifacts = sys.argv[1], sys.argv[2]
    browser, driver_path = chromium_binaries()
    try:
        import selenium  # noqa: F401
        have_selenium = True
    except ImportError:
        have_selenium = False
    if not (browser and driver_path and have_selenium):
        why = "chromium, chromium-driver or python3-selenium is not installed"
        if os.environ.get("JODO_REQUIRE_BROWSER"):
            print(f"FAILED: {why} (JODO_REQUIRE_BROWSER is set)")
            return 1
        print(f"SKIPPED: {why}; apt-get install chromium chromium-driver python3-selenium")
        return SKIP

    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait

    os.makedirs(artifacts, exist_ok=True)
    for old in os.listdir(artifacts):
        if old.endswith(".png"):
            os.remove(os.path.join(artifacts, old))
    work = tempfile.mkdtemp(prefix="jodo-browser-")
    host_port, sandbox_port = free_port(), free_port()
    secret = "browser-test-secret"
    config = os.path.join(work, "host.ini")
    with open(config, "w") as f:
        f.write(f"""[host]
database = Driver=SQLite3;Database={work}/erp.db;Timeout=10000;
http_port = {host_port}
log_file = {work}/host-sim.log
school_name = Green Valley School
[jodo]
base_url = http://127.0.0.1:{sandbox_port}
api_key = sandbox_key
api_secret = sandbox_secret
callback_url = http://127.0.0.1:{host_port}/erp/payment-return
webhook.secret = {secret}
""")
    processes = []
    driver = None
    step = [0]
    try:
        sandbox = subprocess.Popen(
            [os.path.join(bin_dir, "jodo-sandbox"), "--port", str(sandbox_port),
             "--merchant", "Green Valley School",
             "--webhook-url", f"http://127.0.0.1:{host_port}/webhooks/jodo",
             "--webhook-secret", secret],
            stdout=open(os.path.join(work, "sandbox.log"), "w"), stderr=subprocess.STDOUT)
        processes.append(sandbox)
        wait_for_port(sandbox_port, sandbox, "jodo-sandbox")
        host_sim = os.path.join(bin_dir, "host-sim")
        subprocess.run([host_sim, "init", "--config", config, "--sample", "--invoices", "250"],
                       check=True)
        serve = subprocess.Popen([host_sim, "serve", "--config", config],
                                 stdout=open(os.path.join(work, "serve.log"), "w"),
                                 stderr=subprocess.STDOUT)
        processes.append(serve)
        wait_for_port(host_port, serve, "host-sim serve")

        options = webdriver.ChromeOptions()
        options.binary_location = browser
        for arg in ("--no-sandbox", "--headless=new", "--disable-gpu",
                    "--disable-dev-shm-usage", "--window-size=1280,1000"):
            options.add_argument(arg)
        driver = webdriver.Chrome(service=Service(driver_path), options=options)
        driver.set_page_load_timeout(30)
        # A wait that reads an element while the page is being replaced (a
        # form just submitted) looks again instead of failing.
        wait = WebDriverWait(driver, 20, ignored_exceptions=(NoSuchElementException,
                                                             StaleElementReferenceException))

        def shot(name):
            step[0] += 1
            path = os.path.join(artifacts, f"{step[0]:02d}-{name}.png")
            driver.save_screenshot(path)
            print(f"screenshot {path}")

        def text(element_id):
            return driver.find_element(By.ID, element_id).text

        def expect(condition, what):
            if not condition:
                raise AssertionError(what)

        base = f"http://127.0.0.1:{host_port}"
        driver.get(base + "/")
        wait.until(lambda d: d.find_elements(By.ID, "invoices"))
        expect("Anita Sharma" in text("invoices"), "the list shows the payer")
        expect("Rohan Sharma" in text("invoices"), "the list shows the student")
        expect(text("result-count") == "254 invoices", "the count: " + text("result-count"))
        expect(text("page-info") == "Page 1 of 6", "pages: " + text("page-info"))
        expect(len(driver.find_elements(By.CSS_SELECTOR, "#invoices tr[data-invoice]")) == 50,
               "50 a page")
        shot("invoice-list")

        driver.find_element(By.ID, "next-page").click()
        wait.until(lambda d: text("page-info") == "Page 2 of 6")
        Select(driver.find_element(By.ID, "grade")).select_by_visible_text("Grade 9")
        driver.find_element(By.ID, "search-button").click()
        wait.until(lambda d: "grade=Grade" in d.current_url)
        classes = [c.text for c in driver.find_elements(
            By.CSS_SELECTOR, "#invoices tr[data-invoice] td:nth-child(2)")]
        expect(classes and all(c.endswith("(Grade 9)") for c in classes),
               f"only Grade 9: {classes}")
        shot("filtered-grade")
        driver.find_element(By.ID, "clear-search").click()
        driver.find_element(By.ID, "q").send_keys("inv-2026-0001")
        driver.find_element(By.ID, "search-button").click()
        wait.until(lambda d: text("result-count") == "1 invoice")
        rows = driver.find_elements(By.CSS_SELECTOR, "#invoices tr[data-invoice]")
        expect([r.get_attribute("data-invoice") for r in rows] == [INVOICE], "found by search")
        expect("\u20b9" in text("invoices"), "amounts in rupees")
        shot("found-by-search")

        driver.find_element(By.ID, "nav-review").click()
        wait.until(lambda d: d.find_elements(By.ID, "review") or
                   d.find_elements(By.ID, "review-empty"))
        shot("review-queue")
        driver.find_element(By.ID, "nav-invoices").click()
        wait.until(lambda d: d.find_elements(By.ID, "invoices"))

        driver.find_element(By.LINK_TEXT, INVOICE).click()
        wait.until(lambda d: d.find_elements(By.ID, "action-collect"))
        expect(text("invoice-id") == INVOICE, "the invoice page")
        expect(text("amount-due") == "\u20b950,200.50", "amount due " + text("amount-due"))
        fees = [c.text for c in driver.find_elements(By.CSS_SELECTOR, "#lines td.fee")]
        expect(fees == ["Tuition fee", "School bus", "Science laboratory fee"],
               f"the ERP's fee names: {fees}")
        expect(not driver.find_elements(By.ID, "action-cancel_link"), "nothing to cancel yet")
        expect(not driver.find_elements(By.ID, "action-release_unknown"), "nothing to release")
        shot("invoice-before-collect")

        driver.find_element(By.ID, "action-collect").click()
        wait.until(lambda d: d.current_url.startswith(f"http://127.0.0.1:{sandbox_port}/p/"))
        body = driver.find_element(By.TAG_NAME, "body").text
        expect(driver.find_element(By.CLASS_NAME, "merchant").text == "Green Valley School",
               "checkout names the school")
        expect(driver.find_element(By.CLASS_NAME, "invoice").text == INVOICE,
               "checkout names the invoice")
        expect(driver.find_element(By.CLASS_NAME, "student").text == "Rohan Sharma",
               "checkout names the student")
        for line in ("TUITION_FEE", "TRANSPORT_FEE", "LAB_FEE"):
            expect(line in body, f"checkout shows line {line}")
        expect(driver.find_element(By.CLASS_NAME, "total").text == "\u20b950200.50",
               "checkout total " + driver.find_element(By.CLASS_NAME, "total").text)
        shot("checkout")

        driver.find_element(By.ID, "pay").click()
        wait.until(lambda d: d.current_url.startswith(base + "/erp/payment-return"))
        # The webhook may still be on its way: the page reloads until paid.
        WebDriverWait(driver, 30).until(
            lambda d: d.find_elements(By.ID, "status") and
            d.find_element(By.ID, "status").text == "paid")
        # Internal ids sit in a closed <details>: read them without opening it.
        def hidden_text(element_id):
            return driver.find_element(By.ID, element_id).get_attribute("textContent")

        expect(hidden_text("transaction-id") != "", "a transaction id")
        expect(text("paid-at") != "", "paid at")
        shot("returned-paid")

        order_id = hidden_text("order-id")
        request = urllib.request.Request(
            f"http://127.0.0.1:{sandbox_port}/_sandbox/orders/{order_id}/settle", method="POST",
            data=b"")
        with urllib.request.urlopen(request, timeout=10) as answer:
            utrs = json.load(answer)["utrs"]
        expect(len(utrs) == 3, f"one UTR per line: {utrs}")
        deadline = time.time() + 30
        while time.time() < deadline:
            driver.get(base + "/erp/invoice?id=" + INVOICE)
            if text("status") == "settled":
                break
            time.sleep(0.5)
        expect(text("status") == "settled", "settled after the settlement webhook")
        shown = [c.text for c in driver.find_elements(By.CSS_SELECTOR, "#lines td.utr")]
        expect(shown == utrs, f"UTR per line: {shown} != {utrs}")
        shot("settled")

        driver.get(base + "/erp/invoices")
        expect("settled" in text("invoices"), "the list shows settled")
        expect(not driver.find_elements(By.ID, "bulk-grade"), "no bulk form on the list")

        # A payment link for the parent: copied, and by WhatsApp or email.
        driver.get(base + "/erp/invoice?id=INV-2026-0004")
        send = driver.find_element(By.ID, "action-send_link")
        expect(send.text == "Create payment link to share", "button says what it does: " + send.text)
        send.click()
        wait.until(lambda d: d.find_elements(By.ID, "payment-link"))
        link = driver.find_element(By.ID, "payment-link").get_attribute("value")
        expect(link.startswith(f"http://127.0.0.1:{sandbox_port}/"), "the link: " + link)
        driver.find_element(By.ID, "copy-link").click()
        wait.until(lambda d: d.find_element(By.ID, "copy-status").text == "Copied")
        whatsapp = driver.find_element(By.ID, "share-whatsapp").get_attribute("href")
        expect(whatsapp.startswith("https://wa.me/919123456780?text="), "wa.me: " + whatsapp)
        for part in ("Green%20Valley%20School", "Kabir%20Mehta", "%E2%82%B9750.00",
                     "valid%20until"):
            expect(part in whatsapp, f"{part} in {whatsapp}")
        email = driver.find_element(By.ID, "share-email").get_attribute("href")
        expect(email.startswith("mailto:arjun.mehta@example.com?subject="), "mailto: " + email)
        shot("payment-link-to-share")
        driver.find_element(By.ID, "action-cancel_link").click()
        wait.until(lambda d: d.find_elements(By.ID, "confirm-action"))
        expect(text("consequence") != "", "the confirmation says what happens")
        shot("confirm-cancel")
        driver.find_element(By.ID, "cancel-confirm").click()
        wait.until(lambda d: d.find_elements(By.ID, "payment-link"))
        expect(driver.find_element(By.ID, "payment-link").get_attribute("value") == link,
               "backing out leaves the link")

        # An invoice Jodo cannot take: a plain sentence, no code.
        driver.get(base + "/erp/invoice?id=INV-2026-0003")
        driver.find_element(By.ID, "action-collect").click()
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "div.error[role=alert]"))
        alert = driver.find_element(By.CSS_SELECTOR, "div.error[role=alert]").text
        expect("Correct the invoice" in alert and "invalid_input" not in alert, "alert: " + alert)
        shot("plain-error")

        # Bulk: a class, its count and total first, then what was done.
        driver.get(base + "/erp/bulk")
        Select(driver.find_element(By.ID, "bulk-grade")).select_by_visible_text("Grade 9")
        driver.find_element(By.ID, "bulk-preview").click()
        wait.until(lambda d: d.find_elements(By.ID, "bulk-confirm"))
        expect(text("bulk-confirm") == "Collect 1 open invoice of Grade 9, \u20b925,000.00?",
               "preview: " + text("bulk-confirm"))
        shot("bulk-preview")
        driver.find_element(By.ID, "bulk-confirm-button").click()
        wait.until(lambda d: d.find_elements(By.ID, "bulk-results"))
        results = text("bulk-results")
        expect("1 payment request created" in results, "bulk results: " + results)
        expect("INV-2026-0002" in results, "bulk results name the invoice: " + results)
        driver.find_element(By.LINK_TEXT, "INV-2026-0002")
        shot("bulk-finished")
        print("PASSED")
        return 0
    except Exception as e:  # a failed step: keep what the browser saw
        print(f"FAILED: {type(e).__name__}: {e}")
        if driver is not None:
            try:
                driver.save_screenshot(os.path.join(artifacts, "failure.png"))
                print("page at failure:", driver.current_url)
                print(driver.find_element(By.TAG_NAME, "body").text[:2000])
            except Exception:
                pass
        for log in ("serve.log", "sandbox.log"):
            path = os.path.join(work, log)
            if os.path.exists(path):
                print(f"--- {log}\n" + open(path).read()[-3000:])
        return 1
    finally:
        if driver is not None:
            driver.quit()
        for p in processes:
            p.terminate()
        for p in processes:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
