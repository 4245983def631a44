# -*- coding: utf-8 -*-

# Copyright: Contributors to the azure_classic.servicemanagement collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import pytest

from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.asm_fakes import FakeClock
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.asm_fakes import make_certificate
from ansible_collections.azure_classic.servicemanagement.tests.unit.utils.asm_fakes import scripted_client


@pytest.fixture(scope="session")
def cert_and_key():
    return make_certificate()


@pytest.fixture
def write_file(tmp_path):
    def write(name, data):
        path = tmp_path / name
        path.write_bytes(data)
        return str(path)
    return write


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def make_client(clock):
    """``make_client(answers, **kwargs)`` -> ``(client, adapter)`` with the test's fake clock."""
    def make(answers, **kwargs):
        return scripted_client(answers, clock, **kwargs)
    return make
