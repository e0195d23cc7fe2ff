#!/usr/bin/env python3
"""Check the ERPNext Server Script that docs/erp-mapping.md tells administrators to install.

    python3 check_erpnext_server_script.py docs/erp-mapping.md

The script is the ```python block right after the line
`<!-- erp-script: erpnext-server-script -->`. This test (python3 standard library only):

1. parses it and checks it can run as a Frappe v15 Server Script: no import, no name or
   attribute starting with `_`, no augmented assignment to an attribute or item, no
   str.format, and every global it reads is one Frappe's safe_exec gives a Server Script;
2. binds every call of an ERPNext or Frappe API to the upstream signature recorded below
   (inspect.Signature of a stub with the same parameters): frappe.call drops a keyword the
   method lacks without an error, so a misspelt argument would otherwise go unnoticed;
3. checks the Fees path passes party_type="Student" and payment_type="Receive" (as
   Education's fees.js does), and the field names it reads and writes;
4. runs it against a stand-in of Frappe (database with commit and rollback, get_all,
   get_value, set_value, frappe.call to a get_payment_entry that behaves as ERPNext v15's
   does for these arguments, Payment Entry insert/submit with ERPNext's allocation checks):
   one Payment Entry per queued request, none on a second run, a request whose transaction
   already has a Payment Entry is skipped and marked Completed, ...;
5. proves it can fail: mutated copies of the script (a missing party_type, a misspelt
   keyword, an import) must be rejected, and a stand-in that hides the posted Payment Entry
   must make the idempotency scenario fail.

Exit 0 when everything passed; the last line is "N passed, M failed".
"""

import ast
import copy
import inspect
import json
import os
import re
import sys

# ---------------------------------------------------------------------------
# Upstream facts, recorded. Sources:
#   ERPNEXT = ERPNext v15.90.0 (__version__ "15.90.0"), file
#     erpnext/accounts/doctype/payment_entry/payment_entry.py, `get_payment_entry` (line 2871),
#     read from WOW-DIT/jld_erpnext_15.90.0 @ d450b94ccba0161ce957ec3840b1fd2cbad97832, its
#     verbatim import of the release (frappe/erpnext's version-15 branch is too large to fetch here;
#     frappe/erpnext's own copy in the search index is a 2022 v13/v14-dev file). Payment Entry
#     fields: erpnext/accounts/doctype/payment_entry/payment_entry.json and
#     payment_entry_reference.json, same release.
#   FRAPPE = frappe/frappe tag v15.41.0 = 20a7f6ba4f32c789920b8ef89b21d89c4fa4e76b:
#     frappe/utils/safe_exec.py (get_safe_globals, call_whitelisted_function, VALID_UTILS,
#     UNSAFE_ATTRIBUTES), frappe/__init__.py (get_all, get_list, throw, get_newargs),
#     frappe/database/database.py (Database.get_value, set_value, exists, commit, rollback),
#     frappe/model/db_query.py (DatabaseQuery.execute), frappe/model/document.py
#     (Document.insert, submit), frappe/utils/data.py (flt, cint, cstr, nowdate, getdate, today),
#     frappe/utils/error.py (log_error), frappe/integrations/doctype/integration_request/
#     integration_request.json.
#   EDUCATION = frappe/education @ 16345773677786b4ed962f51d672e38647aba2cc:
#     education/education/doctype/fees/fees.js make_payment_entry passes
#     dt, dn, party_type "Student", payment_type "Receive".
#   RESTRICTED = RestrictedPython 7.x (Frappe v15.41.0 pins RestrictedPython~=7.0),
#     src/RestrictedPython/Guards.py safe_builtins (checked at tag 7.4 = 42d938e6).
# ---------------------------------------------------------------------------

GET_PAYMENT_ENTRY_PATH = "erpnext.accounts.doctype.payment_entry.payment_entry.get_payment_entry"


def get_payment_entry(dt, dn, party_amount=None, bank_account=None, bank_amount=None, party_type=None,
                      payment_type=None, reference_date=None, ignore_permissions=False,
                      created_from_payment_request=False):
    """ERPNEXT payment_entry.py, @frappe.whitelist() def get_payment_entry(...)."""


class _Default:
    def __repr__(self):
        return "DefaultOrderBy"


DefaultOrderBy = _Default()


class Stubs:
    """The recorded signatures (bodies are never run)."""

    # FRAPPE safe_exec.py: frappe.call in a Server Script
    def call_whitelisted_function(function, **kwargs): ...

    # FRAPPE __init__.py: get_all/get_list(doctype, *args, **kwargs) -> DatabaseQuery(doctype).execute(*args, **kwargs)
    def get_list(doctype, fields=None, filters=None, or_filters=None, docstatus=None, group_by=None,
                 order_by=DefaultOrderBy, limit_start=False, limit_page_length=None, as_list=False,
                 with_childnames=False, debug=False, ignore_permissions=False, user=None,
                 with_comment_count=False, join="left join", distinct=False, start=None, page_length=None,
                 limit=None, ignore_ifnull=False, save_user_settings=False, save_user_settings_fields=False,
                 update=None, add_total_row=None, user_settings=None, reference_doctype=None, run=True,
                 strict=True, pluck=None, ignore_ddl=False, *, parent_doctype=None): ...

    def throw(msg, exc=None, title=None, is_minimizable=False, wide=False, as_list=False,
              primary_action=None): ...  # exc defaults to frappe.ValidationError upstream

    # FRAPPE utils/error.py
    def log_error(title=None, message=None, reference_doctype=None, reference_name=None, *,
                  defer_insert=False): ...

    # FRAPPE database.py (methods of frappe.db; self left out)
    def get_value(doctype, filters=None, fieldname="name", ignore=None, as_dict=False, debug=False,
                  order_by=DefaultOrderBy, cache=False, for_update=False, *, run=True, pluck=False,
                  distinct=False, skip_locked=False, wait=True): ...

    def set_value(dt, dn, field, val=None, modified=None, modified_by=None, update_modified=True,
                  debug=False): ...

    def exists(dt, dn=None, cache=False): ...

    def commit(): ...

    def rollback(*, save_point=None): ...

    # FRAPPE utils/data.py
    def flt(s, precision=None, rounding_method=None): ...

    def cint(s, default=0): ...

    def cstr(s, encoding="utf-8"): ...

    def nowdate(): ...

    def today(): ...

    def getdate(string_date=None, parse_day_first=False): ...

    # FRAPPE model/document.py (methods of a Document; self left out)
    def insert(ignore_permissions=None, ignore_links=None, ignore_if_duplicate=False, ignore_mandatory=None,
               set_name=None, set_child_names=True): ...

    def submit(): ...

    # Python's json, exposed as json.loads / json.dumps
    loads = json.loads
    dumps = json.dumps


