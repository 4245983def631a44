# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The one exception type of the bundled ASM client, and its specialisations."""

from __future__ import annotations


class AsmError(Exception):
    """Any failure of the ASM client.

    Carries what a user needs to act on it: the HTTP status, the ASM error code and message, the
    ``x-ms-request-id`` of the failed request, and, for bad input, the option at fault.
    """

    def __init__(self, message, status=None, code=None, request_id=None, option=None):
        super().__init__(message)
        self.message = message
        self.status = status
        self.code = code
        self.request_id = request_id
        self.option = option

    def __str__(self):
        parts = []
        if self.status is not None:
            parts.append("HTTP %s" % self.status)
        if self.code:
            parts.append(self.code)
        text = self.message
        if parts:
            text = "%s: %s" % (" ".join(parts), text)
        if self.request_id:
            text = "%s (request id %s)" % (text, self.request_id)
        return text

    def details(self):
        """The structured fields, for ``fail_json``; ``None`` values left out."""
        fields = dict(status=self.status, code=self.code, request_id=self.request_id, option=self.option)
        return dict((k, v) for k, v in fields.items() if v is not None)

    @property
    def is_not_found(self):
        return self.status == 404


class AsmCredentialError(AsmError):
    """The management certificate or subscription could not be used; ``option`` names the culprit."""


class AsmOperationFailed(AsmError):
    """An asynchronous operation ended with ``Status`` ``Failed``."""


class AsmOperationTimeout(AsmError):
    """An asynchronous operation (or a state the caller waits for) did not finish in time.

    The operation may still finish on the service side.
    """
