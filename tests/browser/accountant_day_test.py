#!/usr/bin/env python3
"""The accountant's day among 10,000 invoices, in real Chromium (issue 23's
done-when): find one student's invoice by name, filter a class, collect its
open invoices after confirming the count and total, copy a payment link and
share it, and download the settlement report; on every page every amount is
in rupees with Indian grouping and no time is shown in UTC. The ERP's own
database (SQLite) is read beside the screens to know what they must say.

usage: accountant_day_test.py BIN_DIR ARTIFACTS_DIR [INVOICES]
Exit 0 = passed, 77 = skipped (no Chromium and JODO_REQUIRE_BROWSER unset), else failed.
"""
import decimal
import json
import re
import sqlite3
import sys
import time
import urllib.parse
import urllib.request

import browser_rig

RUPEES = "\u20b9"
# A decimal amount on a page: it must be rupees, grouped the Indian way.
AMOUNT = re.compile(r"(\S?)(\d[\d,]*\.\d\d)(?!\d)")
INDIAN = re.compile(r"^\d{1,2}(,\d\d)*,\d{3}\.\d\d$|^\d{1,3}\.\d\d$")
ISO_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d")


def indian_rupees(paise):
    rupees, fraction = divmod(paise, 100)
    digits = str(rupees)
    head, tail = digits[:-3], digits[-3:]
    groups = []
    while len(head) > 2:
        groups.insert(0, head[-2:])
        head = head[:-2]
    if head:
        groups.insert(0, head)
    return RUPEES + ",".join(groups + [tail]) + f".{fraction:02d}"


def paise(text):
    return int(decimal.Decimal(text.replace(",", "").replace(RUPEES, "")) * 100)


def check_formats(page_name, body):
    for sign, amount in AMOUNT.findall(body):
        if sign != RUPEES or not INDIAN.match(amount):
            raise AssertionError(f"{page_name}: amount {sign}{amount} is not in rupees with "
                                 "Indian grouping")
    if ISO_TIME.search(body):
        raise AssertionError(f"{page_name}: a machine time is shown: "
                             f"{ISO_TIME.search(body).group(0)}")


