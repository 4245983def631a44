"""A local, persistent, mutual-TLS emulator of the Azure classic Service Management (ASM) API.

Rooms (see tests/emulator/README.md): ``store`` (SQLite state), ``clock`` and ``operations``
(timestamp-driven asynchronous operations), ``rules`` (the service's semantics), ``wire`` (HTTP
routes, XML in and out), ``faults``/``control``/``stats`` (the ``/_emulator/`` API), ``tls``
(certificates and the TLS context) and ``server`` (listeners and process life cycle).
"""
from __future__ import annotations

__version__ = "0.1.0"
