# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Waiting for ASM asynchronous operations and for resources to reach a state.

Polling is adaptive: the first poll comes quickly (most operations finish in seconds), then the
interval doubles up to a cap of a few seconds, so a minute-long operation costs a dozen polls and a
finished one is noticed within one interval.
"""

from __future__ import annotations

import time

from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.errors import AsmError
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.errors import AsmOperationFailed
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.errors import AsmOperationTimeout

POLL_INITIAL = 0.5
POLL_FACTOR = 2.0
POLL_CAP = 6.0


class PollSchedule:
    """Intervals ``initial, initial*factor, ...`` capped at ``cap``, never past ``deadline``."""

    def __init__(self, timeout, clock=time.monotonic, initial=POLL_INITIAL, factor=POLL_FACTOR, cap=POLL_CAP):
        self._clock = clock
        self.started = clock()
        self.deadline = self.started + timeout
        self._next = initial
        self._factor = factor
        self._cap = cap

    def elapsed(self):
        return self._clock() - self.started

    def next_delay(self):
        """The next pause, or ``None`` when the deadline has passed."""
        remaining = self.deadline - self._clock()
        if remaining <= 0:
            return None
        delay = min(self._next, self._cap, remaining)
        self._next = min(self._next * self._factor, self._cap)
        return delay


def operation_path(request_id):
    return "operations/%s" % request_id


def get_operation(client, request_id):
    """The status of one operation: ``{id, status, http_status_code, error: {code, message}}``."""
    value = client.get(operation_path(request_id))[1]
    error = value.get("error") or None
    return dict(
        id=value.get("id") or request_id,
        request_id=request_id,
        status=value.get("status"),
        http_status_code=value.get("http_status_code"),
        error=error,
    )


def raise_if_failed(operation):
    if operation["status"] != "Failed":
        return
    error = operation.get("error") or {}
    raise AsmOperationFailed(
        "Operation %s failed: %s" % (operation["request_id"], error.get("message") or "no message"),
        status=operation.get("http_status_code"), code=error.get("code"), request_id=operation["request_id"])


def wait_for_operation(client, request_id, timeout):
    """Poll ``/operations/<request_id>`` until it leaves ``InProgress``.

    Returns the final operation on ``Succeeded``; raises ``AsmOperationFailed`` on ``Failed`` and
    ``AsmOperationTimeout`` (naming the request id) when ``timeout`` seconds pass.
    """
    if not request_id:
        raise AsmError("The service did not return an x-ms-request-id to follow the operation.")
    schedule = PollSchedule(timeout, clock=client.clock)
    while True:
        operation = get_operation(client, request_id)
        if operation["status"] not in ("InProgress", None):
            raise_if_failed(operation)
            return operation
        delay = schedule.next_delay()
        if delay is None:
            raise AsmOperationTimeout(
                "Operation %s is still in progress after %d seconds. It may still finish: follow it with "
                "azure_classic.servicemanagement.operation_info or raise wait_timeout." % (request_id, timeout),
                request_id=request_id)
        client.sleep(delay)


def wait_until(client, fetch, is_done, timeout, describe):
    """Call ``fetch()`` until ``is_done(value)``; on timeout raise with ``describe(value)`` as progress detail.

    ``is_done`` may raise ``AsmError`` to stop early on a terminal failure.
    """
    schedule = PollSchedule(timeout, clock=client.clock)
    while True:
        value = fetch()
        if is_done(value):
            return value
        delay = schedule.next_delay()
        if delay is None:
            raise AsmOperationTimeout("Timed out after %d seconds: %s" % (timeout, describe(value)))
        client.sleep(delay)


def submit(client, method, path, body=None, query=None, wait=True, timeout=600):
    """Send a mutating request and, with ``wait``, follow its operation to the end.

    Returns ``{request_id, status, http_status_code, error}``; ``status`` is ``Accepted`` when not waiting.
    """
    response = client.send(method, path, body=body, query=query)
    if not wait:
        return dict(request_id=response.request_id, status="Accepted", http_status_code=response.status, error=None)
    return wait_for_operation(client, response.request_id, timeout)
