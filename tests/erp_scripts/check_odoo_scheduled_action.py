#!/usr/bin/env python3
"""Checks the Odoo scheduled action of docs/erp-mapping.md against Odoo 17.0, 18.0 and 19.0.

    python3 check_odoo_scheduled_action.py docs/erp-mapping.md

Reads the ```python block after `<!-- erp-script: odoo-scheduled-action -->` in the docs'
`odoo` section, then, for each Odoo version:

- checks it is code Odoo's safe_eval runs (no import, no dunder, no `with`, only the names of a
  server action's evaluation context, no slice where safe_eval lacks BINARY_SLICE);
- checks every use of the Register Payment wizard (`account.payment.register`): the context
  keys its default_get reads, every key of the dict given to create(), every method called on
  the wizard and its arguments, against the wizard's fields and methods recorded below from
  upstream (UPSTREAM, each with the file and commit it was read from);
- runs it against a stand-in of Odoo's `env` (models with that version's field names, a cursor
  whose commit and rollback work) and checks that each queued payment makes exactly one
  payment, that a second run makes none, that a payment already registered is skipped, that an
  invoice with nothing to pay is left for review, and that one failing payment leaves the
  others registered.

Then it checks that it would fail: a few broken variants of the script (a memo check dropped,
a field or method misspelt, a slice) must each be caught.

Exit 0 when every check passes; 1 (with the failed checks named) otherwise.
Python 3 standard library only.
"""
import ast
import copy
import datetime
import re
import sys
import types

MARKER = "<!-- erp-script: odoo-scheduled-action -->"

# ---------------------------------------------------------------------------------------------
# What Odoo has, per version, read from upstream.
#
# 17.0: odoo/odoo branch 17.0, read in a copy of the 17.0 tree (github.com/Hari-49hp/odoo17,
#       commit 16a986391172d6934a1e4a13d941a33f77de6ac0, 2024-08):
#       addons/account/wizard/account_payment_register.py  git blob 682ed6f0e1a7bdf2c4d545003736fd87289ebeb3
#         l.624  def default_get(self, fields_list): reads context active_model ('account.move'
#                or 'account.move.line') and active_ids
#         l.681  def _create_payment_vals_from_wizard(self, batch_result): 'ref': self.communication
#         l.957  def action_create_payments(self)
#       addons/account/models/account_payment.py  blob 66d543535c9d458b117dd40103d294cf794ac487
#         _inherits = {'account.move': 'move_id'}: the payment's ref, date, state, journal_id
#         are its journal entry's; no field memo
#       odoo/addons/base/models/ir_actions.py  blob 6ef49cc3d537004f10d6e220d1da5544ac0c3e9d
#         l.103 and l.845 _get_eval_context (the names a server action's code sees)
#       odoo/tools/safe_eval.py  blob 333478a91dd189b5a99daca47676e79064c018d6
#         _SAFE_OPCODES has no BINARY_SLICE (Python 3.12's opcode for a[b:c]); _BUILTINS
# 18.0: odoo/odoo commit d737e896100cc5c7ffa62c7d13935001715c40f2 (nightly 18.0-20250421, read
#       in github.com/rakibhoossain/odoo-18.0.post20250421 commit 00b1ae50103f7f0a6889a462c6d5b05b242acb29):
#       addons/account/wizard/account_payment_register.py  blob c7ee251ff4a36c687dc21680f1c976c5d2c4e7e8
#         l.911  def default_get(self, fields_list)
#         l.968  def _create_payment_vals_from_wizard(self, batch_result): 'memo': self.communication
#         l.1267 def action_create_payments(self)
#       addons/account/models/account_payment.py  blob 2bfc2e3b1d5813605254d224be9f91afa1c82abf
#         l.107  memo = fields.Char(string="Memo", tracking=True); no _inherits
#       odoo/addons/base/models/ir_actions.py  blob c67b845124be8925196bb54a23cfb5f22b64f649
#       odoo/tools/safe_eval.py  blob 14659cfe9feb435282b5ca0d65f889b11ef8c547 (has BINARY_SLICE)
# 19.0: odoo/odoo branch 19.0, read in a copy of the 19.0 tree (github.com/jnvdx6/skymedic-odoo,
#       commit 85dffc07fba25f19927b3c87d0e9645b2ec697df, 2026-02):
#       addons/account/wizard/account_payment_register.py  blob b31e590904a3ae9a3a30a1860fb3d7b997570a40
#         l.928  def default_get(self, fields)
#         l.985  def _create_payment_vals_from_wizard(self, batch_result): 'memo': self.communication
#         l.1299 def action_create_payments(self)
#       addons/account/models/account_payment.py  blob 6fa1cbbb7ff521758f1003b193644ec42f9cf9ad
#         l.106  memo = fields.Char(string="Memo", tracking=True, inverse='_inverse_memo')
#       odoo/addons/base/models/ir_actions.py  blob b9597fa6939270572b4112c82648f606c662b0b0
#       odoo/tools/safe_eval.py  blob 22054010ee5f3225ee6e5f2035c51dd5dc216ef9 (has BINARY_SLICE)
# The wizard's field lists are every field of the model (the class and its extensions in the
# modules an Invoicing database has, account_payment's payment_token_id included), as read with
# Python's ast; tests/fixtures/erp/odoo/odoo_fields.json lists those modules.
# ---------------------------------------------------------------------------------------------