API = {
    "frappe.call": Stubs.call_whitelisted_function,
    "frappe.get_all": Stubs.get_list,
    "frappe.get_list": Stubs.get_list,
    "frappe.db.get_all": Stubs.get_list,
    "frappe.db.get_list": Stubs.get_list,
    "frappe.throw": Stubs.throw,
    "frappe.log_error": Stubs.log_error,
    "frappe.db.get_value": Stubs.get_value,
    "frappe.db.set_value": Stubs.set_value,
    "frappe.db.exists": Stubs.exists,
    "frappe.db.commit": Stubs.commit,
    "frappe.db.rollback": Stubs.rollback,
    "frappe.utils.flt": Stubs.flt,
    "frappe.utils.cint": Stubs.cint,
    "frappe.utils.cstr": Stubs.cstr,
    "frappe.utils.nowdate": Stubs.nowdate,
    "frappe.utils.today": Stubs.today,
    "frappe.utils.getdate": Stubs.getdate,
    "json.loads": Stubs.loads,
    "json.dumps": Stubs.dumps,
}
WHITELISTED = {GET_PAYMENT_ENTRY_PATH: get_payment_entry}
DOCUMENT_METHODS = {"insert": Stubs.insert, "submit": Stubs.submit}
# FRAPPE __init__.py get_newargs: always popped before the whitelisted method is called.
DROPPED_BY_GET_NEWARGS = {"ignore_permissions", "flags"}

# FRAPPE safe_exec.py get_safe_globals(): the names a Server Script sees.
SERVER_SCRIPT_GLOBALS = {
    "json", "as_json", "dict", "log", "_dict", "args", "frappe", "FrappeClient", "style", "get_toc",
    "get_next_link", "_", "scrub", "guess_mimetype", "html2text", "dev_server", "run_script", "is_job_queued",
    "get_visible_columns",
    # get_python_builtins()
    "abs", "all", "any", "bool", "enumerate", "isinstance", "issubclass", "list", "max", "min", "range", "set",
    "sorted", "sum", "tuple",
}
# RESTRICTED Guards.py safe_builtins (_safe_names and _safe_exceptions, setattr, delattr).
RESTRICTED_BUILTINS = {
    "None", "False", "True", "abs", "bool", "bytes", "callable", "chr", "complex", "divmod", "float", "hash",
    "hex", "id", "int", "isinstance", "issubclass", "len", "oct", "ord", "pow", "range", "repr", "round",
    "slice", "sorted", "str", "tuple", "zip", "setattr", "delattr",
    "ArithmeticError", "AssertionError", "AttributeError", "BaseException", "BufferError", "BytesWarning",
    "DeprecationWarning", "EOFError", "EnvironmentError", "Exception", "FloatingPointError", "FutureWarning",
    "GeneratorExit", "IOError", "ImportError", "ImportWarning", "IndentationError", "IndexError", "KeyError",
    "KeyboardInterrupt", "LookupError", "MemoryError", "NameError", "NotImplementedError", "OSError",
    "OverflowError", "PendingDeprecationWarning", "ReferenceError", "RuntimeError", "RuntimeWarning",
    "StopIteration", "SyntaxError", "SyntaxWarning", "SystemError", "SystemExit", "TabError", "TypeError",
    "UnboundLocalError", "UnicodeDecodeError", "UnicodeEncodeError", "UnicodeError", "UnicodeTranslateError",
    "UnicodeWarning", "UserWarning", "ValueError", "Warning", "ZeroDivisionError",
}
FRAPPE_NAMESPACE = {
    "call", "flags", "format", "format_value", "date_format", "time_format", "format_date", "form_dict", "bold",
    "copy_doc", "errprint", "qb", "get_meta", "new_doc", "get_doc", "get_mapped_doc", "get_last_doc",
    "get_cached_doc", "get_list", "get_all", "get_system_settings", "rename_doc", "delete_doc", "utils",
    "get_url", "render_template", "msgprint", "throw", "sendmail", "get_print", "attach_print", "user",
    "get_fullname", "get_gravatar", "full_name", "request", "session", "make_get_request", "make_post_request",
    "make_put_request", "make_patch_request", "make_delete_request", "socketio_port", "get_hooks", "enqueue",
    "sanitize_html", "log_error", "log", "db", "lang", "response",
}
FRAPPE_EXCEPTION = re.compile(r"^[A-Z][A-Za-z]*(Error|Exception)$")  # frappe.exceptions, added by class
FRAPPE_DB_NAMESPACE = {
    "get_list", "get_all", "get_value", "set_value", "get_single_value", "get_default", "exists", "count",
    "escape", "sql", "commit", "rollback", "after_commit", "before_commit", "after_rollback", "before_rollback",
    "add_index",
}
VALID_UTILS = set("""
DATE_FORMAT TIME_FORMAT DATETIME_FORMAT is_invalid_date_string getdate get_datetime to_timedelta get_timedelta
add_to_date add_days add_months add_years date_diff month_diff time_diff time_diff_in_seconds time_diff_in_hours
now_datetime get_timestamp get_eta get_system_timezone convert_utc_to_system_timezone now nowdate today nowtime
get_first_day get_quarter_start get_quarter_ending get_first_day_of_week get_year_start get_last_day_of_week
get_last_day get_time get_datetime_in_timezone get_datetime_str get_date_str get_time_str get_user_date_format
get_user_time_format format_date format_time format_datetime format_duration get_weekdays get_weekday
get_timespan_date_range global_date_format has_common flt cint floor ceil cstr rounded remainder safe_div
round_based_on_smallest_currency_fraction encode parse_val fmt_money get_number_format_info money_in_words
in_words is_html is_image get_thumbnail_base64_for_image image_to_base64 pdf_to_base64 strip_html escape_html
pretty_date comma_or comma_and comma_sep new_line_sep filter_strip_join get_url get_host_name_from_request
url_contains_port get_host_name get_link_to_form get_link_to_report get_absolute_url get_url_to_form
get_url_to_list get_url_to_report get_url_to_report_with_filters evaluate_filters compare get_filter
make_filter_tuple make_filter_dict sanitize_column scrub_urls expand_relative_urls quoted quote_urls unique
strip to_markdown md_to_html markdown is_subset generate_hash formatdate get_user_info_for_avatar get_abbr
""".split())
JSON_NAMESPACE = {"loads", "dumps"}
UNSAFE_ATTRIBUTES = {
    "gi_frame", "gi_code", "gi_yieldfrom", "cr_frame", "cr_code", "cr_origin", "cr_await", "ag_code", "ag_frame",
    "tb_frame", "tb_next", "format", "format_map", "f_back", "f_builtins", "f_code", "f_globals", "f_locals",
    "f_trace",
}

