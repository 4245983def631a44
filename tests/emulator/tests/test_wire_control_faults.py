"""Wire rules (headers, XML parsing), the control API, each fault kind and the statistics."""
from __future__ import annotations

import base64
import time

import pytest
import requests

from support import NS, body, child_text, error_of, parse, tags

INVALID_XML = (400, "InvalidXmlRequest", "The request body's XML was invalid or not correctly specified.")


def service_body(name):
    return body("CreateHostedService", "<ServiceName>%s</ServiceName><Label>%s</Label><Location>West US</Location>" % (
        name, base64.b64encode(name.encode()).decode()))


def test_version_header_is_required(emu):
    response = emu.http.get("%s/%s/locations" % (emu.url, emu.sub), timeout=30)
    assert error_of(response)[:2] == (400, "MissingOrIncorrectVersionHeader")
    assert error_of(emu.asm("GET", "/locations", headers={"x-ms-version": "1999-01-01"}))[:2] == (400, "MissingOrIncorrectVersionHeader")


def test_malformed_xml_doctype_and_wrong_root_are_invalid_xml(emu):
    assert error_of(emu.asm("POST", "/services/hostedservices", "<CreateHostedService><ServiceName>a&b</ServiceName>")) == INVALID_XML
    doctype = '<!DOCTYPE x [<!ENTITY e "boom">]><CreateHostedService><ServiceName>&e;</ServiceName></CreateHostedService>'
    assert error_of(emu.asm("POST", "/services/hostedservices", doctype)) == INVALID_XML
    assert error_of(emu.asm("POST", "/services/hostedservices", body("Wrong", ""))) == INVALID_XML
    assert error_of(emu.asm("POST", "/services/hostedservices", "")) == INVALID_XML


def test_both_content_types_and_end_tag_with_space_are_accepted(emu):
    atom = {"Content-Type": "application/atom+xml;type=entry;charset=utf-8"}
    assert emu.asm("POST", "/services/hostedservices", service_body("atomsvc"), headers=atom).status_code == 201
    spaced = service_body("spacedsvc").replace("</CreateHostedService>", "</CreateHostedService >")
    assert emu.asm("POST", "/services/hostedservices", spaced).status_code == 201


def test_every_response_has_a_request_id(emu):
    for response in (emu.asm("GET", "/locations"), emu.asm("GET", "/nothing/here"), emu.asm("GET", "/services/hostedservices/none"),
                     emu.asm("PATCH", "/services/hostedservices")):
        assert len(response.headers["x-ms-request-id"]) == 32, response.text
    assert error_of(emu.asm("PATCH", "/services/hostedservices"))[:2] == (400, "InvalidHttpVerb")


def test_status_fault_for_next_n_matches(emu):
    rule = emu.control("POST", "faults", {"method": "GET", "path": "/locations$", "status": 503, "code": "ServerBusy", "message": "busy now", "count": 2})
    assert rule.status_code == 201 and rule.json()["id"] and rule.json()["remaining"] == 2
    for _attempt in range(2):
        response = emu.asm("GET", "/locations")
        assert error_of(response) == (503, "ServerBusy", "busy now")
        assert len(response.headers["x-ms-request-id"]) == 32
        assert response.text.startswith('<Error xmlns="http://schemas.microsoft.com/windowsazure"')
    assert emu.asm("GET", "/locations").status_code == 200
    listed = emu.control("GET", "faults").json()
    assert listed[0]["remaining"] == 0 and listed[0]["hits"] == 2


def test_probability_fault_and_delete_by_id(emu):
    never = emu.control("POST", "faults", {"method": "*", "path": "rolesizes", "status": 500, "probability": 0}).json()
    always = emu.control("POST", "faults", {"method": "*", "path": "rolesizes", "status": 409, "probability": 1.0}).json()
    for _attempt in range(3):
        assert error_of(emu.asm("GET", "/rolesizes"))[:2] == (409, "ConflictError")
    assert emu.control("DELETE", "faults/%d" % always["id"]).status_code == 200
    assert emu.asm("GET", "/rolesizes").status_code == 200
    assert [rule["id"] for rule in emu.control("GET", "faults").json()] == [never["id"]]
    assert emu.control("POST", "faults", {"path": "x", "status": 500, "drop": True}).status_code == 400
    assert emu.control("POST", "faults", {"path": "("}).status_code == 400