_WIZARD_17 = """
amount available_journal_ids available_partner_bank_ids available_payment_method_line_ids
can_edit_wizard can_group_payments communication company_currency_id company_id country_code
currency_id early_payment_discount_mode group_payment hide_writeoff_section journal_id line_ids
partner_bank_id partner_id partner_type payment_date payment_difference
payment_difference_handling payment_method_code payment_method_line_id payment_token_id
payment_type require_partner_bank_account show_partner_bank_account source_amount
source_amount_currency source_currency_id suitable_payment_token_ids total_payments_amount
untrusted_bank_ids untrusted_payments_count use_electronic_payment_method writeoff_account_id
writeoff_is_exchange_account writeoff_label
"""
_WIZARD_18_19 = """
actionable_errors amount available_journal_ids available_partner_bank_ids
available_payment_method_line_ids batches can_edit_wizard can_group_payments communication
company_currency_id company_id country_code currency_id custom_user_amount
custom_user_currency_id duplicate_payment_ids early_payment_discount_mode group_payment
hide_writeoff_section installments_mode installments_switch_amount installments_switch_html
is_register_payment_on_draft journal_id line_ids missing_account_partners partner_bank_id
partner_id partner_type payment_date payment_difference payment_difference_handling
payment_method_code payment_method_line_id payment_token_id payment_type qr_code
require_partner_bank_account show_partner_bank_account show_payment_difference source_amount
source_amount_currency source_currency_id suitable_payment_token_ids total_payments_amount
untrusted_bank_ids untrusted_payments_count use_electronic_payment_method writeoff_account_id
writeoff_is_exchange_account writeoff_label
"""
# ir.actions.actions._get_eval_context + ir.actions.server._get_eval_context (17.0, 18.0, 19.0)
_EVAL_CONTEXT = """uid user time datetime dateutil timezone float_compare b64encode b64decode
Command env model UserError record records log _logger"""
# odoo/tools/safe_eval.py _BUILTINS (the same in 17.0, 18.0, 19.0)
_BUILTINS = """True False None bytes str unicode bool int float enumerate dict list tuple map abs
min max sum reduce filter sorted round len repr set all any ord chr divmod isinstance range
xrange zip Exception"""

# account.payment fields the stand-in gives a payment. 17.0: ref, date, state, journal_id and
# name come from the payment's account.move through _inherits.
_PAYMENT_COMMON = {"amount", "partner_id", "partner_type", "payment_type", "payment_method_line_id",
                   "payment_reference", "move_id", "currency_id", "destination_account_id"}

UPSTREAM = {
    "17.0": {
        "wizard_fields": frozenset(_WIZARD_17.split()),
        # method -> its parameters after self, as upstream declares them
        "wizard_methods": {"default_get": ["fields_list"], "action_create_payments": [],
                           "action_open_untrusted_bank_accounts": []},
        "payment_fields": frozenset(_PAYMENT_COMMON | {"ref", "date", "state", "journal_id", "name"}),
        "memo_field": "ref",
        "binary_slice": False,
    },
    "18.0": {
        "wizard_fields": frozenset(_WIZARD_18_19.split()),
        "wizard_methods": {"default_get": ["fields_list"], "action_create_payments": [],
                           "action_open_untrusted_bank_accounts": [],
                           "action_open_missing_account_partners": []},
        "payment_fields": frozenset(_PAYMENT_COMMON | {"memo", "date", "state", "journal_id", "name"}),
        "memo_field": "memo",
        "binary_slice": True,
    },
    "19.0": {
        "wizard_fields": frozenset(_WIZARD_18_19.split()),
        "wizard_methods": {"default_get": ["fields"], "action_create_payments": [],
                           "action_open_untrusted_bank_accounts": [],
                           "action_open_missing_account_partners": []},
        "payment_fields": frozenset(_PAYMENT_COMMON | {"memo", "date", "state", "journal_id", "name"}),
        "memo_field": "memo",
        "binary_slice": True,
    },
}
for _v in UPSTREAM.values():
    _v["eval_names"] = frozenset(_EVAL_CONTEXT.split())
    _v["builtins"] = frozenset(_BUILTINS.split())

# The ORM methods (odoo/models.py; 19.0 odoo/orm/models.py) the stand-in offers, with the
# parameters upstream declares: search(domain, offset=0, limit=None, order=None),
# search_count(domain, limit=None), fields_get(allfields=None, attributes=None), write(vals),
# create(vals_list), browse(ids), with_context(*args, **kwargs) (19.0: (ctx=None, /, **overrides)).
# account.move, account.journal: the fields the script may read (all exist in 17.0, 18.0, 19.0).
MOVE_FIELDS = {"name", "move_type", "state", "amount_residual", "payment_state", "partner_id",
               "company_id", "ref", "currency_id"}
