# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""``AsmModule``: AnsibleModule plus the connection options, a lazily built client, and one place
where the client's ``AsmError`` becomes ``fail_json``.
"""

from __future__ import annotations

from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils.basic import env_fallback
from ansible.module_utils.basic import missing_required_lib

from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.credentials import CRYPTOGRAPHY_IMPORT_ERROR
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.credentials import HAS_CRYPTOGRAPHY
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.credentials import resolve_connection
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.errors import AsmError
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.transport import AsmClient
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.transport import HAS_REQUESTS
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.transport import REQUESTS_IMPORT_ERROR

AUTH_ARGUMENT_SPEC = dict(
    subscription_id=dict(type="str", fallback=(env_fallback, ["AZURE_SUBSCRIPTION_ID"])),
    management_cert_path=dict(type="path", fallback=(env_fallback, ["AZURE_CERT_PATH"])),
    management_cert_password=dict(type="str", no_log=True, fallback=(env_fallback, ["AZURE_CERT_PASSWORD"])),
    publish_settings=dict(type="path", fallback=(env_fallback, ["AZURE_PUBLISH_SETTINGS"])),
    management_url=dict(type="str", fallback=(env_fallback, ["AZURE_MANAGEMENT_URL"])),
    validate_certs=dict(type="bool", default=True, fallback=(env_fallback, ["AZURE_VALIDATE_CERTS"])),
    ca_path=dict(type="path", fallback=(env_fallback, ["AZURE_CA_PATH"])),
    request_timeout=dict(type="float", default=60),
)


def wait_argument_spec(wait_timeout=600):
    return dict(
        wait=dict(type="bool", default=True),
        wait_timeout=dict(type="int", default=wait_timeout),
    )


class AsmModule:
    """Composition around AnsibleModule; unknown attributes are the inner module's."""

    def __init__(self, argument_spec=None, wait=False, wait_timeout=600, **kwargs):
        spec = dict(AUTH_ARGUMENT_SPEC)
        if wait:
            spec.update(wait_argument_spec(wait_timeout))
        spec.update(argument_spec or {})
        self.module = AnsibleModule(argument_spec=spec, **kwargs)
        if not HAS_REQUESTS:
            self.module.fail_json(msg=missing_required_lib("requests"), exception=str(REQUESTS_IMPORT_ERROR))
        if not HAS_CRYPTOGRAPHY:
            self.module.fail_json(msg=missing_required_lib("cryptography"), exception=str(CRYPTOGRAPHY_IMPORT_ERROR))
        self._client = None

    def __getattr__(self, name):
        return getattr(self.module, name)

    @property
    def client(self):
        """The run's one client (and its one HTTP session), built on first use."""
        if self._client is None:
            params = self.module.params
            settings = resolve_connection(
                subscription_id=params["subscription_id"],
                management_cert_path=params["management_cert_path"],
                management_cert_password=params["management_cert_password"],
                publish_settings=params["publish_settings"],
                management_url=params["management_url"],
            )
            self._client = AsmClient.from_settings(
                settings, validate_certs=params["validate_certs"], ca_path=params["ca_path"],
                timeout=params["request_timeout"], logger=self.module.debug)
        return self._client

    def close(self):
        if self._client is not None:
            self._client.close()
            self._client = None

    def fail_from_error(self, error, action=None):
        """``fail_json`` with the message and the structured fields (status, code, request_id, option)."""
        self.close()
        message = str(error)
        if action:
            message = "Failed to %s: %s" % (action, message)
        self.module.fail_json(msg=message, **error.details())

    def fail(self, msg, **kwargs):
        self.close()
        self.module.fail_json(msg=msg, **kwargs)

    def fail_on_option_errors(self, errors):
        """Fail with every ``(option, message)`` problem of the input at once, naming the first option."""
        if errors:
            self.fail(" ".join(message for _option, message in errors), option=errors[0][0])

    def exit_json(self, **kwargs):
        self.close()
        self.module.exit_json(**kwargs)

    def exit_with_resource(self, changed, key, resource, before=None, after=None, **extra):
        """Exit with ``changed``, ``key: resource`` and, in diff mode, ``diff: {before, after}``."""
        result = dict(changed=changed, **extra)
        result[key] = resource
        if self.module._diff:
            result["diff"] = dict(before=before if before is not None else {}, after=after if after is not None else {})
        self.exit_json(**result)

    def run(self, main, action=None):
        """Run ``main(self)``; an ``AsmError`` anywhere becomes a clean failure, never a traceback."""
        try:
            main(self)
        except AsmError as error:
            self.fail_from_error(error, action=action)
        finally:
            self.close()
