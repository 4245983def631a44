# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The end of every state module's run, written once.

A state module reads the resource (one GET), decides what to do, and hands the decision to
``StateFlow``: it skips the write in check mode and returns what would be, otherwise sends the
write, reads the final resource, and exits with ``changed``, the resource under its key, the
request id, and ``diff: {before, after}`` in diff mode. Every method exits the module.
"""

from __future__ import annotations

from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.desired_state import with_changes
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.errors import AsmError


class StateFlow:
    """``key``: the result key (``hosted_service``...); ``fetch()``: the resource now, or ``None``."""

    def __init__(self, module, key, fetch):
        self.module = module
        self.key = key
        self.fetch = fetch

    def _exit(self, changed, resource, before, after, operation=None):
        extra = {}
        if operation is not None:
            extra["request_id"] = operation.get("request_id")
        self.module.exit_with_resource(changed, self.key, resource, before=before, after=after, **extra)

    def unchanged(self, current):
        """Nothing to do: report the resource as it is (``{}`` when it is absent and should be)."""
        current = current or {}
        self._exit(False, current, before=current, after=current)

    def create(self, planned, send):
        """Create with ``send()`` (returns the operation) and report the final resource.

        A create that the client retried after a lost answer can meet its own first attempt and get
        409 (name taken). If the resource now exists in this subscription, it was ours: adopt it.
        Any other conflict (the name belongs to someone else) stands.
        """
        if self.module.check_mode:
            self._exit(True, planned, before={}, after=planned)
        try:
            operation = send()
        except AsmError as error:
            if error.status != 409 or self.fetch() is None:
                raise
            operation = dict(request_id=None)
        final = self.fetch()
        self._exit(True, final, before={}, after=final, operation=operation)

    def update(self, current, changes, send):
        """Apply ``changes`` with ``send()`` and report the final resource (the planned one in check mode)."""
        if self.module.check_mode:
            planned = with_changes(current, changes)
            self._exit(True, planned, before=current, after=planned)
        operation = send()
        final = self.fetch()
        self._exit(True, final, before=current, after=final, operation=operation)

    def delete(self, current, send):
        """Delete with ``send()``; the result holds ``{}`` for the resource."""
        if self.module.check_mode:
            self._exit(True, {}, before=current, after={})
        operation = send()
        self._exit(True, {}, before=current, after={}, operation=operation)