JOURNAL_FIELDS = {"name", "code", "type", "company_id", "inbound_payment_method_line_ids"}
METHOD_LINE_FIELDS = {"name", "journal_id", "payment_method_id"}
# The x_jodo_payment model the docs have the administrator make (the module writes these).
X_JODO_PAYMENT_FIELDS = {"x_name", "x_collection_id", "x_move_name", "x_order_id", "x_amount",
                         "x_paid_at", "x_transaction_id", "x_state", "create_date", "write_date"}
KNOWN_MODELS = {"x_jodo_payment", "account.move", "account.payment", "account.journal",
                "account.payment.register", "account.payment.method.line"}
WIZARD = "account.payment.register"


# ---------------------------------------------------------------------------------------------
# Reading the script out of the docs
# ---------------------------------------------------------------------------------------------
def odoo_section(markdown):
    start = re.search(r"^## `odoo`", markdown, re.M)
    if not start:
        raise AssertionError("no '## `odoo`' section in the docs")
    end = re.search(r"^## ", markdown[start.end():], re.M)
    return markdown[start.start(): start.end() + end.start() if end else len(markdown)]


def extract_script(markdown):
    section = odoo_section(markdown)
    at = section.find(MARKER)
    if at < 0:
        raise AssertionError("no %s in the odoo section" % MARKER)
    block = re.match(r"\s*```python\n(.*?)\n```", section[at + len(MARKER):], re.S)
    if not block:
        raise AssertionError("no ```python block right after " + MARKER)
    return block.group(1)


# ---------------------------------------------------------------------------------------------
# Static checks
# ---------------------------------------------------------------------------------------------
def safe_eval_problems(tree, up):
    """What Odoo's safe_eval would refuse: opcodes it lacks, names it does not give."""
    problems = []
    assigned = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            problems.append("line %d: import (safe_eval has no __import__ for it)" % node.lineno)
        if isinstance(node, (ast.With, ast.AsyncWith)):
            problems.append("line %d: `with` (safe_eval has no BEFORE_WITH/SETUP_WITH)" % node.lineno)
        if isinstance(node, (ast.Global, ast.Nonlocal, ast.Await, ast.Yield, ast.YieldFrom,
                             ast.ClassDef)):
            problems.append("line %d: %s is not for a server action" % (node.lineno, type(node).__name__))
        if isinstance(node, ast.Slice) and not up["binary_slice"]:
            problems.append("line %d: a slice (this safe_eval has no BINARY_SLICE)" % node.lineno)
        if isinstance(node, ast.Name) and "__" in node.id:
            problems.append("line %d: dunder name %s" % (node.lineno, node.id))
        if isinstance(node, ast.Attribute) and "__" in node.attr:
            problems.append("line %d: dunder attribute %s" % (node.lineno, node.attr))
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            assigned.add(node.id)
        if isinstance(node, ast.ExceptHandler) and node.name:
            assigned.add(node.name)
        if isinstance(node, (ast.FunctionDef, ast.Lambda)):
            args = node.args
            for a in args.posonlyargs + args.args + args.kwonlyargs:
                assigned.add(a.arg)
            if isinstance(node, ast.FunctionDef):
                assigned.add(node.name)
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            if node.id not in assigned and node.id not in up["eval_names"] and node.id not in up["builtins"]:
                problems.append("line %d: %s is not a name a server action's code has (eval context: %s)"
                                % (node.lineno, node.id, ", ".join(sorted(up["eval_names"]))))
    return problems


def env_model(node):
    """'x' for env["x"]; None otherwise."""
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id == "env":
        key = node.slice
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            return key.value
    return None


