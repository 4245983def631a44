"""Helpers of the request handlers: transactions around the rules, and the usual answers."""
from __future__ import annotations

from asm_emulator import operations
from asm_emulator.wire import http


def read(ctx, function):
    """Run ``function(tx)`` on a consistent snapshot."""
    with ctx.store.read() as tx:
        ctx.refresh_time()
        return function(tx)


def mutate(ctx, function):
    """Run ``function(tx)`` in one write transaction. With a ``fail_operation`` fault the change is
    undone but the operation is kept, ending Failed: the caller sees a normal acceptance."""
    with ctx.store.write() as tx:
        ctx.refresh_time()
        savepoint = tx.savepoint()
        result = function(tx)
        if ctx.fail_operation is not None and ctx.pending_operation is not None:
            tx.rollback_to(savepoint)
            operations.record_failed(tx, ctx, ctx.fail_operation)
        return result


def accepted(ctx, status, extra_headers=None, document=None):
    """The answer to an accepted mutation: its status, the operation's request id, maybe a body."""
    headers = [("x-ms-request-id", ctx.request_id)] + list(extra_headers or [])
    if document is None:
        return http.empty(status, headers)
    return http.xml(status, document, headers)


def ok(ctx, document):
    return http.xml(200, document, [("x-ms-request-id", ctx.request_id)])
