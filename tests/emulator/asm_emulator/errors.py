"""The one exception the rules raise, carrying what the wire turns into an ASM ``Error`` document."""
from __future__ import annotations


class ASMError(Exception):
    """An ASM error answer: HTTP status, ASM error code and message."""

    def __init__(self, status, code, message):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


def bad_request(message):
    return ASMError(400, "BadRequest", message)


def not_found(message):
    return ASMError(404, "ResourceNotFound", message)


def conflict(message):
    return ASMError(409, "ConflictError", message)


def invalid_xml():
    # Text from a real fixture (azure-sdk-for-ruby update_storage_error.xml) and asm-api.md 1.5.
    return ASMError(400, "InvalidXmlRequest", "The request body's XML was invalid or not correctly specified.")


def forbidden():
    # Observed in practice instead of the documented AuthenticationFailed (asm-api.md 1.5).
    return ASMError(
        403, "ForbiddenError",
        "The server failed to authenticate the request. Verify that the certificate is valid and is associated with this subscription.")


def missing_version():
    return ASMError(400, "MissingOrIncorrectVersionHeader", "The versioning header is not specified or was specified incorrectly.")