def wizard_problems(tree, up):
    """Every use of account.payment.register against the recorded fields and methods."""
    problems = []
    dicts = {}          # name -> set of constant keys given to it (dict literal + name[k] = ...)
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name) and isinstance(node.value, ast.Dict):
                keys = dicts.setdefault(target.id, set())
                for k in node.value.keys:
                    if not (isinstance(k, ast.Constant) and isinstance(k.value, str)):
                        problems.append("line %d: a key of %s is not a constant field name"
                                        % (node.lineno, target.id))
                    else:
                        keys.add(k.value)
            if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name):
                if isinstance(target.slice, ast.Constant) and isinstance(target.slice.value, str):
                    dicts.setdefault(target.value.id, set()).add(target.slice.value)
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript):
            model = env_model(node)
            if model is not None and model not in KNOWN_MODELS:
                problems.append("line %d: env[%r] is not a model the script should need" % (node.lineno, model))
    wizard_vars = set()
    creates = 0
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        receiver, method = node.func.value, node.func.attr
        base = receiver
        with_context = None
        if isinstance(base, ast.Call) and isinstance(base.func, ast.Attribute) and base.func.attr == "with_context":
            with_context, base = base, base.func.value
        if env_model(base) != WIZARD:
            continue
        if method == "with_context" and with_context is None:
            continue        # env[wizard].with_context(...): checked with the create() it leads to
        if method != "create":
            problems.append("line %d: %s.%s(): only create() is expected on the wizard model"
                            % (node.lineno, WIZARD, method))
            continue
        creates += 1
        if with_context is None:
            problems.append("line %d: the wizard is made without the invoice in its context "
                            "(default_get reads active_model and active_ids)" % node.lineno)
        else:
            keys = {k.arg for k in with_context.keywords}
            if keys != {"active_model", "active_ids"} or with_context.args:
                problems.append("line %d: with_context(%s): default_get reads active_model and "
                                "active_ids" % (node.lineno, ", ".join(sorted(k for k in keys if k))))
            for k in with_context.keywords:
                if k.arg == "active_model" and not (isinstance(k.value, ast.Constant)
                                                    and k.value.value == "account.move"):
                    problems.append("line %d: active_model must be 'account.move'" % node.lineno)
        if len(node.args) != 1 or node.keywords:
            problems.append("line %d: create() takes one dict of values" % node.lineno)
            continue
        values = node.args[0]
        if isinstance(values, ast.Dict):
            keys = set()
            for k in values.keys:
                if isinstance(k, ast.Constant) and isinstance(k.value, str):
                    keys.add(k.value)
                else:
                    problems.append("line %d: a key given to create() is not a constant" % node.lineno)
        elif isinstance(values, ast.Name) and values.id in dicts:
            keys = dicts[values.id]
        else:
            problems.append("line %d: create() gets values the check cannot read" % node.lineno)
            continue
        for key in sorted(keys - up["wizard_fields"]):
            problems.append("line %d: %s has no field %r" % (node.lineno, WIZARD, key))
        if "amount" not in keys or "communication" not in keys:
            problems.append("line %d: create() must give amount and communication (the memo)" % node.lineno)
    if not creates:
        problems.append("the script never makes the Register Payment wizard")
    # the names the wizard is bound to, then what is called on them
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            value = node.value
            if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr == "create":
                base = value.func.value
                if isinstance(base, ast.Call) and isinstance(base.func, ast.Attribute):
                    base = base.func.value
                if env_model(base) == WIZARD:
                    wizard_vars.add(node.targets[0].id)
    called = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            target = node.func.value
            on_wizard = (isinstance(target, ast.Name) and target.id in wizard_vars) or (
                isinstance(target, ast.Call) and isinstance(target.func, ast.Attribute)
                and target.func.attr == "create" and env_model(
                    target.func.value.func.value if isinstance(target.func.value, ast.Call)
                    and isinstance(target.func.value.func, ast.Attribute) else target.func.value) == WIZARD)
            if not on_wizard:
                continue
            method = node.func.attr
            called.add(method)
            if method not in up["wizard_methods"]:
                problems.append("line %d: %s has no method %s()" % (node.lineno, WIZARD, method))
                continue
            params = up["wizard_methods"][method]
            if len(node.args) > len(params) or any(k.arg not in params for k in node.keywords):
                problems.append("line %d: %s.%s(%s) is called with other arguments"
                                % (node.lineno, WIZARD, method, ", ".join(params)))
    if "action_create_payments" not in called:
        problems.append("the wizard's action_create_payments() is never called")
    return problems


# ---------------------------------------------------------------------------------------------
# A stand-in of Odoo's env
# ---------------------------------------------------------------------------------------------
class UserError(Exception):
    pass


class Database:
    def __init__(self, tables):
        self.tables = tables          # model -> {id: {field: value}}
        self.committed = copy.deepcopy(tables)
        self.log = []                 # (message, level)
        self.wizards = []             # (context, values) of each wizard made

    def commit(self):
        self.committed = copy.deepcopy(self.tables)

    def rollback(self):
        self.tables = copy.deepcopy(self.committed)

    def next_id(self, model):
        rows = self.tables.setdefault(model, {})
        return max(rows, default=0) + 1


class Cursor:
    def __init__(self, db):
        self._db = db

    def commit(self):
        self._db.commit()

    def rollback(self):
        self._db.rollback()


class Env:
    def __init__(self, db, version, context=None):
        self._db, self._version, self.context = db, version, dict(context or {})
        self.cr = Cursor(db)

    def __getitem__(self, model):
        if model not in KNOWN_MODELS:
            raise KeyError(model)
        return Records(self, model, ())


def fields_of(env, model):
    up = UPSTREAM[env._version]
    return {
        "x_jodo_payment": X_JODO_PAYMENT_FIELDS,
        "account.move": MOVE_FIELDS,
        "account.payment": up["payment_fields"],
        "account.journal": JOURNAL_FIELDS,
        "account.payment.method.line": METHOD_LINE_FIELDS,
        "account.payment.register": up["wizard_fields"],
    }[model]


