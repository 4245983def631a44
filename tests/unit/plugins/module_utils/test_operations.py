# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import pytest

from ansible_collections.azure_classic.servicemanagement.plugins.module_utils import operations
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.errors import AsmError
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.errors import AsmOperationFailed
from ansible_collections.azure_classic.servicemanagement.plugins.module_utils.errors import AsmOperationTimeout
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.asm_fakes import FakeClock
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.asm_fakes import fixture_bytes
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.asm_fakes import operation_body

REQUEST_ID = "4897876dfe34b48fb4447175d482e27e"


def test_polls_until_succeeded(make_client, clock):
    client, adapter = make_client([(200, fixture_bytes("operation_in_progress.xml"))] * 3 + [(200, operation_body("Succeeded", 200))])
    operation = operations.wait_for_operation(client, REQUEST_ID, timeout=60)
    assert operation["status"] == "Succeeded" and operation["http_status_code"] == 200
    assert all(request.url.endswith("/sub-1/operations/" + REQUEST_ID) for request in adapter.requests)
    assert clock.sleeps[0] < 1.0  # the first poll comes well under a second after the previous one
    assert clock.sleeps == sorted(clock.sleeps)


def test_first_answer_already_succeeded_costs_one_poll(make_client, clock):
    client, adapter = make_client([(200, fixture_bytes("operations_acc33f6756cda6fd96826394fce4c9f3.xml"))])
    assert operations.wait_for_operation(client, REQUEST_ID, timeout=60)["status"] == "Succeeded"
    assert len(adapter.requests) == 1 and clock.sleeps == []


def test_failed_operation_raises_with_code_and_message(make_client):
    client, _adapter = make_client([
        (200, operation_body("InProgress")),
        (200, operation_body("Failed", 400, "BadRequest", "The image does not exist.")),
    ])
    with pytest.raises(AsmOperationFailed) as info:
        operations.wait_for_operation(client, REQUEST_ID, timeout=60)
    error = info.value
    assert (error.status, error.code, error.request_id) == (400, "BadRequest", REQUEST_ID)
    assert "The image does not exist." in error.message


def test_deadline_names_the_request_id_and_says_still_in_progress(make_client, clock):
    client, adapter = make_client([(200, operation_body("InProgress"))] * 100)
    with pytest.raises(AsmOperationTimeout) as info:
        operations.wait_for_operation(client, REQUEST_ID, timeout=20)
    assert REQUEST_ID in info.value.message and "still in progress" in info.value.message
    assert info.value.request_id == REQUEST_ID
    assert sum(clock.sleeps) == pytest.approx(20)


def test_missing_request_id_is_an_error(make_client):
    client, _adapter = make_client([])
    with pytest.raises(AsmError):
        operations.wait_for_operation(client, None, timeout=20)


def test_schedule_starts_short_grows_and_caps():
    clock = FakeClock()
    schedule = operations.PollSchedule(3600, clock=clock)
    delays = []
    for _poll in range(10):
        delay = schedule.next_delay()
        delays.append(delay)
        clock.sleep(delay)
    assert delays[0] < 1.0
    assert delays == sorted(delays)
    assert max(delays) == operations.POLL_CAP <= 10


def test_a_sixty_second_operation_costs_at_most_fifteen_polls(make_client, clock):
    """Polls happen at times 0, d1, d1+d2, ...; the operation reports Succeeded from t=60 on."""
    start = clock.now

    class TimedAnswers(list):
        def pop(self, index=0):
            return (200, operation_body("Succeeded", 200) if clock.now - start >= 60 else operation_body("InProgress"))

    client, adapter = make_client([])
    adapter.answers = TimedAnswers([None])
    operations.wait_for_operation(client, REQUEST_ID, timeout=600)
    assert len(adapter.requests) <= 15
    assert clock.now - start - 60 <= operations.POLL_CAP


def test_submit_without_wait_returns_the_request_id(make_client):
    client, adapter = make_client([(202, "", {"x-ms-request-id": REQUEST_ID})])
    result = operations.submit(client, "DELETE", "services/hostedservices/x/deployments/y", wait=False)
    assert result == dict(request_id=REQUEST_ID, status="Accepted", http_status_code=202, error=None)
    assert len(adapter.requests) == 1


def test_submit_with_wait_polls_the_returned_id(make_client):
    client, adapter = make_client([(202, "", {"x-ms-request-id": REQUEST_ID}), (200, operation_body("Succeeded", 200))])
    assert operations.submit(client, "POST", "services/hostedservices", b"<x/>", wait=True, timeout=60)["status"] == "Succeeded"
    assert adapter.requests[1].url.endswith("operations/" + REQUEST_ID)


def test_wait_until_reports_progress_detail_on_timeout(make_client, clock):
    client, _adapter = make_client([])
    with pytest.raises(AsmOperationTimeout) as info:
        operations.wait_until(client, lambda: "StartingVM", lambda value: value == "ReadyRole", 10,
                              lambda value: "instance status %s" % value)
    assert "instance status StartingVM" in info.value.message
