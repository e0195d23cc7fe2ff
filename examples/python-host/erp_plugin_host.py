"""Hosting an ERP plugin (interface 2.x, plugin-api/include/erp_plugin/erp_plugin.h)
from Python's standard library alone: ctypes mirrors the C structs, and this
module turns them into Python values. An ERPNext or Odoo app would import it
(docs/python-hosts.md).

    plugin = Plugin.load("/usr/lib/erp-host/plugins/libjodo.so", settings)
    plugin.start()
    status, message, outputs = plugin.run_action("collect", "invoice", "INV-1")
    plugin.stop(); plugin.close()

Ownership, as erp_plugin.h spells it: what the host passes in is Python's and
only borrowed by the plugin for the call; every block the plugin returns is
freed with the plugin's own release() right after it was copied out; text the
plugin asks for is written into the plugin's buffer (the snprintf rule).
"""
import ctypes
import threading
import time
from ctypes import (CFUNCTYPE, POINTER, Structure, c_int32, c_int64, c_size_t,
                    c_uint32, c_uint64, c_void_p)

API_MAJOR = 2
API_MINOR = 0
ENTRY_SYMBOL = "erp_plugin_entry"
STATUS_NAMES = ["ok", "invalid_input", "rejected", "unavailable", "outcome_unknown",
                "not_found", "unsupported", "config", "internal"]


class ErpStr(Structure):
    _fields_ = [("data", c_void_p), ("size", c_size_t)]


class ErpField(Structure):
    _fields_ = [("key", ErpStr), ("value", ErpStr)]


class ErpStatus(Structure):
    _fields_ = [("code", c_int32), ("message", ErpStr)]


class ErpActionRequest(Structure):
    _fields_ = [("struct_size", c_uint32), ("action", ErpStr), ("record_type", ErpStr),
                ("record_id", ErpStr), ("parameters", POINTER(ErpField)),
                ("parameter_count", c_size_t)]


class ErpHttpRequest(Structure):
    _fields_ = [("struct_size", c_uint32), ("method", ErpStr), ("path", ErpStr),
                ("source_address", ErpStr), ("headers", POINTER(ErpField)),
                ("header_count", c_size_t), ("body", ErpStr)]


class ErpActionResult(Structure):
    _fields_ = [("struct_size", c_uint32), ("status", ErpStatus),
                ("outputs", POINTER(ErpField)), ("output_count", c_size_t)]


class ErpHttpResponse(Structure):
    _fields_ = [("struct_size", c_uint32), ("status", c_int32), ("content_type", ErpStr),
                ("body", ErpStr)]


class ErpStrList(Structure):
    _fields_ = [("items", POINTER(ErpStr)), ("count", c_size_t)]


class ErpJobProgress(Structure):
    _fields_ = [("struct_size", c_uint32), ("action", ErpStr), ("job", ErpStr),
                ("done", c_uint64), ("total", c_uint64), ("counts", POINTER(ErpField)),
                ("count_count", c_size_t), ("finished", c_int32)]


LOG = CFUNCTYPE(None, c_void_p, c_int32, ErpStr)
SETTING = CFUNCTYPE(c_size_t, c_void_p, ErpStr, ErpStr, c_void_p, c_size_t)
NOW = CFUNCTYPE(c_int64, c_void_p)
DATABASE = CFUNCTYPE(c_size_t, c_void_p, c_void_p, c_size_t)
KEYS = CFUNCTYPE(c_size_t, c_void_p, ErpStr, c_void_p, c_size_t)
PROGRESS = CFUNCTYPE(None, c_void_p, POINTER(ErpJobProgress))


class ErpHostTable(Structure):
    _fields_ = [("struct_size", c_uint32), ("api_major", c_uint32), ("api_minor", c_uint32),
                ("reserved", c_uint32), ("context", c_void_p), ("log", LOG),
                ("setting", SETTING), ("now_unix_millis", NOW),
                ("database_connection_string", DATABASE), ("setting_keys", KEYS),
                ("report_progress", PROGRESS)]