RELATIONS = {("account.move", "company_id"): "res.company",
             ("account.journal", "company_id"): "res.company",
             ("account.journal", "inbound_payment_method_line_ids"): "account.payment.method.line"}


class Records:
    """A recordset: iterable, truthy when not empty, fields as attributes, the ORM's methods."""

    def __init__(self, env, model, ids):
        self.env, self._name, self._ids = env, model, tuple(ids)

    # -- recordset basics
    def __iter__(self):
        return (Records(self.env, self._name, (i,)) for i in self._ids)

    def __len__(self):
        return len(self._ids)

    def __bool__(self):
        return bool(self._ids)

    def __eq__(self, other):
        return isinstance(other, Records) and (self._name, self._ids) == (other._name, other._ids)

    def __hash__(self):
        return hash((self._name, self._ids))

    @property
    def ids(self):
        return list(self._ids)

    @property
    def id(self):
        return self._ids[0] if self._ids else False

    def _row(self):
        if len(self._ids) != 1:
            raise ValueError("Expected singleton: %s%r" % (self._name, self._ids))
        return self.env._db.tables[self._name][self._ids[0]]

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        if name in fields_of(self.env, self._name):
            if not self._ids:
                return Records(self.env, RELATIONS[(self._name, name)], ()) \
                    if (self._name, name) in RELATIONS else False
            value = self._row().get(name, False)
            if (self._name, name) in RELATIONS:
                ids = value if isinstance(value, (list, tuple)) else ([value] if value else [])
                return Records(self.env, RELATIONS[(self._name, name)], ids)
            return value
        if self._name == WIZARD:
            raise AttributeError("'%s' object has no attribute '%s'" % (WIZARD, name))
        raise AttributeError("%s has no field or method %s (in Odoo %s)" % (self._name, name, self.env._version))

    # -- ORM
    def _check_fields(self, names, what):
        unknown = set(names) - fields_of(self.env, self._name)
        if unknown:
            raise ValueError("Invalid field %s on model %s (%s, Odoo %s)"
                             % (", ".join(sorted(unknown)), self._name, what, self.env._version))

    def _match(self, row, domain):
        for term in domain:
            if isinstance(term, str):
                raise ValueError("the stand-in knows only AND-ed (field, op, value) terms")
            field, op, value = term
            have = row.get(field, False)
            if op == "=" and have != value:
                return False
            if op == "!=" and have == value:
                return False
            if op == "in" and have not in value:
                return False
            if op not in ("=", "!=", "in"):
                raise ValueError("the stand-in knows no operator %r" % op)
        return True

    def search(self, domain, offset=0, limit=None, order=None):
        self._check_fields([t[0] for t in domain if not isinstance(t, str)], "search domain")
        rows = self.env._db.tables.get(self._name, {})
        ids = sorted(i for i, row in rows.items() if self._match(row, domain))
        if order not in (None, "id", "id asc", "id desc"):
            raise ValueError("the stand-in sorts by id only, not %r" % order)
        if order == "id desc":
            ids.reverse()
        ids = ids[offset:]
        if limit is not None:
            ids = ids[:limit]
        return Records(self.env, self._name, ids)

    def search_count(self, domain, limit=None):
        return len(self.search(domain, limit=limit))

    def fields_get(self, allfields=None, attributes=None):
        names = fields_of(self.env, self._name)
        return {n: {"name": n} for n in sorted(names) if not allfields or n in allfields}

    def browse(self, ids=()):
        return Records(self.env, self._name, [ids] if isinstance(ids, int) else ids)

    def with_context(self, *args, **kwargs):
        context = dict(self.env.context)
        for a in args:
            context.update(a)
        context.update(kwargs)
        return Records(Env(self.env._db, self.env._version, context), self._name, self._ids)

    def write(self, vals):
        self._check_fields(vals, "write")
        for i in self._ids:
            self.env._db.tables[self._name][i].update(vals)
        return True

    def create(self, vals):
        if not isinstance(vals, dict):
            raise TypeError("the stand-in's create takes one dict")
        if self._name == WIZARD:
            return self._create_wizard(vals)
        self._check_fields(vals, "create")
        new_id = self.env._db.next_id(self._name)
        self.env._db.tables.setdefault(self._name, {})[new_id] = dict(vals)
        return Records(self.env, self._name, (new_id,))

    # -- account.payment.register, as upstream's default_get and action_create_payments do it
    def _create_wizard(self, vals):
        self._check_fields(vals, "create")
        ctx = self.env.context
        if ctx.get("active_model") != "account.move":
            raise UserError("The register payment wizard should only be called on account.move "
                            "or account.move.line records.")
        moves = Records(self.env, "account.move", ctx.get("active_ids") or ())
        if not moves:
            raise UserError("You can't open the register payment wizard without at least one "
                            "receivable/payable line.")
        for move in moves:
            if move.state != "posted":
                raise UserError("You can only register payment for posted journal entries.")
        if all(m.amount_residual <= 0 for m in moves):
            raise UserError("You can't register a payment because there is nothing left to pay.")
        values = {"payment_date": datetime.date.today().isoformat()}
        values.update(vals)
        if not values.get("payment_date"):
            raise ValueError("payment_date is required")
        self.env._db.wizards.append((dict(ctx), dict(vals)))
        wizard_id = self.env._db.next_id(WIZARD)
        self.env._db.tables.setdefault(WIZARD, {})[wizard_id] = dict(values, _moves=moves.ids)
        return Wizard(self.env, WIZARD, (wizard_id,))


