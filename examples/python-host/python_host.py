#!/usr/bin/env python3
"""python-host: an ERP host in Python's standard library (ctypes, http.server)
that loads libjodo.so: the shape an ERPNext or Odoo app would take
(docs/python-hosts.md).

  python_host.py --plugin FILE [--set KEY=VALUE]... action NAME RECORD
  python_host.py --plugin FILE [--set KEY=VALUE]... --webhook-port PORT \\
                 --sandbox-url URL round-trip RECORD

round-trip: collect RECORD, serve the plugin's HTTP routes on 127.0.0.1:PORT,
have the Jodo sandbox take the payment (it then sends its signed webhook to
that route), wait for the webhook to be accepted, and refresh RECORD.
"""
import argparse
import signal
import sys
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from erp_plugin_host import Plugin, Refused


def serve_routes(plugin, port, accepted):
    """http.server in front of the plugin's routes; `accepted` is set once a
    request was answered with a 2xx."""
    routes = plugin.http_routes()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            if not any(self.path.startswith(r) for r in routes):
                self.send_error(404)
                return
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            status, content_type, answer = plugin.handle_http(
                "POST", self.path, self.client_address[0], self.headers.items(), body)
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)
            if 200 <= status < 300:
                accepted.set()

        def log_message(self, fmt, *args):
            print("http: " + fmt % args, file=sys.stderr)

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def show(plugin, action, record):
    status, message, outputs = plugin.run_action(action, "invoice", record)
    print("%s %s: %s%s" % (action, record, status, " - " + message if message else ""))
    for key, value in outputs.items():
        print("  %s = %s" % (key, value))
    return status, outputs


def round_trip(plugin, args):
    status, outputs = show(plugin, "collect", args.record)
    if status != "ok":
        return 1
    accepted = threading.Event()
    server = serve_routes(plugin, args.webhook_port, accepted)
    try:
        pay = "%s/_sandbox/orders/%s/pay" % (args.sandbox_url, outputs["order_id"])
        urllib.request.urlopen(urllib.request.Request(pay, data=b"", method="POST")).read()
        if not accepted.wait(30):
            print("no webhook was accepted within 30 s", file=sys.stderr)
            return 1
        print("webhook accepted")
        for _ in range(50):  # Jodo may still be settling the payment
            status, outputs = show(plugin, "refresh", args.record)
            if status == "ok" and outputs.get("status") == "paid":
                return 0
            time.sleep(0.2)
        return 1
    finally:
        server.shutdown()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE")
    parser.add_argument("--webhook-port", type=int, default=0)
    parser.add_argument("--sandbox-url", default="")
    parser.add_argument("command", choices=["action", "round-trip"])
    parser.add_argument("words", nargs="+")
    args = parser.parse_args()
    settings = dict(pair.split("=", 1) for pair in args.set)
    # A reset TLS peer must cost the plugin an error, not end the host.
    signal.signal(signal.SIGPIPE, signal.SIG_IGN)
    try:
        plugin = Plugin.load(args.plugin, settings, log=lambda line: print(line, file=sys.stderr))
    except Refused as e:
        print("python-host: %s refused: %s" % (args.plugin, e), file=sys.stderr)
        return 2
    print("loaded %s %s (%s), interface %s" % (plugin.id, plugin.version, plugin.name,
                                               plugin.interface))
    try:
        status, message = plugin.start()
        if status != "ok":
            print("start failed (%s): %s" % (status, message), file=sys.stderr)
            return 1
        if args.command == "action":
            return 0 if show(plugin, args.words[0], args.words[1])[0] == "ok" else 1
        args.record = args.words[0]
        return round_trip(plugin, args)
    finally:
        plugin.stop()  # also after a failed start: the plugin releases what it took
        plugin.close()


if __name__ == "__main__":
    sys.exit(main())
