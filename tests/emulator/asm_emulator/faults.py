"""Fault rules of the control API (``/_emulator/faults``), in the spirit of LocalStack's chaos API.

A rule matches a method (or ``*``) and a regular expression searched in the request path (with the
subscription, without the query) and has one effect: an ASM error answer (``status``, ``code``,
``message``), a dropped connection (``drop``), a 307 to the second listener (``redirect``), or a
mutation accepted normally whose asynchronous operation ends ``Failed`` (``fail_operation``); or
only ``latency``, which may also accompany any effect. It applies to the next ``count`` matches
(default 1) or, with ``probability``, to each match with that probability. Rules live in memory:
they are test set-up, not emulated state.
"""
from __future__ import annotations

import itertools
import random
import re
import threading

_DEFAULT_CODES = {400: "BadRequest", 403: "ForbiddenError", 404: "ResourceNotFound", 409: "ConflictError",
                  500: "InternalError", 503: "ServerBusy", 504: "OperationTimedOut"}
_DEFAULT_MESSAGES = {
    "InternalError": "The server encountered an internal error. Please retry the request.",
    "ServerBusy": "The server is currently unable to receive requests. Please retry your request.",
    "ConflictError": "A conflict occurred to prevent the operation from completing.",
    "OperationTimedOut": "The operation could not be completed within the permitted time.",
    "ResourceNotFound": "The specified resource does not exist.",
    "BadRequest": "A parameter was incorrect.",
}
_KNOWN_KEYS = {"method", "path", "status", "code", "message", "latency", "drop", "redirect", "fail_operation", "count", "probability"}


class FaultSpecError(ValueError):
    """A rule that cannot be stored; the message says why."""


class FaultRule:
    """One stored rule with its remaining count and hits."""

    def __init__(self, rule_id, spec):
        self.id = rule_id
        self.method = spec["method"]
        self.path = spec["path"]
        self.pattern = spec["pattern"]
        self.status = spec.get("status")
        self.code = spec.get("code")
        self.message = spec.get("message")
        self.latency = spec.get("latency", 0.0)
        self.drop = spec.get("drop", False)
        self.redirect = spec.get("redirect", False)
        self.fail_operation = spec.get("fail_operation")
        self.remaining = spec.get("count")
        self.probability = spec.get("probability")
        self.hits = 0

    def as_json(self):
        data = {"id": self.id, "method": self.method, "path": self.path, "remaining": self.remaining, "hits": self.hits}
        for key in ("status", "code", "message", "probability", "fail_operation"):
            value = getattr(self, key)
            if value is not None:
                data[key] = value
        if self.latency:
            data["latency"] = self.latency
        if self.drop:
            data["drop"] = True
        if self.redirect:
            data["redirect"] = True
        return data

    def matches(self, method, path):
        if self.remaining is not None and self.remaining <= 0:
            return False
        if self.method != "*" and self.method != method.upper():
            return False
        return self.pattern.search(path) is not None


def _number(spec, key, minimum=None, maximum=None, integer=False):
    value = spec[key]
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (integer and not isinstance(value, int)):
        raise FaultSpecError("%s must be a%s number" % (key, "n integer" if integer else ""))
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        raise FaultSpecError("%s must be between %s and %s" % (key, minimum, maximum))
    return value


def validate(spec):
    """Check a rule as posted and fill in defaults; FaultSpecError says what is wrong."""
    if not isinstance(spec, dict):
        raise FaultSpecError("a fault rule is a JSON object")
    unknown = set(spec) - _KNOWN_KEYS
    if unknown:
        raise FaultSpecError("unknown key(s): %s" % ", ".join(sorted(unknown)))
    rule = {"method": str(spec.get("method", "*")).upper(), "path": spec.get("path", "")}
    if not isinstance(rule["path"], str):
        raise FaultSpecError("path must be a regular expression string")
    try:
        rule["pattern"] = re.compile(rule["path"])
    except re.error as exc:
        raise FaultSpecError("path is not a valid regular expression: %s" % exc) from None
    effects = [key for key in ("status", "drop", "redirect", "fail_operation") if spec.get(key) not in (None, False)]
    if len(effects) > 1:
        raise FaultSpecError("give one of status, drop, redirect, fail_operation (got %s)" % ", ".join(effects))
    if "latency" in spec:
        rule["latency"] = float(_number(spec, "latency", 0, 300))
    if not effects and not rule.get("latency"):
        raise FaultSpecError("a rule needs an effect: status, drop, redirect, fail_operation or latency")
    if "status" in effects:
        rule["status"] = _number(spec, "status", 300, 599, integer=True)
        rule["code"] = str(spec.get("code") or _DEFAULT_CODES.get(rule["status"], "InternalError"))
        rule["message"] = str(spec.get("message") or _DEFAULT_MESSAGES.get(rule["code"], "Injected fault."))
    elif spec.get("code") or spec.get("message"):
        raise FaultSpecError("code and message go with status (or inside fail_operation)")
    rule["drop"] = bool(spec.get("drop", False))
    rule["redirect"] = bool(spec.get("redirect", False))
    if "fail_operation" in effects:
        failure = spec["fail_operation"]
        if failure is True:
            failure = {}
        if not isinstance(failure, dict):
            raise FaultSpecError("fail_operation is an object {code, message, status}")
        status = failure.get("status", 500)
        if isinstance(status, bool) or not isinstance(status, int) or not 400 <= status <= 599:
            raise FaultSpecError("fail_operation.status must be an HTTP error status (400-599)")
        code = str(failure.get("code") or _DEFAULT_CODES.get(status, "InternalError"))
        rule["fail_operation"] = {"status": status, "code": code, "message": str(failure.get("message") or _DEFAULT_MESSAGES.get(code, "Injected failure."))}
    if "probability" in spec:
        rule["probability"] = float(_number(spec, "probability", 0, 1))
        rule["count"] = _number(spec, "count", 1, integer=True) if "count" in spec else None
    else:
        rule["count"] = _number(spec, "count", 1, integer=True) if "count" in spec else 1
    return rule


class FaultRules:
    """The rule list; thread-safe; the first rule that matches and fires wins."""

    def __init__(self, rng=None):
        self._rules = []
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._random = rng or random.Random()

    def add(self, spec):
        rule = FaultRule(next(self._ids), validate(spec))
        with self._lock:
            self._rules.append(rule)
        return rule

    def list(self):
        with self._lock:
            return [rule.as_json() for rule in self._rules]

    def delete(self, rule_id):
        with self._lock:
            before = len(self._rules)
            self._rules = [rule for rule in self._rules if rule.id != rule_id]
            return len(self._rules) != before

    def clear(self):
        with self._lock:
            self._rules = []

    def fire(self, method, path):
        """The rule that applies to this request, with its count and hits updated, or None."""
        with self._lock:
            for rule in self._rules:
                if not rule.matches(method, path):
                    continue
                if rule.probability is not None and self._random.random() >= rule.probability:
                    continue
                rule.hits += 1
                if rule.remaining is not None:
                    rule.remaining -= 1
                return rule
        return None