class ErpTableHeader(Structure):
    """The four fields every major keeps: read before anything else."""
    _fields_ = [("struct_size", c_uint32), ("api_major", c_uint32), ("api_minor", c_uint32),
                ("reserved", c_uint32)]


class ErpPluginTable(Structure):
    pass


TABLE = POINTER(ErpPluginTable)
ErpPluginTable._fields_ = [
    ("struct_size", c_uint32), ("api_major", c_uint32), ("api_minor", c_uint32),
    ("reserved", c_uint32), ("instance", c_void_p), ("failure", ErpStr), ("id", ErpStr),
    ("name", ErpStr), ("version", ErpStr),
    ("destroy", CFUNCTYPE(None, TABLE)),
    ("release", CFUNCTYPE(None, TABLE, c_void_p)),
    ("start", CFUNCTYPE(POINTER(ErpStatus), TABLE)),
    ("stop", CFUNCTYPE(None, TABLE)),
    ("actions", CFUNCTYPE(c_void_p, TABLE)),
    ("run_action", CFUNCTYPE(POINTER(ErpActionResult), TABLE, POINTER(ErpActionRequest))),
    ("http_routes", CFUNCTYPE(POINTER(ErpStrList), TABLE)),
    ("handle_http", CFUNCTYPE(POINTER(ErpHttpResponse), TABLE, POINTER(ErpHttpRequest))),
    ("settings", CFUNCTYPE(c_void_p, TABLE)),
    ("setting_prefixes", CFUNCTYPE(POINTER(ErpStrList), TABLE)),
]


def text(s):
    """An ErpStr as bytes (copied)."""
    return ctypes.string_at(s.data, s.size) if s.data and s.size else b""


class _In:
    """Builds ErpStr/ErpField arrays from Python values, keeping the bytes
    alive for as long as this object lives (the duration of one call)."""

    def __init__(self):
        self._keep = []

    def str(self, value):
        data = value if isinstance(value, bytes) else str(value).encode("utf-8")
        buffer = ctypes.create_string_buffer(data, len(data) or 1)
        self._keep.append(buffer)
        return ErpStr(ctypes.cast(buffer, c_void_p), len(data))

    def fields(self, pairs):
        array = (ErpField * max(len(pairs), 1))()
        for i, (key, value) in enumerate(pairs):
            array[i] = ErpField(self.str(key), self.str(value))
        self._keep.append(array)
        return array, len(pairs)


def _answer(data, out, capacity):
    """erp_plugin.h's snprintf rule: copy when it fits, always return the size."""
    if out and len(data) <= capacity and data:
        ctypes.memmove(out, data, len(data))
    return len(data)


class Refused(Exception):
    """The plugin file was not loaded; the text says why in one sentence."""


