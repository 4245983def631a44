# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.errors import AsmError
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.module import AUTH_ARGUMENT_SPEC
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.module import AsmModule
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.asm_fakes import pem_of
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.asm_fakes import run_module


def _main_raising(error):
    def main():
        module = AsmModule(dict(name=dict(type="str")), supports_check_mode=True)

        def body(_module):
            raise error
        module.run(body, action="create hosted service svc")
    return main


def test_client_error_becomes_fail_json_with_structured_fields():
    result = run_module(_main_raising(AsmError("The specified DNS name is already taken.", status=409, code="ConflictError",
                                               request_id="abcd")), dict(name="svc"))
    assert result["failed"] is True
    assert result["msg"] == ("Failed to create hosted service svc: HTTP 409 ConflictError: The specified DNS name is already taken. "
                             "(request id abcd)")
    assert (result["status"], result["code"], result["request_id"]) == (409, "ConflictError", "abcd")


def test_credential_problem_names_the_option(tmp_path):
    def main():
        module = AsmModule({}, supports_check_mode=True)
        module.run(lambda m: m.client)
    result = run_module(main, dict(subscription_id="sub", management_cert_path=str(tmp_path / "missing.pem")))
    assert result["failed"] is True
    assert result["option"] == "management_cert_path"
    assert "missing.pem does not exist" in result["msg"]


def test_client_is_built_lazily_once_from_the_options(cert_and_key, tmp_path):
    cert, key = cert_and_key
    path = tmp_path / "m.pem"
    path.write_bytes(pem_of(cert, key))
    seen = []

    def main():
        module = AsmModule({}, supports_check_mode=True)
        assert module._client is None
        first = module.client
        seen.append((first is module.client, first.subscription_id, first.management_url, first.timeout,
                     first.session.verify))
        module.exit_json(changed=False)
    run_module(main, dict(subscription_id="sub-9", management_cert_path=str(path), management_url="https://emu:1/",
                          ca_path="/ca.pem", request_timeout=5))
    assert seen == [(True, "sub-9", "https://emu:1", 5.0, "/ca.pem")]


def test_diff_is_returned_only_in_diff_mode():
    def main():
        module = AsmModule({}, supports_check_mode=True)
        module.exit_with_resource(True, "thing", {"a": 2}, before={"a": 1}, after={"a": 2})
    assert "diff" not in run_module(main, {})
    assert run_module(main, {}, diff=True)["diff"] == {"before": {"a": 1}, "after": {"a": 2}}


def test_auth_spec_env_fallbacks_and_secrets():
    assert AUTH_ARGUMENT_SPEC["management_cert_password"]["no_log"] is True
    fallbacks = dict((name, spec["fallback"][1]) for name, spec in AUTH_ARGUMENT_SPEC.items() if "fallback" in spec)
    assert fallbacks["subscription_id"] == ["AZURE_SUBSCRIPTION_ID"]
    assert fallbacks["management_cert_path"] == ["AZURE_CERT_PATH"]


def test_env_fallback_reaches_the_module(monkeypatch, tmp_path):
    monkeypatch.setenv("AZURE_CERT_PATH", str(tmp_path / "from-env.pem"))
    monkeypatch.setenv("AZURE_SUBSCRIPTION_ID", "sub-env")

    def main():
        module = AsmModule({}, supports_check_mode=True)
        module.run(lambda m: m.client)
    result = run_module(main, {})
    assert "from-env.pem does not exist" in result["msg"]


def test_option_errors_are_reported_together_naming_the_first_option():
    def main():
        module = AsmModule({}, supports_check_mode=True)
        module.fail_on_option_errors([])
        module.fail_on_option_errors([("name", "name is too long."), ("label", "label is too long.")])
    result = run_module(main, {})
    assert result["failed"] is True
    assert result["msg"] == "name is too long. label is too long."
    assert result["option"] == "name"