def test_latency_fault(emu):
    emu.control("POST", "faults", {"method": "GET", "path": "/locations", "latency": 0.6})
    started = time.time()
    assert emu.asm("GET", "/locations").status_code == 200
    assert time.time() - started >= 0.6


def test_drop_fault_closes_the_connection(emu):
    emu.control("POST", "faults", {"method": "GET", "path": "/locations", "drop": True})
    with pytest.raises(requests.exceptions.ConnectionError):
        emu.session().get("%s/%s/locations" % (emu.url, emu.sub), headers={"x-ms-version": "2014-10-01"}, timeout=30)
    assert emu.asm("GET", "/locations").status_code == 200


def test_redirect_fault_is_a_307_to_the_second_listener(emu):
    emu.control("POST", "faults", {"method": "POST", "path": "/services/hostedservices$", "redirect": True})
    session = emu.session()
    raw = session.post("%s/%s/services/hostedservices?x=1" % (emu.url, emu.sub), data=service_body("redirected"),
                       headers={"x-ms-version": "2014-10-01"}, allow_redirects=False, timeout=30)
    assert raw.status_code == 307
    assert raw.headers["Location"] == "%s/%s/services/hostedservices?x=1" % (emu.conn["redirect_url"], emu.sub)
    emu.control("POST", "faults", {"method": "POST", "path": "/services/hostedservices$", "redirect": True})
    followed = emu.asm("POST", "/services/hostedservices", service_body("redirected"))
    assert followed.status_code == 201 and followed.history and followed.history[0].status_code == 307
    assert emu.asm("GET", "/services/hostedservices/redirected").status_code == 200


def test_fail_operation_fault(emu):
    emu.control("POST", "faults", {"method": "POST", "path": "/services/hostedservices$",
                                   "fail_operation": {"code": "InternalError", "message": "it broke", "status": 500}})
    response = emu.asm("POST", "/services/hostedservices", service_body("doomed"))
    assert response.status_code == 201
    op = emu.wait_operation(response.headers["x-ms-request-id"])
    assert tags(op) == ["ID", "Status", "HttpStatusCode", "Error"]
    assert [child_text(op, "Status"), child_text(op, "HttpStatusCode"), child_text(op, "Error/Code"), child_text(op, "Error/Message")] == [
        "Failed", "500", "InternalError", "it broke"]
    assert emu.asm("GET", "/services/hostedservices/doomed").status_code == 404


def test_stats_by_method_and_route_template(emu):
    emu.asm("GET", "/services/hostedservices/nosuch?embed-detail=true")
    emu.asm("GET", "/services/hostedservices/other")
    emu.asm("POST", "/services/hostedservices", service_body("counted"))
    response = emu.asm("POST", "/services/hostedservices", service_body("counted2"))
    emu.asm("GET", "/operations/" + response.headers["x-ms-request-id"])
    emu.control("GET", "config")
    stats = emu.control("GET", "stats").json()
    assert stats["total"] == 5
    assert stats["by_method"] == {"GET": 3, "POST": 2}
    assert stats["by_route"] == {"GET /services/hostedservices/{service}": 2, "POST /services/hostedservices": 2, "GET /operations/{request_id}": 1}
    assert emu.control("POST", "stats/reset").status_code == 200
    assert emu.control("GET", "stats").json() == {"total": 0, "by_method": {}, "by_route": {}}


def test_reset_wipes_resources_keeps_certificates(emu):
    assert emu.asm("POST", "/services/hostedservices", service_body("wiped")).status_code == 201
    assert emu.control("POST", "reset").json() == {"status": "ok"}
    assert emu.asm("GET", "/services/hostedservices/wiped").status_code == 404
    assert len(parse(emu.asm("GET", "/certificates").text)) == 1


def test_config_reports_effective_durations(make_emulator):
    emulator = make_emulator("--time-scale", "0.5", "--duration", "vm_boot=10")
    config = emulator.control("GET", "config").json()
    assert config["time_scale"] == 0.5 and config["subscription_id"] == emulator.sub
    assert config["durations"]["vm_boot"] == 5.0 and config["durations"]["storage_create"] == 10.0
    assert config["durations"]["vm_create"] == 29.0
    assert NS