def main():
    bin_dir, artifacts = sys.argv[1], sys.argv[2]
    invoices = int(sys.argv[3]) if len(sys.argv) > 3 else 10000
    missing = browser_rig.chromium_missing()
    if missing:
        return browser_rig.skip_or_fail(missing)
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait

    rig = browser_rig.Rig(bin_dir, artifacts, host_extra="timezone = Asia/Kolkata")
    try:
        rig.start()
        started = time.time()
        rig.host_sim("init", "--sample", "--invoices", str(invoices))
        print(f"{invoices} sample invoices in {time.time() - started:.1f} s")
        rig.serve()
        erp = sqlite3.connect(rig.database, timeout=30)
        driver = rig.browser()
        wait = WebDriverWait(driver, 30)

        def body():
            return driver.find_element(By.TAG_NAME, "body").text

        def text(element_id):
            return driver.find_element(By.ID, element_id).text

        def count_in(element_id):
            return int(re.search(r"[\d,]+", text(element_id)).group(0).replace(",", ""))

        def expect(condition, what):
            if not condition:
                raise AssertionError(what)

        # The list: every invoice counted, one page of them shown.
        driver.get(rig.base + "/erp/invoices")
        wait.until(lambda d: d.find_elements(By.ID, "invoices"))
        total = erp.execute("SELECT COUNT(*) FROM erp_invoices").fetchone()[0]
        expect(count_in("result-count") == total, f"{text('result-count')} != {total}")
        rows = driver.find_elements(By.CSS_SELECTOR, "#invoices tr[data-invoice]")
        expect(0 < len(rows) <= 50, f"one page of rows, not {len(rows)}")
        check_formats("invoice list", body())
        rig.shot("list-10000")

        # One student, found by name (the name fewest invoices carry, outside
        # the class the accountant collects below).
        grade, in_grade = erp.execute(
            "SELECT p.grade, COUNT(*) FROM erp_invoices i JOIN erp_payers p USING (payer_id) "
            "GROUP BY p.grade HAVING COUNT(*) >= 20 ORDER BY COUNT(*), p.grade LIMIT 1").fetchone()
        student, invoice_id = erp.execute(
            "SELECT p.student_name, MIN(CASE WHEN i.jodo_order_id IS NULL AND p.grade <> ? "
            "AND COALESCE(i.outstanding_amount, 1) > 0 THEN i.invoice_id END) AS open_one "
            "FROM erp_invoices i JOIN erp_payers p USING (payer_id) GROUP BY p.student_name "
            "HAVING open_one IS NOT NULL ORDER BY COUNT(*), p.student_name LIMIT 1",
            (grade,)).fetchone()
        named = {row[0] for row in erp.execute(
            "SELECT i.invoice_id FROM erp_invoices i JOIN erp_payers p USING (payer_id) "
            "WHERE p.student_name LIKE ? OR p.name LIKE ?", (f"%{student}%", f"%{student}%"))}
        search = driver.find_element(By.ID, "q")
        search.clear()
        search.send_keys(student)
        search.submit()
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR,
                                             f'#invoices tr[data-invoice="{invoice_id}"]'))
        expect(count_in("result-count") == len(named),
               f"search {student!r}: {text('result-count')}, the ERP has {len(named)}")
        found = {r.get_attribute("data-invoice")
                 for r in driver.find_elements(By.CSS_SELECTOR, "#invoices tr[data-invoice]")}
        expect(found <= named, f"rows not of {student}: {found - named}")
        rig.shot("found-by-name")

        # A class, filtered.
        driver.get(rig.base + "/erp/invoices")
        Select(driver.find_element(By.ID, "grade")).select_by_visible_text(grade)
        driver.find_element(By.ID, "search").submit()
        wait.until(lambda d: str(in_grade) in d.find_element(By.ID, "result-count").text
                   .replace(",", ""))
        shown = {r.get_attribute("data-invoice")
                 for r in driver.find_elements(By.CSS_SELECTOR, "#invoices tr[data-invoice]")}
        in_class = {row[0] for row in erp.execute(
            "SELECT invoice_id FROM erp_invoices JOIN erp_payers USING (payer_id) "
            "WHERE grade = ?", (grade,))}
        expect(shown and shown <= in_class, f"rows outside {grade}: {shown - in_class}")
        check_formats("filtered list", body())
        rig.shot("class-filtered")

        # Bulk: the count and total first, then what it did.
        driver.find_element(By.ID, "nav-bulk").click()
        wait.until(lambda d: d.find_elements(By.ID, "bulk-form"))
        Select(driver.find_element(By.ID, "bulk-grade")).select_by_visible_text(grade)
        driver.find_element(By.ID, "bulk-preview").click()
        wait.until(lambda d: d.find_elements(By.ID, "bulk-confirm"))
        question = text("bulk-confirm")
        asked = re.search(r"Collect ([\d,]+) open invoices? of (.+), (\u20b9[\d,]+\.\d\d)\?",
                          question)
        expect(asked, f"the question names count, class and total: {question!r}")
        expect(asked.group(2) == grade, f"the class asked: {asked.group(2)}")
        will_collect, will_total = int(asked.group(1).replace(",", "")), asked.group(3)
        check_formats("bulk confirmation", body())
        rig.shot("bulk-confirm")
        def with_orders():
            return erp.execute(
                "SELECT i.invoice_id, i.jodo_order_id, COALESCE(i.outstanding_amount, (SELECT SUM(l.amount) "
                "FROM erp_invoice_lines l WHERE l.invoice_id = i.invoice_id)) "
                "FROM erp_invoices i JOIN erp_payers p USING (payer_id) "
                "WHERE p.grade = ? AND i.jodo_order_id IS NOT NULL", (grade,)).fetchall()
        had_orders = {(row[0], row[1]) for row in with_orders()}
        driver.find_element(By.ID, "bulk-confirm-button").click()
        WebDriverWait(driver, 300).until(lambda d: d.find_elements(By.ID, "bulk-results"))
        done = [li for li in driver.find_elements(By.CSS_SELECTOR, "#bulk-results li")
                if li.find_elements(By.TAG_NAME, "a")]
        expect(len(done) == will_collect, f"{len(done)} invoices listed, {will_collect} promised")
        # A new order, or a new one for an invoice whose old order expired.
        collected = [(row[0], row[2]) for row in with_orders() if (row[0], row[1]) not in had_orders]
        expect(len(collected) == will_collect,
               f"{len(collected)} new orders in the ERP, {will_collect} promised")
        collected_paise = sum(paise(str(amount)) for _, amount in collected)
        expect(indian_rupees(collected_paise) == will_total,
               f"collected {indian_rupees(collected_paise)}, promised {will_total}")
        check_formats("bulk results", body())
        rig.shot("bulk-done")

        # A payment link for the student found above, copied and shared.
        driver.get(rig.base + "/erp/invoice?id=" + invoice_id)
        driver.find_element(By.CSS_SELECTOR, '[data-action="send_link"]').click()
        wait.until(lambda d: d.find_elements(By.ID, "payment-link"))
        link = driver.find_element(By.ID, "payment-link").get_attribute("value")
        expect(link.startswith(rig.sandbox + "/"), f"the link is Jodo's: {link}")
        driver.execute_cdp_cmd("Browser.grantPermissions", {
            "origin": rig.base, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})
        driver.find_element(By.ID, "copy-link").click()
        wait.until(lambda d: d.find_element(By.ID, "copy-status").text == "Copied")
        whatsapp = driver.find_element(By.ID, "share-whatsapp").get_attribute("href")
        expect(re.match(r"^https://wa\.me/91\d{10}\?text=", whatsapp), f"WhatsApp: {whatsapp}")
        expect(urllib.parse.quote(link, safe="") in whatsapp or link in
               urllib.parse.unquote(whatsapp), "the WhatsApp message carries the link")
        email = driver.find_element(By.ID, "share-email").get_attribute("href")
        expect(email.startswith("mailto:"), f"email: {email}")
        check_formats("payment link", body())
        rig.shot("link-to-share")

        # Jodo settles three payments; the report lists them per day and UTR.
        paid = [invoice_id] + [row[0] for row in collected[:2]]
        utrs = []
        for invoice in paid:
            order = erp.execute("SELECT jodo_order_id FROM erp_invoices WHERE invoice_id = ?",
                                (invoice,)).fetchone()[0]
            for step in ("pay", "settle"):
                request = urllib.request.Request(
                    f"{rig.sandbox}/_sandbox/orders/{order}/{step}", method="POST", data=b"")
                with urllib.request.urlopen(request, timeout=10) as answer:
                    if step == "settle":
                        utrs += json.load(answer)["utrs"]
        deadline = time.time() + 60
        while time.time() < deadline:
            settled = erp.execute(
                "SELECT COUNT(*) FROM erp_invoice_lines WHERE settlement_utr IS NOT NULL"
            ).fetchone()[0]
            if settled == len(utrs):
                break
            time.sleep(0.5)
        expect(settled == len(utrs), f"{settled} of {len(utrs)} lines settled in the ERP")
        driver.find_element(By.ID, "nav-settlement").click()
        wait.until(lambda d: d.find_elements(By.ID, "settlement"))
        report = text("settlement")
        for utr in utrs:
            expect(utr in report, f"UTR {utr} in the report")
        settled_paise = sum(paise(str(a)) for (a,) in erp.execute(
            "SELECT amount FROM erp_invoice_lines WHERE settlement_utr IS NOT NULL"))
        expect(indian_rupees(settled_paise) in report,
               f"the total {indian_rupees(settled_paise)} in the report")
        check_formats("settlement report", body())
        rig.shot("settlement-report")
        csv_url = driver.find_element(By.ID, "settlement-csv").get_attribute("href")
        with urllib.request.urlopen(csv_url, timeout=30) as answer:
            disposition = answer.headers.get("Content-Disposition", "")
            csv_text = answer.read().decode("utf-8")
        expect("attachment" in disposition and ".csv" in disposition,
               f"a download: {disposition!r}")
        for utr in utrs:
            expect(utr in csv_text, f"UTR {utr} in the CSV")

        for page in ("/erp/review", "/erp/webhooks", "/erp/invoice?id=" + invoice_id):
            driver.get(rig.base + page)
            check_formats(page, body())
        rig.shot("invoice-after")
        print("PASSED")
        return 0
    except Exception as e:  # a failed step: keep what the browser saw
        rig.report_failure(e)
        return 1
    finally:
        rig.stop()


if __name__ == "__main__":
    sys.exit(main())