class Plugin:
    """One loaded plugin. Settings is a dict of str to str (keys like "jodo.api_key");
    "host.database" is also the ERP's ODBC connection string."""

    def __init__(self, library, table, host_table, callbacks):
        self._library, self._table, self._host, self._callbacks = (
            library, table, host_table, callbacks)
        t = table.contents
        self.id, self.name, self.version = (text(t.id).decode(), text(t.name).decode(),
                                            text(t.version).decode())
        self.interface = "%d.%d" % (t.api_major, t.api_minor)

    @classmethod
    def load(cls, path, settings, log=None, progress=None):
        settings = dict(settings)
        lock = threading.Lock()

        def on_log(_context, level, message):
            names = ["debug", "info", "warn", "error"]
            line = "[%s] %s" % (names[level] if 0 <= level < 4 else "info",
                                text(message).decode("utf-8", "replace"))
            with lock:
                (log or print)(line)

        def on_setting(_context, key, fallback, out, capacity):
            value = settings.get(text(key).decode())
            return _answer(text(fallback) if value is None else value.encode(), out, capacity)

        def on_keys(_context, prefix, out, capacity):
            p = text(prefix).decode()
            joined = b"".join(k.encode() + b"\0" for k in sorted(settings) if k.startswith(p))
            return _answer(joined, out, capacity)

        def on_progress(_context, p):
            if progress:
                progress(text(p.contents.action).decode(), p.contents.done, p.contents.total,
                         bool(p.contents.finished))

        callbacks = [LOG(on_log), SETTING(on_setting), NOW(lambda _c: int(time.time() * 1000)),
                     DATABASE(lambda _c, out, cap: _answer(
                         settings.get("host.database", "").encode(), out, cap)),
                     KEYS(on_keys), PROGRESS(on_progress)]
        host = ErpHostTable(ctypes.sizeof(ErpHostTable), API_MAJOR, API_MINOR, 0, None,
                            *callbacks)
        try:
            library = ctypes.CDLL(str(path), mode=ctypes.RTLD_LOCAL)
        except OSError as e:
            raise Refused("not a loadable shared library (%s)" % e) from None
        try:
            entry = getattr(library, ENTRY_SYMBOL)
        except AttributeError:
            raise Refused("not an ERP plugin: it does not export " + ENTRY_SYMBOL) from None
        entry.restype, entry.argtypes = c_void_p, [POINTER(ErpHostTable)]
        address = entry(ctypes.byref(host))
        if not address:
            raise Refused("its entry point returned no table")
        header = ErpTableHeader.from_address(address)
        if header.api_major != API_MAJOR:
            raise Refused("it was built for interface %d.%d, this host has %d.%d" % (
                header.api_major, header.api_minor, API_MAJOR, API_MINOR))
        if header.struct_size < ctypes.sizeof(ErpPluginTable):
            raise Refused("its table is smaller than interface 2.0 defines")
        table = ctypes.cast(address, TABLE)
        if table.contents.failure.size:
            why = text(table.contents.failure).decode("utf-8", "replace")
            table.contents.destroy(table)
            raise Refused("factory returned no plugin: " + why)
        return cls(library, table, host, callbacks)

    def _call(self, name, *args):
        t = self._table.contents
        return getattr(t, name)(self._table, *args)

    def _release(self, block):
        self._table.contents.release(self._table, ctypes.cast(block, c_void_p))

    def start(self):
        status = self._call("start")
        if not status:
            return "internal", "the plugin returned no answer"
        try:
            code = status.contents.code
            return (STATUS_NAMES[code] if 0 <= code < len(STATUS_NAMES) else "internal",
                    text(status.contents.message).decode())
        finally:
            self._release(status)

    def stop(self):
        self._call("stop")

    def run_action(self, action, record_type, record_id, parameters=()):
        keep = _In()
        fields, count = keep.fields(list(parameters))
        request = ErpActionRequest(ctypes.sizeof(ErpActionRequest), keep.str(action),
                                   keep.str(record_type), keep.str(record_id), fields, count)
        result = self._call("run_action", ctypes.byref(request))
        if not result:
            return "internal", "the plugin returned no answer", {}
        try:
            r = result.contents
            code = r.status.code
            outputs = {text(r.outputs[i].key).decode(): text(r.outputs[i].value).decode()
                       for i in range(r.output_count)}
            return (STATUS_NAMES[code] if 0 <= code < len(STATUS_NAMES) else "internal",
                    text(r.status.message).decode(), outputs)
        finally:
            self._release(result)

    def http_routes(self):
        routes = self._call("http_routes")
        if not routes:
            return []
        try:
            return [text(routes.contents.items[i]).decode() for i in range(routes.contents.count)]
        finally:
            self._release(routes)

    def handle_http(self, method, path, source_address, headers, body):
        keep = _In()
        fields, count = keep.fields(list(headers))
        request = ErpHttpRequest(ctypes.sizeof(ErpHttpRequest), keep.str(method), keep.str(path),
                                 keep.str(source_address), fields, count, keep.str(body))
        response = self._call("handle_http", ctypes.byref(request))
        if not response:
            return 500, "text/plain", b"the plugin returned no answer"
        try:
            r = response.contents
            return r.status, text(r.content_type).decode(), text(r.body)
        finally:
            self._release(response)

    def close(self):
        """Destroys the plugin; call stop() first. The library stays mapped
        (ctypes never unloads), which is safe: nothing of it runs any more."""
        if self._table is not None:
            self._table.contents.destroy(self._table)
            self._table = None
