#!/usr/bin/env python3
"""The baseline of issue 10: what a careful integrator's sequential script gets.

Python 3 standard library only. For each invoice it builds the Create Pay
Order body, POSTs it with Basic auth on a fresh connection (urllib opens one
per request), reads and parses the JSON answer and takes data.order_id. One
request at a time, no threads. A non-200 answer, a connection error or an
answer without an order id counts as a failure.

Prints one line: creates=N failures=F seconds=S

The API secret comes from the environment variable JODO_BENCH_API_SECRET (so it
never shows in ps); --api-secret exists for manual runs only. Only
http://127.0.0.1 is accepted.
"""

import argparse
import base64
import json
import os
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

    creates = failures = 0
    start = time.monotonic()
    while creates + failures < options.max and time.monotonic() - start < options.seconds:
        body = order_body("12845.67")  # built per invoice, as a script would
        if create_one(opener, url, authorization, body) is None:
            failures += 1
        else:
            creates += 1
    seconds = time.monotonic() - start
    print("creates=%d failures=%d seconds=%.3f" % (creates, failures, seconds), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