STANDARD_FIELDS = {"name", "creation", "modified", "modified_by", "owner", "docstatus", "idx"}
INTEGRATION_REQUEST_FIELDS = STANDARD_FIELDS | {
    "request_id", "integration_request_service", "is_remote_request", "request_description", "status", "url",
    "request_headers", "data", "output", "error", "reference_doctype", "reference_docname",
}
INTEGRATION_REQUEST_STATUSES = {"", "Queued", "Authorized", "Completed", "Cancelled", "Failed"}
PAYMENT_ENTRY_FIELDS = STANDARD_FIELDS | set("""
naming_series payment_type posting_date company cost_center mode_of_payment party_type party party_name
contact_person contact_email party_balance paid_from paid_from_account_currency paid_from_account_balance paid_to
paid_to_account_currency paid_to_account_balance paid_amount source_exchange_rate base_paid_amount received_amount
target_exchange_rate base_received_amount references total_allocated_amount base_total_allocated_amount
unallocated_amount difference_amount deductions reference_no reference_date clearance_date project remarks
letter_head print_heading bank bank_account_no payment_order auto_repeat amended_from title bank_account
party_bank_account payment_order_status status custom_remarks tax_withholding_category
apply_tax_withholding_amount purchase_taxes_and_charges_template sales_taxes_and_charges_template taxes
base_total_taxes_and_charges total_taxes_and_charges paid_amount_after_tax base_paid_amount_after_tax
received_amount_after_tax base_received_amount_after_tax paid_from_account_type paid_to_account_type
book_advance_payments_in_separate_party_account base_in_words in_words reconcile_on_advance_payment_date
is_opening is_customer_deposit
""".split())
PAYMENT_ENTRY_REFERENCE_FIELDS = STANDARD_FIELDS | set("""
reference_doctype reference_name due_date bill_no total_amount outstanding_amount allocated_amount exchange_rate
payment_term exchange_gain_loss account account_type payment_type payment_request payment_term_outstanding
payment_request_outstanding reconcile_effect_on advance_voucher_type advance_voucher_no
""".split())
# Fields the script may read from the invoice whatever its doctype (Fees: EDUCATION fees.json;
# Sales Invoice: ERPNEXT sales_invoice.json; both have these).
INVOICE_FIELDS_IN_BOTH = STANDARD_FIELDS | {"outstanding_amount", "grand_total", "company", "currency",
                                            "posting_date", "due_date", "cost_center", "letter_head"}
# The module's :payment_json (jodo-plugin/src/jodo/erp/CollectionStore.cpp payment_json), used when that file
# cannot be read.
PAYMENT_JSON_KEYS = {"invoice_id", "collection_id", "kind", "order_id", "amount", "paid_amount", "paid_at",
                     "transaction_id", "review"}

MARKER = "<!-- erp-script: erpnext-server-script -->"


# ---------------------------------------------------------------------------
# Reading the script out of the docs
# ---------------------------------------------------------------------------

def extract_scripts(markdown):
    out = []
    for m in re.finditer(re.escape(MARKER) + r"[ \t]*\n```python[ \t]*\n(.*?)\n```", markdown, re.S):
        line = markdown.count("\n", 0, m.start(1)) + 1
        out.append((line, m.group(1) + "\n"))
    return out


def payment_json_keys(repo_root):
    path = os.path.join(repo_root, "jodo-plugin", "src", "erp", "CollectionStore.cpp")
    try:
        with open(path) as f:
            text = f.read()
    except OSError:
        return PAYMENT_JSON_KEYS
    body = re.search(r"std::string payment_json\(.*?\n}\n", text, re.S)
    keys = set(re.findall(r'o\.set\("(\w+)"', body.group(0))) if body else set()
    return keys or PAYMENT_JSON_KEYS


# ---------------------------------------------------------------------------
# Static checks
# ---------------------------------------------------------------------------

def dotted(node):
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def const(node):
    return node.value if isinstance(node, ast.Constant) else None


class _Arg:
    """A stand-in value for binding."""


def bind(stub, call, skip=0, where=""):
    if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
        return [f"{where}: *args or **kwargs cannot be checked against the signature"]
    args = [_Arg() for _ in call.args[skip:]]
    kwargs = {k.arg: _Arg() for k in call.keywords}
    try:
        inspect.signature(stub).bind(*args, **kwargs)
    except TypeError as e:
        return [f"{where}: does not bind to {stub.__name__}{inspect.signature(stub)}: {e}"]
    return []


