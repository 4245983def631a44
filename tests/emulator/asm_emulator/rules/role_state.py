"""Power state of a VM role instance, computed from the timestamps of its last transition.

A transition is stored as ``{"phase", "busy_until", "ready_at", "action"}``: ``busy_until`` is the
end of the operation that started it, ``ready_at`` the end of the guest boot that follows
(provision, start, restart). Recorded ASM: after a VM deployment's operation succeeds the instance
stays ``RoleStateUnknown``/``Starting`` for about two minutes, then ``ReadyRole``/``Started``.
"""
from __future__ import annotations


def boot(clock, phase, operation_end):
    """Transition for provision/start/restart: busy until the operation ends, then boots."""
    return {"phase": phase, "busy_until": operation_end, "ready_at": operation_end + clock.duration("vm_boot"), "action": None}


def shutdown(operation_end, action):
    return {"phase": "shutdown", "busy_until": operation_end, "ready_at": operation_end, "action": action}


def instance_state(role, now):
    """(InstanceStatus, PowerState) at ``now``."""
    power = role["power"]
    if power["phase"] == "shutdown":
        if now < power["busy_until"]:
            return "StoppingVM", "Stopping"
        if power["action"] == "StoppedDeallocated":
            return "StoppedDeallocated", "Stopped"
        return "StoppedVM", "Stopped"
    if now < power["ready_at"]:
        return "RoleStateUnknown", "Starting"
    return "ReadyRole", "Started"


def has_booted(role, now):
    """Whether the guest has come up once: ASM shows HostName only from then on."""
    return now >= role["first_ready_at"]
