#!/usr/bin/env python3
"""The baseline of issue 10: what a careful integrator's sequential script gets.

Python 3 standard library only. For each invoice it builds the Create Pay
Order body, POSTs it with Basic auth on a fresh connection (urllib opens one
per request), reads and parses the JSON answer and takes data.order_id. One
request at a time, no threads. A non-200 answer, a connection error or an
answer without an order id counts as a failure.

With --durable-db FILE it also does what any connector that must not charge
twice does around each create, in an SQLite file (Python's sqlite3 with its
defaults: rollback journal, synchronous=FULL, as the connector's SQLite ERP
in the bench): the invoice is read, the intent is committed before the
request and the outcome (order id, invoice marked requested) after it.
Setting up the invoices is not timed.

Prints one line: creates=N failures=F seconds=S

The API secret comes from the environment variable JODO_BENCH_API_SECRET (so it
never shows in ps); --api-secret exists for manual runs only. Only
http://127.0.0.1 is accepted.
"""

import argparse
import base64
import json
import os
import sqlite3
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

ORDERS_PATH = "/api/v1/integrations/pay/orders"
SECRET_VARIABLE = "JODO_BENCH_API_SECRET"


def order_body(rupees):
    # The same fields the C++ loop sends (order_body in bench/JodoLoad.cpp).
    return json.dumps(
        {
            "name": "Bench Payer",
            "phone": "9876543210",
            "email": "payer@example.com",
            "details": [{"component_type": "Tuition Fee", "amount": rupees}],
        }
    ).encode("utf-8")


def local_base_url(text):
    url = urllib.parse.urlsplit(text)
    if url.scheme != "http" or url.hostname != "127.0.0.1":
        raise ValueError(
            "--base-url must be http://127.0.0.1:PORT (this script only talks to "
            "the local sandbox), not %r" % text
        )
    return "http://127.0.0.1:%d" % (url.port or 80)


def create_one(opener, url, authorization, body):
    """The order id, or None on any failure."""
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={
            "Authorization": authorization,
            "Content-Type": "application/json",
            "Accept": "application/json",
        },
    )
    try:
        with opener.open(request, timeout=30) as response:
            if response.status != 200:
                return None
            answer = json.loads(response.read().decode("utf-8"))
    except (urllib.error.URLError, OSError, ValueError):
        return None  # HTTPError (non-2xx) is a URLError
    data = answer.get("data") if isinstance(answer, dict) else None
    order_id = data.get("order_id") if isinstance(data, dict) else None
    return order_id if isinstance(order_id, str) and order_id else None


class DurableLedger:
    """Invoices and their collections in an SQLite file; every write commits."""

    def __init__(self, path, invoices):
        for suffix in ("", "-journal", "-wal", "-shm"):
            if os.path.exists(path + suffix):
                os.remove(path + suffix)
        self.db = sqlite3.connect(path, isolation_level=None)  # explicit BEGIN/COMMIT
        self.db.execute(
            "CREATE TABLE invoices (invoice_id TEXT PRIMARY KEY, amount TEXT NOT NULL,"
            " status TEXT NOT NULL)"
        )
        self.db.execute("CREATE INDEX invoices_open ON invoices (status, invoice_id)")
        self.db.execute(
            "CREATE TABLE collections (invoice_id TEXT PRIMARY KEY, status TEXT NOT NULL,"
            " order_id TEXT)"
        )
        with self.db:
            self.db.executemany(
                "INSERT INTO invoices VALUES (?, '12845.67', 'open')",
                (("INV-%07d" % n,) for n in range(invoices)),
            )

    def next_open(self):
        return self.db.execute(
            "SELECT invoice_id, amount FROM invoices WHERE status = 'open'"
            " ORDER BY invoice_id LIMIT 1"
        ).fetchone()

    def intent(self, invoice_id):
        self.db.execute("BEGIN")
        self.db.execute(
            "INSERT INTO collections VALUES (?, 'creating', NULL)", (invoice_id,)
        )
        self.db.execute("UPDATE invoices SET status = 'collecting' WHERE invoice_id = ?",
                        (invoice_id,))
        self.db.execute("COMMIT")

    def outcome(self, invoice_id, order_id):
        self.db.execute("BEGIN")
        self.db.execute(
            "UPDATE collections SET status = ?, order_id = ? WHERE invoice_id = ?",
            ("unpaid" if order_id else "unknown", order_id, invoice_id),
        )
        self.db.execute(
            "UPDATE invoices SET status = ? WHERE invoice_id = ?",
            ("requested" if order_id else "check", invoice_id),
        )
        self.db.execute("COMMIT")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", required=True, help="http://127.0.0.1:PORT")
    parser.add_argument("--api-key", required=True)
    parser.add_argument(
        "--api-secret",
        help="visible in ps: prefer the environment variable " + SECRET_VARIABLE,
    )
    parser.add_argument("--seconds", type=float, default=3.0, help="stop after this long")
    parser.add_argument("--max", type=int, default=100000, help="stop after this many requests")
    parser.add_argument(
        "--durable-db",
        help="an SQLite file (replaced): commit each create's intent before it and its outcome after",
    )
    options = parser.parse_args()

    try:
        base_url = local_base_url(options.base_url)
    except ValueError as e:
        parser.error(str(e))
    secret = options.api_secret or os.environ.get(SECRET_VARIABLE)
    if not secret:
        parser.error("no API secret: set " + SECRET_VARIABLE)
    if options.seconds <= 0 or options.max < 1:
        parser.error("--seconds must be > 0 and --max >= 1")

    credentials = base64.b64encode(("%s:%s" % (options.api_key, secret)).encode("utf-8"))
    authorization = "Basic " + credentials.decode("ascii")
    # No proxy: the sandbox is local whatever http_proxy says.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    url = base_url + ORDERS_PATH

    ledger = DurableLedger(options.durable_db, options.max) if options.durable_db else None
    creates = failures = 0
    start = time.monotonic()
    while creates + failures < options.max and time.monotonic() - start < options.seconds:
        amount = "12845.67"
        if ledger:
            invoice_id, amount = ledger.next_open()
            ledger.intent(invoice_id)
        body = order_body(amount)  # built per invoice, as a script would
        order_id = create_one(opener, url, authorization, body)
        if ledger:
            ledger.outcome(invoice_id, order_id)
        if order_id is None:
            failures += 1
        else:
            creates += 1
    seconds = time.monotonic() - start
    print("creates=%d failures=%d seconds=%.3f" % (creates, failures, seconds), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