class Checker:
    def __init__(self, tree, json_keys):
        self.tree = tree
        self.json_keys = json_keys
        self.errors = []
        self.constants = {}
        self.doc_vars = set()   # names holding the Payment Entry returned by frappe.call
        self.ref_vars = set()   # loop names over pe.references
        self.data_vars = set()  # names holding json.loads(...) of the request's data
        self.pe_calls = []      # (line, {keyword: constant or _Arg})

    def err(self, node, msg):
        self.errors.append(f"line {getattr(node, 'lineno', '?')}: {msg}")

    def run(self):
        for node in self.tree.body:
            if (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
                    and isinstance(const(node.value), str)):
                self.constants[node.targets[0].id] = node.value.value
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
                name = dotted(node.value.func)
                for t in node.targets:
                    if isinstance(t, ast.Name) and name == "frappe.call":
                        self.doc_vars.add(t.id)
                    if isinstance(t, ast.Name) and name == "json.loads":
                        self.data_vars.add(t.id)
            if (isinstance(node, ast.For) and isinstance(node.target, ast.Name)
                    and isinstance(node.iter, ast.Attribute) and node.iter.attr == "references"):
                self.ref_vars.add(node.target.id)
        self.check_restricted()
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Call):
                self.check_call(node)
            elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                self.check_field(node)
        self.check_payment_entry_paths()
        return self.errors

    # -- 1. what RestrictedPython and Frappe's safe_exec allow
    def check_restricted(self):
        stored, loaded = set(), []
        for node in ast.walk(self.tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                self.err(node, "a Server Script cannot import (no __import__ in RestrictedPython's builtins); "
                               "reach ERPNext through frappe.call")
            elif isinstance(node, ast.Name):
                if node.id.startswith("_"):
                    self.err(node, f"name {node.id!r} starts with '_' (refused by RestrictedPython)")
                if isinstance(node.ctx, (ast.Store, ast.Del)):
                    stored.add(node.id)
                else:
                    loaded.append(node)
            elif isinstance(node, ast.Attribute):
                if node.attr.startswith("_"):
                    self.err(node, f"attribute {node.attr!r} starts with '_' (refused by RestrictedPython)")
                if node.attr in UNSAFE_ATTRIBUTES:
                    self.err(node, f"attribute {node.attr!r} is refused by Frappe's safe_exec")
            elif isinstance(node, ast.AugAssign) and not isinstance(node.target, ast.Name):
                self.err(node, "augmented assignment to an attribute or item is refused by RestrictedPython")
            elif isinstance(node, ast.ExceptHandler) and node.name:
                stored.add(node.name)
            elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                stored.add(node.name)
            elif isinstance(node, ast.arg):
                stored.add(node.arg)
            elif isinstance(node, ast.keyword) and node.arg and node.arg.startswith("_"):
                self.err(node, f"keyword {node.arg!r} starts with '_'")
        allowed = SERVER_SCRIPT_GLOBALS | RESTRICTED_BUILTINS
        for node in loaded:
            if node.id not in stored and node.id not in allowed:
                self.err(node, f"{node.id!r} is not defined in a Frappe v15 Server Script")
        for node in ast.walk(self.tree):
            name = dotted(node) if isinstance(node, ast.Attribute) else None
            if not name:
                continue
            parts = name.split(".")
            if parts[0] == "frappe" and "frappe" not in stored and len(parts) >= 2:
                if parts[1] not in FRAPPE_NAMESPACE and not FRAPPE_EXCEPTION.match(parts[1]):
                    self.err(node, f"frappe.{parts[1]} is not in a Server Script's frappe namespace")
                elif parts[1] == "db" and len(parts) >= 3 and parts[2] not in FRAPPE_DB_NAMESPACE:
                    self.err(node, f"frappe.db.{parts[2]} is not in a Server Script's frappe.db")
                elif parts[1] == "utils" and len(parts) >= 3 and parts[2] not in VALID_UTILS:
                    self.err(node, f"frappe.utils.{parts[2]} is not in a Server Script's frappe.utils")
            if parts[0] == "json" and "json" not in stored and len(parts) >= 2 and parts[1] not in JSON_NAMESPACE:
                self.err(node, f"json.{parts[1]} is not in a Server Script (json.loads and json.dumps are)")

    # -- 2. signatures
    def check_call(self, call):
        name = dotted(call.func)
        where = f"line {call.lineno}: {name}"
        if name in API:
            self.errors += bind(API[name], call, where=where)
            if name == "frappe.call":
                self.check_frappe_call(call, where)
            elif name in ("frappe.get_all", "frappe.get_list", "frappe.db.get_all", "frappe.db.get_list"):
                self.check_doctype_fields(call, "fields", "filters")
            elif name == "frappe.db.get_value":
                self.check_get_value(call)
            elif name == "frappe.db.set_value":
                self.check_set_value(call)
        elif name and name.split(".")[0] in ("frappe", "json"):
            self.err(call, f"{name}: no upstream signature is recorded in this test; record it (with its source)")
        elif (isinstance(call.func, ast.Attribute) and isinstance(call.func.value, ast.Name)
              and call.func.value.id in self.doc_vars):
            method = call.func.attr
            if method not in DOCUMENT_METHODS:
                self.err(call, f"Document.{method}: no upstream signature is recorded in this test")
            else:
                self.errors += bind(DOCUMENT_METHODS[method], call, where=f"line {call.lineno}: Document.{method}")
        elif (isinstance(call.func, ast.Attribute) and call.func.attr == "get" and isinstance(call.func.value, ast.Name)
              and call.func.value.id in self.data_vars and call.args):
            key = const(call.args[0])
            if key not in self.json_keys:
                self.err(call, f"data.get({key!r}): the module's payment JSON has no such key "
                               f"(it has {', '.join(sorted(self.json_keys))})")

    def target_of(self, node):
        if isinstance(const(node), str):
            return node.value
        if isinstance(node, ast.Name):
            return self.constants.get(node.id)
        return None

    def check_frappe_call(self, call, where):
        if not call.args:
            return
        target = self.target_of(call.args[0])
        if target not in WHITELISTED:
            self.err(call, f"frappe.call({target!r}): no upstream signature is recorded for that method")
            return
        for k in call.keywords:
            if k.arg in DROPPED_BY_GET_NEWARGS:
                self.err(call, f"frappe.call drops {k.arg}= before calling the method (frappe.get_newargs)")
        self.errors += bind(WHITELISTED[target], call, skip=1, where=f"{where}({target.rsplit('.', 1)[1]})")
        if target == GET_PAYMENT_ENTRY_PATH:
            self.pe_calls.append((call.lineno, {k.arg: (const(k.value) if isinstance(k.value, ast.Constant)
                                                       else _Arg()) for k in call.keywords if k.arg}))

    def doctype_of(self, call):
        return const(call.args[0]) if call.args else None

    def check_doctype_fields(self, call, *keywords):
        doctype = self.doctype_of(call)
        fields = {"Integration Request": INTEGRATION_REQUEST_FIELDS, "Payment Entry": PAYMENT_ENTRY_FIELDS}.get(doctype)
        if fields is None:
            return
        for k in call.keywords:
            if k.arg not in keywords:
                continue
            names = []
            if isinstance(k.value, ast.Dict):
                names = [const(key) for key in k.value.keys]
                self.check_statuses(doctype, k.value)
            elif isinstance(k.value, (ast.List, ast.Tuple)):
                names = [const(e) for e in k.value.elts]
            for n in names:
                if isinstance(n, str) and n not in fields:
                    self.err(call, f"{doctype} has no field {n!r}")

    def check_statuses(self, doctype, dict_node):
        if doctype != "Integration Request":
            return
        for key, value in zip(dict_node.keys, dict_node.values):
            if const(key) == "status" and isinstance(value, ast.Constant) and value.value not in INTEGRATION_REQUEST_STATUSES:
                self.err(value, f"Integration Request status {value.value!r} is not one of its options")

    def check_get_value(self, call):
        doctype = self.doctype_of(call)
        args = list(call.args) + [None] * 3
        filters = args[1] or next((k.value for k in call.keywords if k.arg == "filters"), None)
        fieldname = args[2] or next((k.value for k in call.keywords if k.arg == "fieldname"), None)
        fields = {"Integration Request": INTEGRATION_REQUEST_FIELDS, "Payment Entry": PAYMENT_ENTRY_FIELDS}.get(
            doctype, INVOICE_FIELDS_IN_BOTH if doctype is None else None)
        if fields is None:
            return
        names = [const(fieldname)] if fieldname is not None else []
        if isinstance(filters, ast.Dict):
            names += [const(k) for k in filters.keys]
        for n in names:
            if isinstance(n, str) and n not in fields:
                self.err(call, f"{doctype or 'Fees / Sales Invoice'} has no field {n!r}")

    def check_set_value(self, call):
        doctype = self.doctype_of(call)
        if doctype != "Integration Request" or len(call.args) < 3:
            return
        field = call.args[2]
        names = [const(k) for k in field.keys] if isinstance(field, ast.Dict) else [const(field)]
        if isinstance(field, ast.Dict):
            self.check_statuses(doctype, field)
        for n in names:
            if isinstance(n, str) and n not in INTEGRATION_REQUEST_FIELDS:
                self.err(call, f"Integration Request has no field {n!r}")

    def check_field(self, node):
        var = node.value.id
        if var in self.doc_vars and node.attr not in DOCUMENT_METHODS and node.attr not in PAYMENT_ENTRY_FIELDS:
            self.err(node, f"Payment Entry has no field {node.attr!r}")
        if var in self.ref_vars and node.attr not in PAYMENT_ENTRY_REFERENCE_FIELDS:
            self.err(node, f"Payment Entry Reference has no field {node.attr!r}")

    # -- 3. the two paths
    def check_payment_entry_paths(self):
        by_dt = {}
        for line, kw in self.pe_calls:
            dt = kw.get("dt")
            if not isinstance(dt, str):
                self.errors.append(f"line {line}: get_payment_entry's dt must be written out ('Fees' or "
                                   "'Sales Invoice') so that its arguments can be checked")
                continue
            by_dt.setdefault(dt, []).append((line, kw))
            if "dn" not in kw:
                self.errors.append(f"line {line}: get_payment_entry needs dn")
            if "party_amount" not in kw:
                self.errors.append(f"line {line}: get_payment_entry without party_amount posts the whole "
                                   "outstanding amount, not what was paid")
        for line, kw in by_dt.get("Fees", []):
            if kw.get("party_type") != "Student" or kw.get("payment_type") != "Receive":
                self.errors.append(
                    f"line {line}: the Fees path must pass party_type='Student' and payment_type='Receive' as "
                    "Education's fees.js does (ERPNext v15 cannot tell a Fees' party; without payment_type it "
                    f"makes a 'Pay'); it passes party_type={kw.get('party_type')!r}, "
                    f"payment_type={kw.get('payment_type')!r}")
        for line, kw in by_dt.get("Sales Invoice", []):
            if kw.get("party_type") not in (None, "Customer") or kw.get("payment_type") not in (None, "Receive"):
                self.errors.append(f"line {line}: a Sales Invoice is paid by its Customer and received")
        for dt in ("Fees", "Sales Invoice"):
            if dt not in by_dt:
                self.errors.append(f"no get_payment_entry call for {dt} (the module queues both)")
        for dt in by_dt:
            if dt not in ("Fees", "Sales Invoice"):
                self.errors.append(f"get_payment_entry for {dt!r}: the module queues only Fees and Sales Invoice")


def static_errors(source, json_keys):
    try:
        tree = ast.parse(source)
    except SyntaxError as e:
        return [f"does not parse: {e}"]
    return Checker(tree, json_keys).run()


# ---------------------------------------------------------------------------
# A stand-in of Frappe and ERPNext
# ---------------------------------------------------------------------------

class ValidationError(Exception):
    pass


class DoesNotExistError(ValidationError):
    pass


class FDict(dict):
    """frappe._dict"""
    __getattr__ = dict.get


def same_signature(stub):
    def wrap(fn):
        assert str(inspect.signature(fn)) == str(inspect.signature(stub)), (fn.__name__, inspect.signature(fn))
        return fn
    return wrap


TODAY = "2026-05-02"


def flt_value(s, precision=None):
    if s is None or s == "":
        return 0.0
    if isinstance(s, str):
        s = s.replace(",", "")
    try:
        v = float(s)
    except (TypeError, ValueError):
        return 0.0
    return round(v, precision) if precision is not None else v


class PaymentEntry:
    """The part of ERPNext v15's Payment Entry the script touches, with its checks."""

    def __init__(self, site, **values):
        object.__setattr__(self, "site", site)
        object.__setattr__(self, "values", {})
        for k, v in values.items():
            setattr(self, k, v)

    def __getattr__(self, name):
        values = object.__getattribute__(self, "values")
        if name in values:
            return values[name]
        if name in PAYMENT_ENTRY_FIELDS:
            return None
        raise AttributeError(name)

    def __setattr__(self, name, value):
        if name not in PAYMENT_ENTRY_FIELDS:
            self.site.misuse.append(f"Payment Entry has no field {name!r}")
        self.values[name] = value

    def get(self, key, default=None):
        return self.values.get(key, default)

    def validate(self):
        # set_missing_ref_details(force=True): the reference's outstanding from the invoice itself
        for ref in self.references:
            invoice = self.site.row(ref.reference_doctype, ref.reference_name)
            ref.outstanding_amount = invoice["outstanding_amount"]
            if invoice["docstatus"] != 1:
                raise ValidationError(f"{ref.reference_doctype} {ref.reference_name} must be submitted")
        # validate_allocated_amount / validate_allocated_amount_with_latest_data
        for ref in self.references:
            if flt_value(ref.allocated_amount) > 0 and flt_value(ref.allocated_amount) > flt_value(ref.outstanding_amount):
                raise ValidationError("Row #1: Allocated Amount cannot be greater than outstanding amount.")
        # clear_unallocated_reference_document_rows
        self.references = [r for r in self.references if flt_value(r.allocated_amount)]
        allocated = sum(flt_value(r.allocated_amount) for r in self.references)
        self.total_allocated_amount = allocated
        self.unallocated_amount = max(flt_value(self.paid_amount) - allocated, 0)
        self.difference_amount = max(allocated - flt_value(self.paid_amount), 0)
        # validate_transaction_reference (the default account is a Bank account here)
        if not self.reference_no or not self.reference_date:
            raise ValidationError("Reference No and Reference Date is mandatory for Bank transaction")
        # set_remarks
        if not self.custom_remarks:
            self.remarks = f"Amount INR {self.paid_amount} received from {self.party}"

    def do_insert(self, **kwargs):
        self.validate()
        self.site.counter += 1
        self.name = f"ACC-PAY-2026-{self.site.counter:05d}"
        self.docstatus = 0
        self.site.tx["Payment Entry"][self.name] = self
        return self

    def do_submit(self):
        if self.docstatus != 0:
            raise ValidationError("submit needs a draft")
        self.validate()
        if self.difference_amount:
            raise ValidationError("Difference Amount must be zero")
        self.docstatus = 1
        for ref in self.references:
            invoice = self.site.row(ref.reference_doctype, ref.reference_name)
            invoice["outstanding_amount"] = round(invoice["outstanding_amount"] - flt_value(ref.allocated_amount), 2)
        return self


def _pe_insert(self, ignore_permissions=None, ignore_links=None, ignore_if_duplicate=False, ignore_mandatory=None,
               set_name=None, set_child_names=True):
    return self.do_insert()


def _pe_submit(self):
    return self.do_submit()


assert str(inspect.signature(_pe_insert)).replace("(self, ", "(") == str(inspect.signature(Stubs.insert))
PaymentEntry.insert = _pe_insert
PaymentEntry.submit = _pe_submit


class Reference(FDict):
    def __setattr__(self, name, value):
        if name not in PAYMENT_ENTRY_REFERENCE_FIELDS:
            raise AttributeError(f"Payment Entry Reference has no field {name!r}")
        self[name] = value


class Site:
    """A Frappe site's database with a transaction: tx is what the script sees, committed what survives."""

    def __init__(self, hide_posted=False):
        self.committed = {"Integration Request": {}, "Payment Entry": {}, "Fees": {}, "Sales Invoice": {},
                          "Error Log": []}
        self.tx = copy.deepcopy(self.committed)
        self.counter = 0
        self.misuse = []
        self.calls = []
        self.hide_posted = hide_posted  # a stand-in that cannot find posted Payment Entries (self-test)
        self.clock = 0

    def commit(self):
        self.committed = copy.deepcopy(self.tx, {id(self): self})

    def rollback(self):
        self.tx = copy.deepcopy(self.committed, {id(self): self})

    def row(self, doctype, name):
        table = self.tx.get(doctype)
        if table is None or name not in table:
            raise DoesNotExistError(f"{doctype} {name} not found")
        return table[name]

    # -- seeding
    def add_invoice(self, doctype, name, outstanding, party, docstatus=1):
        key = "student" if doctype == "Fees" else "customer"
        self.tx[doctype][name] = {"name": name, "docstatus": docstatus, "outstanding_amount": outstanding,
                                  key: party}

    def queue(self, name, doctype, docname, service="Jodo", **payment):
        self.clock += 1
        data = {"invoice_id": docname, "collection_id": name, "kind": "invoice", "order_id": "ORD-" + name,
                "amount": payment.get("paid_amount", "0"), "paid_amount": "0", "paid_at": "2026-05-01T09:30:00Z",
                "transaction_id": "TXN-" + name, "review": ""}
        data.update(payment)
        self.tx["Integration Request"][name] = {
            "name": name, "creation": f"2026-05-01 09:{self.clock:02d}:00", "docstatus": 0,
            "integration_request_service": service, "is_remote_request": 1, "status": "Queued",
            "reference_doctype": doctype, "reference_docname": docname, "request_id": data["transaction_id"],
            "data": json.dumps(data), "output": None, "error": None}

    def add_payment_entry(self, reference_no, doctype, docname, amount, docstatus=1):
        self.counter += 1
        pe = PaymentEntry(self, payment_type="Receive", party_type="Customer", party="x", paid_amount=amount,
                          reference_no=reference_no, reference_date="2026-04-30", custom_remarks=1,
                          references=[], deductions=[])
        pe.name = f"ACC-PAY-2026-{self.counter:05d}"
        pe.docstatus = docstatus
        self.tx["Payment Entry"][pe.name] = pe
        return pe.name

    # -- views for the tests
    def requests(self):
        return self.committed["Integration Request"]

    def payment_entries(self):
        return list(self.committed["Payment Entry"].values())


def matches(row_get, filters):
    for key, want in (filters or {}).items():
        have = row_get(key)
        if isinstance(want, (list, tuple)):
            op, value = want
            test = {"=": lambda: have == value, "!=": lambda: have != value,
                    "<": lambda: have is not None and have < value, ">": lambda: have is not None and have > value,
                    "in": lambda: have in value, "not in": lambda: have not in value}.get(op)
            if test is None:
                raise AssertionError(f"the stand-in has no filter operator {op!r}")
            if not test():
                return False
        elif have != want:
            return False
    return True


def make_frappe(site):
    """The names Frappe v15's get_safe_globals() gives a Server Script, backed by the Site."""

    def getter(doctype, row):
        if isinstance(row, PaymentEntry):
            return lambda k: row.values.get(k)
        return row.get

    @same_signature(Stubs.get_list)
    def get_all(doctype, fields=None, filters=None, or_filters=None, docstatus=None, group_by=None,
                order_by=DefaultOrderBy, limit_start=False, limit_page_length=None, as_list=False,
                with_childnames=False, debug=False, ignore_permissions=False, user=None,
                with_comment_count=False, join="left join", distinct=False, start=None, page_length=None,
                limit=None, ignore_ifnull=False, save_user_settings=False, save_user_settings_fields=False,
                update=None, add_total_row=None, user_settings=None, reference_doctype=None, run=True,
                strict=True, pluck=None, ignore_ddl=False, *, parent_doctype=None):
        rows = [r for r in site.tx[doctype].values() if matches(getter(doctype, r), filters)]
        if order_by not in (DefaultOrderBy, None):
            key, _, direction = order_by.partition(" ")
            rows.sort(key=lambda r: getter(doctype, r)(key) or "", reverse=direction.strip().lower() == "desc")
        n = limit or limit_page_length
        rows = rows[: n] if n else rows
        fields = fields or ["name"]
        return [FDict({f: getter(doctype, r)(f) for f in fields}) for r in rows]

    @same_signature(Stubs.get_value)
    def get_value(doctype, filters=None, fieldname="name", ignore=None, as_dict=False, debug=False,
                  order_by=DefaultOrderBy, cache=False, for_update=False, *, run=True, pluck=False,
                  distinct=False, skip_locked=False, wait=True):
        site.calls.append(("get_value", doctype, for_update))
        if doctype == "Payment Entry" and site.hide_posted:
            return None
        table = site.tx.get(doctype, {})
        if isinstance(filters, str):
            rows = [table[filters]] if filters in table else []
        else:
            rows = [r for r in table.values() if matches(getter(doctype, r), filters)]
        if not rows:
            return None
        return getter(doctype, rows[0])(fieldname)

    @same_signature(Stubs.set_value)
    def set_value(dt, dn, field, val=None, modified=None, modified_by=None, update_modified=True, debug=False):
        row = site.row(dt, dn)
        values = field if isinstance(field, dict) else {field: val}
        for k, v in values.items():
            if dt == "Integration Request" and k not in INTEGRATION_REQUEST_FIELDS:
                raise AssertionError(f"Integration Request has no field {k!r}")
            row[k] = v

    @same_signature(Stubs.exists)
    def exists(dt, dn=None, cache=False):
        return dn if dn in site.tx.get(dt, {}) else None

    @same_signature(Stubs.commit)
    def commit():
        site.commit()

    @same_signature(Stubs.rollback)
    def rollback(*, save_point=None):
        site.rollback()

    @same_signature(Stubs.log_error)
    def log_error(title=None, message=None, reference_doctype=None, reference_name=None, *, defer_insert=False):
        site.tx["Error Log"].append({"method": title, "reference_doctype": reference_doctype,
                                     "reference_name": reference_name})

    @same_signature(Stubs.throw)
    def throw(msg, exc=None, title=None, is_minimizable=False, wide=False, as_list=False, primary_action=None):
        raise (exc or ValidationError)(msg)

    @same_signature(get_payment_entry)
    def fake_get_payment_entry(dt, dn, party_amount=None, bank_account=None, bank_amount=None, party_type=None,
                               payment_type=None, reference_date=None, ignore_permissions=False,
                               created_from_payment_request=False):
        # As ERPNext v15.90.0 for these doctypes: set_party_type knows no Fees (the name stays unbound),
        # set_payment_type says Receive only for a Sales Invoice with something outstanding.
        doc = site.row(dt, dn)
        if not party_type:
            if dt != "Sales Invoice":
                raise UnboundLocalError("cannot access local variable 'party_type' where it is not associated "
                                        "with a value")
            party_type = "Customer"
        if not payment_type:
            payment_type = "Receive" if dt == "Sales Invoice" and doc["outstanding_amount"] > 0 else "Pay"
        outstanding = party_amount if party_amount else doc["outstanding_amount"]
        party = doc.get(party_type.lower())
        if party is None:
            raise ValidationError(f"{dt} {dn} has no {party_type}")
        return PaymentEntry(
            site, payment_type=payment_type, party_type=party_type, party=party, posting_date=TODAY,
            reference_date=reference_date or TODAY, paid_amount=abs(outstanding), received_amount=abs(outstanding),
            custom_remarks=0, remarks=None, reference_no=None, deductions=list(site.deductions.get(dn, [])),
            references=[Reference(reference_doctype=dt, reference_name=dn, total_amount=outstanding,
                                  outstanding_amount=outstanding, allocated_amount=outstanding)])

    @same_signature(Stubs.call_whitelisted_function)
    def call(function, **kwargs):
        # frappe.handler.execute_cmd -> frappe.call(method, **form_dict) -> get_newargs
        if function != GET_PAYMENT_ENTRY_PATH:
            raise AssertionError(f"the stand-in has no whitelisted method {function!r}")
        params = inspect.signature(get_payment_entry).parameters
        newargs = {k: v for k, v in kwargs.items() if k in params and k not in DROPPED_BY_GET_NEWARGS}
        site.calls.append(("get_payment_entry", dict(newargs)))
        return fake_get_payment_entry(**newargs)

    @same_signature(Stubs.flt)
    def flt(s, precision=None, rounding_method=None):
        return flt_value(s, precision)

    @same_signature(Stubs.cstr)
    def cstr(s, encoding="utf-8"):
        return "" if s is None else str(s)

    @same_signature(Stubs.nowdate)
    def nowdate():
        return TODAY

    class NS:
        def __init__(self, **kw):
            self.__dict__.update(kw)

    db = NS(get_value=get_value, set_value=set_value, exists=exists, commit=commit, rollback=rollback,
            get_all=get_all, get_list=get_all)
    utils = NS(flt=flt, cstr=cstr, nowdate=nowdate, today=nowdate)
    frappe = NS(get_all=get_all, get_list=get_all, db=db, utils=utils, call=call, throw=throw, log_error=log_error,
                ValidationError=ValidationError, DoesNotExistError=DoesNotExistError)
    return frappe


def server_script_globals(site):
    import builtins
    restricted = {n: getattr(builtins, n) for n in RESTRICTED_BUILTINS if hasattr(builtins, n)}
    g = {"__builtins__": restricted, "frappe": make_frappe(site), "json": type("json", (), {
        "loads": staticmethod(json.loads), "dumps": staticmethod(json.dumps)}), "_dict": FDict, "dict": dict}
    for n in ("abs", "all", "any", "bool", "enumerate", "isinstance", "issubclass", "list", "max", "min", "range",
              "set", "sorted", "sum", "tuple"):
        g[n] = getattr(builtins, n)
    return g


def run_scheduled(site, code):
    """What ScheduledJobType.execute does around a Scheduler Event Server Script: run, then commit."""
    try:
        exec(code, server_script_globals(site))
        site.commit()
    except Exception:
        site.rollback()
        raise


# ---------------------------------------------------------------------------
# Scenarios
# ---------------------------------------------------------------------------

class Failed(Exception):
    pass


def expect(cond, msg):
    if not cond:
        raise Failed(msg)


def new_site(**kw):
    site = Site(**kw)
    site.deductions = {}
    return site


def scenario_one_per_request(code):
    site = new_site()
    site.add_invoice("Fees", "EDU-FEE-2026-00001", 25000.0, "EDU-STU-2026-00042")
    site.add_invoice("Sales Invoice", "ACC-SINV-2026-00001", 750.5, "EDU-STU-2026-00043")
    site.queue("c-fees", "Fees", "EDU-FEE-2026-00001", paid_amount="12500.00")
    site.queue("c-sinv", "Sales Invoice", "ACC-SINV-2026-00001", paid_amount="750.50")
    site.commit()
    run_scheduled(site, code)
    pes = site.payment_entries()
    expect(len(pes) == 2, f"expected 2 Payment Entries, got {len(pes)}")
    expect(all(pe.docstatus == 1 for pe in pes), "every Payment Entry is submitted")
    by_ref = {pe.reference_no: pe for pe in pes}
    expect(set(by_ref) == {"TXN-c-fees", "TXN-c-sinv"}, f"Reference No is the transaction id: {sorted(by_ref)}")
    fees_pe = by_ref["TXN-c-fees"]
    expect(fees_pe.party_type == "Student" and fees_pe.payment_type == "Receive",
           f"the Fees Payment Entry is a receipt from the Student ({fees_pe.party_type}, {fees_pe.payment_type})")
    expect(fees_pe.paid_amount == 12500.0, f"a part payment is posted as such ({fees_pe.paid_amount})")
    expect(fees_pe.reference_date == "2026-05-01", f"Reference Date is the day paid ({fees_pe.reference_date})")
    expect("Jodo" in (fees_pe.remarks or ""), f"remarks name Jodo and are kept ({fees_pe.remarks!r})")
    expect(site.committed["Fees"]["EDU-FEE-2026-00001"]["outstanding_amount"] == 12500.0, "Fees still owes 12500")
    expect(site.committed["Sales Invoice"]["ACC-SINV-2026-00001"]["outstanding_amount"] == 0.0, "invoice paid")
    for name, pe in (("c-fees", fees_pe), ("c-sinv", by_ref["TXN-c-sinv"])):
        ir = site.requests()[name]
        expect(ir["status"] == "Completed" and ir["output"] == pe.name,
               f"{name}: Completed with the Payment Entry in output ({ir['status']}, {ir['output']})")
    expect(("get_value", "Integration Request", True) in site.calls, "the request row is locked (for_update)")
    expect(not site.misuse, f"no unknown fields set: {site.misuse}")
    return site


def scenario_second_run(code):
    site = scenario_one_per_request(code)
    before = {pe.name for pe in site.payment_entries()}
    run_scheduled(site, code)
    after = {pe.name for pe in site.payment_entries()}
    expect(before == after, f"a second run makes no Payment Entry ({sorted(after - before)})")


def scenario_already_posted(code):
    site = new_site()
    site.add_invoice("Sales Invoice", "ACC-SINV-2026-00002", 1000.0, "CUST-1")
    posted = site.add_payment_entry("TXN-c-again", "Sales Invoice", "ACC-SINV-2026-00002", 1000.0)
    site.queue("c-again", "Sales Invoice", "ACC-SINV-2026-00002", paid_amount="1000.00")
    site.commit()
    run_scheduled(site, code)
    expect(len(site.payment_entries()) == 1, f"no second Payment Entry ({len(site.payment_entries())} now)")
    ir = site.requests()["c-again"]
    expect(ir["status"] == "Completed" and ir["output"] == posted,
           f"the request is Completed with the existing Payment Entry ({ir['status']}, {ir['output']})")


def scenario_review_and_overpayment(code):
    site = new_site()
    site.add_invoice("Fees", "EDU-FEE-2026-00002", 5000.0, "EDU-STU-2026-00044")
    site.queue("c-over", "Fees", "EDU-FEE-2026-00002", paid_amount="6000.00",
               review="paid 6000.00, asked 5000.00")
    site.commit()
    run_scheduled(site, code)
    pes = site.payment_entries()
    expect(len(pes) == 1 and pes[0].docstatus == 0, "a flagged payment becomes a draft Payment Entry")
    pe = pes[0]
    expect(pe.total_allocated_amount == 5000.0 and pe.unallocated_amount == 1000.0,
           f"at most what is owed is allocated ({pe.total_allocated_amount}, {pe.unallocated_amount})")
    expect(site.requests()["c-over"]["status"] == "Completed", "the request is handed over")
    expect(site.committed["Fees"]["EDU-FEE-2026-00002"]["outstanding_amount"] == 5000.0, "nothing posted blindly")


def scenario_discount_is_reviewed(code):
    site = new_site()
    site.add_invoice("Sales Invoice", "ACC-SINV-2026-00003", 1000.0, "CUST-2")
    site.deductions["ACC-SINV-2026-00003"] = [{"account": "Discount - X", "amount": 20.0}]
    site.queue("c-disc", "Sales Invoice", "ACC-SINV-2026-00003", paid_amount="1000.00")
    site.commit()
    run_scheduled(site, code)
    pes = site.payment_entries()
    expect(len(pes) == 1 and pes[0].docstatus == 0, "an early-payment discount is left for a person")


def scenario_failure_isolated(code):
    site = new_site()
    site.add_invoice("Fees", "EDU-FEE-2026-00003", 800.0, "EDU-STU-2026-00045")
    site.add_invoice("Fees", "EDU-FEE-2026-00004", 900.0, "EDU-STU-2026-00046")
    site.queue("c-before", "Fees", "EDU-FEE-2026-00003", paid_amount="800.00")
    site.queue("c-missing", "Fees", "EDU-FEE-2026-09999", paid_amount="100.00")
    site.queue("c-after", "Fees", "EDU-FEE-2026-00004", paid_amount="900.00")
    site.queue("c-razorpay", "Sales Invoice", "ACC-SINV-2026-00009", service="Razorpay", paid_amount="1.00")
    site.commit()
    run_scheduled(site, code)
    reqs = site.requests()
    expect(reqs["c-missing"]["status"] == "Failed" and reqs["c-missing"]["error"],
           f"a payment that cannot be posted is Failed with its error ({reqs['c-missing']['status']})")
    expect(any(e["reference_name"] == "c-missing" for e in site.committed["Error Log"]), "and logged")
    expect(reqs["c-before"]["status"] == "Completed" and reqs["c-after"]["status"] == "Completed",
           "the payments before and after it are posted and kept (each committed on its own): "
           f"{reqs['c-before']['status']}, {reqs['c-after']['status']}")
    expect(reqs["c-razorpay"]["status"] == "Queued", "another service's requests are left alone")
    expect(len(site.payment_entries()) == 2, f"two Payment Entries in all ({len(site.payment_entries())})")


def scenario_cannot_miss_duplicates(code):
    """Self-test: a stand-in that cannot see the posted Payment Entry must make the duplicate appear."""
    site = new_site(hide_posted=True)
    site.add_invoice("Sales Invoice", "ACC-SINV-2026-00004", 1000.0, "CUST-3")
    site.add_payment_entry("TXN-c-dup", "Sales Invoice", "ACC-SINV-2026-00004", 1000.0)
    site.queue("c-dup", "Sales Invoice", "ACC-SINV-2026-00004", paid_amount="1000.00")
    site.commit()
    try:
        run_scheduled(site, code)
    except Exception:
        pass
    try:
        expect(len(site.payment_entries()) == 1, "")
        ir = site.requests()["c-dup"]
        expect(ir["status"] == "Completed" and str(ir["output"]).startswith("ACC-PAY-2026-00001"), "")
    except Failed:
        return
    raise Failed("with the posted Payment Entry hidden, the already-posted scenario still passed: it checks nothing")


# Mutations the static checks must reject (each an AST change, so they do not depend on the wording).
class DropKeyword(ast.NodeTransformer):
    def __init__(self, dt, keyword, rename=None):
        self.dt, self.keyword, self.rename = dt, keyword, rename
        self.done = False

    def visit_Call(self, node):
        self.generic_visit(node)
        if dotted(node.func) == "frappe.call" and any(k.arg == "dt" and const(k.value) == self.dt
                                                        for k in node.keywords):
            for k in list(node.keywords):
                if k.arg == self.keyword:
                    self.done = True
                    if self.rename:
                        k.arg = self.rename
                    else:
                        node.keywords.remove(k)
        return node


def mutated(source, transformer):
    tree = transformer.visit(ast.parse(source))
    if isinstance(transformer, ast.NodeTransformer) and hasattr(transformer, "done") and not transformer.done:
        return None
    return ast.unparse(ast.fix_missing_locations(tree))


def mutation_tests(source, json_keys):
    cases = [
        ("without party_type='Student' on the Fees path", DropKeyword("Fees", "party_type"),
         "party_type='Student'"),
        ("with paid_amount= for party_amount=", DropKeyword("Sales Invoice", "party_amount", "paid_amount"),
         "does not bind"),
    ]
    out = []
    for label, transformer, needle in cases:
        text = mutated(source, transformer)
        if text is None:
            out.append((f"mutant {label}", f"could not make the mutant (no such call in the script)"))
            continue
        errors = static_errors(text, json_keys)
        ok = any(needle in e for e in errors)
        out.append((f"mutant {label} is rejected", None if ok else f"not rejected: {errors}"))
    text = "from erpnext.accounts.doctype.payment_entry.payment_entry import get_payment_entry\n" + source
    errors = static_errors(text, json_keys)
    out.append(("mutant with an import is rejected",
                None if any("cannot import" in e for e in errors) else f"not rejected: {errors}"))
    text = source.replace("json.loads(", "frappe.parse_json(", 1)
    if text != source:
        errors = static_errors(text, json_keys)
        out.append(("mutant with frappe.parse_json is rejected",
                    None if any("parse_json" in e for e in errors) else f"not rejected: {errors}"))
    return out


# ---------------------------------------------------------------------------

def main(argv):
    if len(argv) != 2:
        print("usage: check_erpnext_server_script.py <path to docs/erp-mapping.md>", file=sys.stderr)
        return 2
    docs = argv[1]
    with open(docs, encoding="utf-8") as f:
        markdown = f.read()
    repo_root = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(docs)), ".."))
    json_keys = payment_json_keys(repo_root)
    results = []
    scripts = extract_scripts(markdown)
    results.append(("the docs hold the Server Script", None if scripts else
                    f"no ```python block after {MARKER} in {docs}"))
    for line, source in scripts:
        tag = f"script at {os.path.basename(docs)}:{line}"
        errors = static_errors(source, json_keys)
        results.append((f"{tag}: restricted Python, signatures, fields, Fees and Sales Invoice paths",
                        "\n    ".join([""] + errors) if errors else None))
        try:
            code = compile(source, f"<{tag}>", "exec")
        except SyntaxError as e:
            results.append((f"{tag}: compiles", str(e)))
            continue
        for fn in (scenario_one_per_request, scenario_second_run, scenario_already_posted,
                   scenario_review_and_overpayment, scenario_discount_is_reviewed, scenario_failure_isolated,
                   scenario_cannot_miss_duplicates):
            label = f"{tag}: {fn.__name__.replace('scenario_', '').replace('_', ' ')}"
            try:
                fn(code)
                results.append((label, None))
            except Failed as e:
                results.append((label, str(e)))
            except Exception as e:  # the script itself raised
                results.append((label, f"{type(e).__name__}: {e}"))
        for label, error in mutation_tests(source, json_keys):
            results.append((f"{tag}: {label}", error))
    passed = sum(1 for _, e in results if e is None)
    failed = len(results) - passed
    for label, error in results:
        print(("ok      " if error is None else "FAILED  ") + label + ("" if error is None else ": " + error))
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