class Wizard(Records):
    def default_get(self, fields_list):
        return {}

    def action_open_untrusted_bank_accounts(self):
        return {}

    def action_open_missing_account_partners(self):
        if self.env._version == "17.0":
            raise AttributeError("no action_open_missing_account_partners in 17.0")
        return {}

    def action_create_payments(self):
        db, up = self.env._db, UPSTREAM[self.env._version]
        row = self._row()
        move_id = row["_moves"][0]
        move = db.tables["account.move"][move_id]
        amount = row.get("amount") if row.get("amount") is not None else move["amount_residual"]
        payment = {
            "amount": amount, "date": row["payment_date"], up["memo_field"]: row.get("communication"),
            "partner_id": move["partner_id"], "partner_type": "customer", "payment_type": "inbound",
            "journal_id": row.get("journal_id"), "payment_method_line_id": row.get("payment_method_line_id"),
            "state": "posted" if self.env._version == "17.0" else "in_process",
        }
        new_id = db.next_id("account.payment")
        db.tables.setdefault("account.payment", {})[new_id] = payment
        if move.get("_fails"):
            # as Odoo does when posting fails part-way (a lock date, a journal without accounts)
            raise UserError(move["_fails"])
        move["amount_residual"] = max(move["amount_residual"] - amount, 0)
        move["payment_state"] = "partial" if move["amount_residual"] > 0 else "in_payment"
        if self.env.context.get("dont_redirect_to_payments"):
            return True
        return {"type": "ir.actions.act_window", "res_model": "account.payment", "res_id": new_id}


def wrapped_datetime():
    # odoo/tools/safe_eval.py: wrap_module(datetime, ['date', 'datetime', 'time', 'timedelta',
    # 'timezone', 'tzinfo', 'MAXYEAR', 'MINYEAR'])
    return types.SimpleNamespace(date=datetime.date, datetime=datetime.datetime, time=datetime.time,
                                 timedelta=datetime.timedelta, timezone=datetime.timezone,
                                 tzinfo=datetime.tzinfo, MAXYEAR=datetime.MAXYEAR, MINYEAR=datetime.MINYEAR)


def run_action(code, db, version):
    """One run of the scheduled action, in its own transaction, as ir.cron runs it."""
    import builtins
    import functools
    up = UPSTREAM[version]
    safe_builtins = {n: getattr(builtins, n) for n in up["builtins"]
                     if n not in ("unicode", "xrange", "reduce") and hasattr(builtins, n)}
    safe_builtins.update(unicode=str, xrange=range, reduce=functools.reduce)
    env = Env(db, version)
    x_model = env["x_jodo_payment"]
    scope = {
        "__builtins__": safe_builtins, "env": env, "model": x_model, "record": None, "records": None,
        "log": lambda message, level="info": db.log.append((message, level)),
        "_logger": types.SimpleNamespace(info=print, warning=print, error=print),
        "UserError": UserError, "uid": 2, "user": None, "time": None, "datetime": wrapped_datetime(),
        "dateutil": None, "timezone": None, "float_compare": None, "b64encode": None,
        "b64decode": None, "Command": None,
    }
    db.commit()                       # the cron's transaction starts here
    try:
        exec(compile(code, "<scheduled action>", "exec"), scope)
    except Exception:
        db.rollback()
        raise
    db.commit()                       # and ends here


# ---------------------------------------------------------------------------------------------
# The scenario
# ---------------------------------------------------------------------------------------------
JODO_JOURNAL, METHOD_LINE = 9, 77


