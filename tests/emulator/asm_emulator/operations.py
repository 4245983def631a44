"""Asynchronous operations, driven by timestamps.

An operation is stored once, when the request is accepted: its start, its end (start + the
effective duration of its kind) and its outcome. Its status is computed when read: ``InProgress``
before the end, then the stored outcome. Nothing runs in the background, so a restarted emulator
(even after ``kill -9``) answers exactly as if it had never stopped.

While an operation that holds a lock (a hosted service and everything under it) is in progress,
other mutations under the same lock are refused with ASM's exclusive-access conflict.
"""
from __future__ import annotations

from asm_emulator.errors import ASMError

EXCLUSIVE_ACCESS = "Windows Azure is currently performing an operation on this deployment that requires exclusive access."


def hosted_service_lock(service_name):
    return "hostedservice:" + service_name.lower()


class Operation:
    """The operation a mutating request started: its id (= the response's x-ms-request-id) and end."""

    def __init__(self, row):
        self.id = row["id"]
        self.kind = row["kind"]
        self.started = row["started"]
        self.ends = row["ends"]


def begin(tx, ctx, kind, lock=None, http_status=200):
    """Record the operation of the current request. With a ``fail_operation`` fault the request
    handler undoes the change afterwards and calls begin_failed() instead (see wire/app.py)."""
    now = ctx.now
    row = {
        "id": ctx.request_id, "subscription_id": ctx.subscription_id, "kind": kind, "lock": lock,
        "started": now, "ends": now + ctx.clock.duration(kind), "outcome": "Succeeded",
        "http_status": http_status, "error_code": None, "error_message": None,
    }
    ctx.pending_operation = dict(row)
    tx.insert_operation(row)
    return Operation(row)


def record_failed(tx, ctx, failure):
    """Store the current request's operation as one that ends ``Failed`` (a fail_operation fault)."""
    row = dict(ctx.pending_operation)
    row.update({
        "outcome": "Failed",
        "http_status": int(failure.get("status", 500)),
        "error_code": failure.get("code", "InternalError"),
        "error_message": failure.get("message", "The server encountered an internal error. Please retry the request."),
    })
    tx.insert_operation(row)


def status(row, now):
    """(Status, HttpStatusCode or None, (code, message) or None) of a stored operation at ``now``."""
    if now < row["ends"]:
        return "InProgress", None, None
    if row["outcome"] == "Failed":
        return "Failed", row["http_status"], (row["error_code"], row["error_message"])
    return "Succeeded", row["http_status"], None


def ensure_unlocked(tx, ctx, lock):
    """409 while another operation under ``lock`` is still in progress."""
    if tx.operation_in_progress(lock, ctx.now):
        raise ASMError(409, "ConflictError", EXCLUSIVE_ACCESS)


def format_id(request_id):
    """``x-ms-request-id`` (32 hex) as ``Operation/ID`` shows it: 8-4-4-4-12."""
    h = request_id
    return "%s-%s-%s-%s-%s" % (h[0:8], h[8:12], h[12:16], h[16:20], h[20:32])
