"""Fixtures: one shared emulator (fast time scale, reset before each test) and fresh ones on demand."""
from __future__ import annotations

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from support import Emulator  # noqa: E402  pylint: disable=wrong-import-position

# Durations of the shared emulator: real ASM seconds times 0.01 (vm_create 0.58 s, vm_boot 1.2 s,
# storage_create 0.2 s) keep the suite short while every state still shows up.
SHARED_SCALE = "0.01"


@pytest.fixture(scope="session")
def shared_emulator(tmp_path_factory):
    emulator = Emulator(tmp_path_factory.mktemp("shared-state"), "--time-scale", SHARED_SCALE)
    emulator.start()
    yield emulator
    emulator.stop()


@pytest.fixture()
def emu(shared_emulator):
    """The shared emulator, wiped (resources, operations, faults, stats) before the test."""
    shared_emulator.reset()
    return shared_emulator


@pytest.fixture()
def make_emulator(tmp_path):
    """Start dedicated emulators (own state dir, own arguments); all are stopped afterwards."""
    started = []

    def start(*args, state_dir=None):
        emulator = Emulator(state_dir or tmp_path / ("state%d" % len(started)), *args)
        started.append(emulator)
        return emulator.start()

    yield start
    for emulator in started:
        emulator.kill()