def new_database():
    def move(name, residual, move_type="out_invoice", state="posted", fails=None):
        row = {"name": name, "move_type": move_type, "state": state, "amount_residual": residual,
               "payment_state": "not_paid", "partner_id": 7, "company_id": 1, "ref": None,
               "currency_id": 20}
        if fails:
            row["_fails"] = fails
        return row

    def queued(txn, invoice, amount, state="queued"):
        return {"x_name": txn, "x_collection_id": "col-" + txn, "x_move_name": invoice,
                "x_order_id": "ord-" + txn, "x_amount": amount, "x_paid_at": "2026-11-21T04:30:00Z",
                "x_transaction_id": txn, "x_state": state}
    return Database({
        "account.move": {
            101: move("INV/2026/00001", 12500.0),
            102: move("INV/2026/00002", 2000.0),
            103: move("INV/2026/00003", 0.0),                       # paid already
            104: move("INV/2026/00004", 3000.0, fails="The lock date for Sales is set on 2026-10-31"),
            105: move("INV/2026/00005", 500.0),
            106: move("INV/2026/00006", 200.0),
            107: move("BILL/2026/00001", 999.0, move_type="in_invoice"),
        },
        "account.journal": {
            1: {"name": "Bank", "code": "BNK1", "type": "bank", "company_id": 1,
                "inbound_payment_method_line_ids": [70]},
            JODO_JOURNAL: {"name": "Jodo", "code": "JODO", "type": "bank", "company_id": 1,
                           "inbound_payment_method_line_ids": [METHOD_LINE, 78]},
        },
        "account.payment.method.line": {70: {"name": "Manual"}, METHOD_LINE: {"name": "Jodo"},
                                        78: {"name": "Manual"}},
        "account.payment": {},
        "x_jodo_payment": {
            1: queued("TXN-1", "INV/2026/00001", 5000.0),             # a part payment
            2: queued("TXN-2", "INV/2026/00002", 750.5),            # registered by hand already
            3: queued("TXN-3", "INV/2026/00005", 500.0),
            4: queued("TXN-4", "INV/2026/00004", 3000.0),           # Odoo refuses: lock date
            5: queued("TXN-5", "INV/2026/00006", 200.0),            # after the failing one
            6: queued("TXN-6", "INV/2026/00003", 100.0),            # nothing left to pay
            7: queued("TXN-7", "INV/2026/00099", 10.0),             # no such invoice
            8: queued("TXN-8", "BILL/2026/00001", 999.0),           # not a customer invoice
            9: queued("TXN-0", "INV/2026/00002", 1.0, state="done"),
        },
    }, )


def payments_with_memo(db, version, memo):
    field = UPSTREAM[version]["memo_field"]
    return [p for p in db.tables["account.payment"].values() if p.get(field) == memo]


def scenario(code, version):
    """Runs the script three times; returns the problems seen (empty when it behaves)."""
    problems = []
    db = new_database()
    memo_field = UPSTREAM[version]["memo_field"]
    # An accountant registered TXN-2 by hand, with the memo the script uses.
    db.tables["account.payment"][1] = {"amount": 750.5, "date": "2026-11-21", memo_field: "Jodo TXN-2",
                                       "partner_id": 7, "state": "posted"}
    db.tables["account.move"][102]["amount_residual"] = 1249.5
    db.tables["account.move"][102]["payment_state"] = "partial"
    db.commit()

    def expect(cond, what):
        if not cond:
            problems.append(what)

    def state(row):
        return db.tables["x_jodo_payment"][row]["x_state"]

    try:
        run_action(code, db, version)
    except Exception as e:
        return ["run 1 stopped: %s: %s" % (type(e).__name__, e)]
    pays = db.tables["account.payment"]
    expect(len(pays) == 4, "run 1: %d payments, expected 4 (the one by hand, TXN-1, TXN-3, TXN-5)" % len(pays))
    for txn, amount, move, owed in (("TXN-1", 5000.0, 101, 7500.0), ("TXN-3", 500.0, 105, 0.0),
                                    ("TXN-5", 200.0, 106, 0.0)):
        found = payments_with_memo(db, version, "Jodo " + txn)
        expect(len(found) == 1, "run 1: %d payments with memo 'Jodo %s' (%s), expected 1" % (len(found), txn, memo_field))
        if found:
            p = found[0]
            expect(p["amount"] == amount, "run 1: %s registered %r, expected %r" % (txn, p["amount"], amount))
            expect(p["date"] == "2026-11-21", "run 1: %s dated %r, expected 2026-11-21 (x_paid_at's date)" % (txn, p["date"]))
            expect(p["journal_id"] == JODO_JOURNAL, "run 1: %s not in the JODO journal" % txn)
            expect(p["payment_method_line_id"] == METHOD_LINE, "run 1: %s without the JODO journal's first incoming method" % txn)
        left = db.tables["account.move"][move]["amount_residual"]
        expect(left == owed, "run 1: invoice %d owes %r, expected %r" % (move, left, owed))
    expect(len(payments_with_memo(db, version, "Jodo TXN-2")) == 1, "run 1: TXN-2 (registered by hand) registered again")
    expect(db.tables["account.move"][102]["amount_residual"] == 1249.5, "run 1: TXN-2's invoice paid twice")
    expect(not payments_with_memo(db, version, "Jodo TXN-4"), "run 1: the failed TXN-4 left a payment behind")
    expect(db.tables["account.move"][104]["amount_residual"] == 3000.0, "run 1: the failed TXN-4 changed its invoice")
    for row, want in ((1, "done"), (2, "done"), (3, "done"), (4, "failed"), (5, "done"), (6, "review"),
                      (7, "review"), (8, "review"), (9, "done")):
        expect(state(row) == want, "run 1: x_jodo_payment %d is %r, expected %r" % (row, state(row), want))
    for ctx, vals in db.wizards:
        expect(ctx.get("active_model") == "account.move" and len(ctx.get("active_ids") or ()) == 1,
               "run 1: a wizard made with context %r" % ctx)
    expect(any(level in ("error",) and "TXN-4" in msg for msg, level in db.log),
           "run 1: nothing logged for the failed TXN-4")

    # Run 2: nothing is queued any more.
    try:
        run_action(code, db, version)
    except Exception as e:
        return problems + ["run 2 stopped: %s: %s" % (type(e).__name__, e)]
    expect(len(db.tables["account.payment"]) == 4, "run 2: made %d payments, expected none"
           % (len(db.tables["account.payment"]) - 4))

    # Run 3: a person queues TXN-1 again by mistake, and TXN-4 again once the lock date is fixed.
    db.tables["x_jodo_payment"][1]["x_state"] = "queued"
    db.tables["x_jodo_payment"][4]["x_state"] = "queued"
    del db.tables["account.move"][104]["_fails"]
    db.commit()
    try:
        run_action(code, db, version)
    except Exception as e:
        return problems + ["run 3 stopped: %s: %s" % (type(e).__name__, e)]
    expect(len(payments_with_memo(db, version, "Jodo TXN-1")) == 1, "run 3: TXN-1, queued again, was registered twice")
    expect(len(payments_with_memo(db, version, "Jodo TXN-4")) == 1, "run 3: TXN-4 was not registered once")
    expect(len(db.tables["account.payment"]) == 5, "run 3: %d payments, expected 5" % len(db.tables["account.payment"]))
    expect(state(1) == "done" and state(4) == "done", "run 3: TXN-1 %r, TXN-4 %r, expected done" % (state(1), state(4)))
    return problems


