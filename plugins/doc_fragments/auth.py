# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:

    DOCUMENTATION = r"""
options:
  subscription_id:
    description:
      - The Azure subscription ID (a GUID) whose classic resources are managed.
      - If not set, the value of the E(AZURE_SUBSCRIPTION_ID) environment variable is used.
      - May be omitted when O(publish_settings) names a file that lists a single subscription;
        when that file lists several, this option picks one of them.
    type: str
  management_cert_path:
    description:
      - Path to the management certificate registered for the subscription.
      - Either a PEM file holding the certificate and its private key (the key may be encrypted,
        see O(management_cert_password)), or a PKCS#12 file (C(.pfx) or C(.p12)).
      - A C(.cer) file holds no private key and cannot be used.
      - If not set, the value of the E(AZURE_CERT_PATH) environment variable is used.
      - Mutually exclusive with O(publish_settings).
    type: path
  management_cert_password:
    description:
      - Password of an encrypted PKCS#12 file or of an encrypted PEM private key.
      - If not set, the value of the E(AZURE_CERT_PASSWORD) environment variable is used.
    type: str
  publish_settings:
    description:
      - Path to a C(.publishsettings) file downloaded from the classic portal. It holds the
        subscription ID and a base64-encoded PKCS#12 management certificate.
      - If not set, the value of the E(AZURE_PUBLISH_SETTINGS) environment variable is used.
      - Mutually exclusive with O(management_cert_path).
    type: path
  management_url:
    description:
      - Base URL of the Service Management endpoint, without the subscription ID.
      - Point it at the bundled ASM emulator to work offline.
      - If not set, the value of the E(AZURE_MANAGEMENT_URL) environment variable is used, then the
        URL given in O(publish_settings), then V(https://management.core.windows.net).
    type: str
  validate_certs:
    description:
      - Whether to verify the TLS certificate of the management endpoint.
      - Set to V(false) only for testing; prefer O(ca_path) for a private CA.
      - If not set, the value of the E(AZURE_VALIDATE_CERTS) environment variable is used.
    type: bool
    default: true
  ca_path:
    description:
      - Path to a PEM bundle of CA certificates used to verify the management endpoint.
      - If not set, the value of the E(AZURE_CA_PATH) environment variable is used, else the
        CA bundle that C(requests) uses.
    type: path
  request_timeout:
    description:
      - Seconds to wait for a single HTTP request to connect and answer.
    type: float
    default: 60
requirements:
  - python >= 3.9
  - requests >= 2.25.0
  - cryptography >= 3.4
notes:
  - Connection options can be set once for every module of the collection with
    C(module_defaults) and the group C(group/azure_classic.servicemanagement.all).
  - Requests that meet a transient failure (HTTP 429 and 503, HTTP 500 and connection errors on reads,
    and HTTP 409 when another operation holds exclusive access to the resource) are retried with
    exponential backoff and jitter; other errors are reported with their HTTP status, ASM error code,
    message and request ID.
  - The management certificate never reaches the disk unprotected; when a file is needed to load it
    into the TLS library, it is written to a private directory with mode C(0600) and removed at once.
"""