# ---------------------------------------------------------------------------------------------
def check_script(code):
    """All checks for one text of the script: {version: [problems]} (a parse error under '*')."""
    try:
        tree = ast.parse(code)
    except SyntaxError as e:
        return {"*": ["does not parse: %s" % e]}
    result = {}
    for version, up in UPSTREAM.items():
        problems = safe_eval_problems(tree, up) + wizard_problems(tree, up)
        if not problems:
            problems = scenario(code, version)
        result[version] = problems
    return result


# Broken variants the checks must catch: (what, old text, new text).
MUTANTS = [
    ("the memo check dropped", 'if env["account.payment"].search_count([(MEMO, "=", memo)]):', "if False:"),
    ("the memo given as 'memo' to the wizard", '"communication": memo,', '"memo": memo,'),
    ("a method the wizard does not have", "wizard.action_create_payments()", "wizard.action_register_payments()"),
    ("the 18.0 memo field used on every version",
     'MEMO = "memo" if env["account.payment"].fields_get(["memo"]) else "ref"', 'MEMO = "memo"'),
    ("a slice on x_paid_at", '(p.x_paid_at or "").split("T")[0].split(" ")[0]', '(p.x_paid_at or "")[:10]'),
    ("no commit after a payment", '        wizard.action_create_payments()\n        p.write({"x_state": "done"})\n        env.cr.commit()',
     '        wizard.action_create_payments()\n        p.write({"x_state": "done"})'),
    ("the wizard without the invoice in its context", 'active_model="account.move", active_ids=move.ids)', ")"),
    ("fields.Date.today(), which a server action does not have", "datetime.date.today().isoformat()", "fields.Date.today()"),
]


def main(argv):
    if len(argv) != 2:
        print("usage: check_odoo_scheduled_action.py <docs/erp-mapping.md>")
        return 2
    passed, failed = 0, 0

    def report(ok, what, detail=()):
        nonlocal passed, failed
        if ok:
            passed += 1
            print("ok - " + what)
        else:
            failed += 1
            print("FAIL - " + what)
            for line in detail:
                print("    " + line)

    try:
        markdown = open(argv[1], encoding="utf-8").read()
        code = extract_script(markdown)
    except (OSError, AssertionError) as e:
        report(False, "the scheduled action is in the docs", [str(e)])
        print("%d passed, %d failed" % (passed, failed))
        return 1
    report(True, "the scheduled action is in the odoo section of " + argv[1])

    section = odoo_section(markdown)
    missing = sorted(f for f in X_JODO_PAYMENT_FIELDS - {"create_date", "write_date"} if f not in section)
    report(not missing, "the docs have the administrator make every x_jodo_payment field the script reads",
           ["not in the odoo section: " + ", ".join(missing)] if missing else ())

    results = check_script(code)
    if "*" in results:
        report(False, "the script parses", results["*"])
    else:
        for version, problems in results.items():
            report(not problems, "Odoo %s: safe_eval shape, wizard fields and methods, and three runs "
                                 "(one payment each, none twice, skipped when registered)" % version, problems)

    for what, old, new in MUTANTS:
        if old not in code:
            report(False, "broken variant '%s' is caught" % what,
                   ["the script no longer has %r: update MUTANTS" % old])
            continue
        mutated = check_script(code.replace(old, new, 1))
        caught = any(mutated.values())
        report(caught, "broken variant '%s' is caught" % what,
               () if caught else ["every check passed on the broken script"])

    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
