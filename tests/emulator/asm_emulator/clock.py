"""Simulated durations of asynchronous work, and the time source.

Every asynchronous operation and state progression is stored as absolute timestamps (start, end),
computed when the request is accepted from these durations; reading the state later compares the
timestamps with ``now()``. So a restart resumes operations where they were, and a change of
``--time-scale`` or ``--duration`` affects only work accepted afterwards.
"""
from __future__ import annotations

import time

# Seconds of real ASM, before scaling. Sources: recorded traffic (asm-api.md 1.4): storage create
# about 20 s; VM deployment create 58 s to Succeeded, then about 120 s of RoleStateUnknown/Starting
# before ReadyRole; capture and VM image create/delete about 5 s; OS image add/delete, hosted
# service create/delete, storage delete: Succeeded at the first poll. The rest are "a few seconds".
DEFAULT_DURATIONS = {
    "hosted_service_create": 0.0,
    "hosted_service_update": 0.0,
    "hosted_service_delete": 0.0,
    "hosted_service_delete_media": 5.0,
    "storage_create": 20.0,
    "storage_update": 0.0,
    "storage_delete": 0.0,
    "storage_regenerate_keys": 0.0,
    "os_image_add": 0.0,
    "os_image_update": 0.0,
    "os_image_delete": 0.0,
    "service_certificate_add": 5.0,
    "service_certificate_delete": 2.0,
    "vm_create": 58.0,
    "vm_boot": 120.0,
    "vm_delete": 5.0,
    "role_add": 58.0,
    "role_update": 10.0,
    "role_delete": 5.0,
    "role_start": 10.0,
    "role_shutdown": 10.0,
    "role_restart": 10.0,
    "capture": 5.0,
    "vm_image_create": 5.0,
    "vm_image_update": 0.0,
    "vm_image_delete": 5.0,
    "disk_delete": 0.0,
    "data_disk_add": 5.0,
    "data_disk_delete": 5.0,
}


class Clock:
    """Time source plus the effective (scaled) duration of each kind of work."""

    def __init__(self, time_scale=1.0, overrides=None):
        if time_scale < 0:
            raise ValueError("time scale must not be negative")
        unknown = set(overrides or {}) - set(DEFAULT_DURATIONS)
        if unknown:
            raise ValueError("unknown duration kind(s): %s (known: %s)" % (", ".join(sorted(unknown)), ", ".join(sorted(DEFAULT_DURATIONS))))
        self.time_scale = float(time_scale)
        self._seconds = dict(DEFAULT_DURATIONS)
        self._seconds.update({kind: float(value) for kind, value in (overrides or {}).items()})

    @staticmethod
    def now():
        return time.time()

    def duration(self, kind):
        """Effective seconds of ``kind``: its (possibly overridden) real-world seconds times the scale."""
        return self._seconds[kind] * self.time_scale

    def durations(self):
        return {kind: self.duration(kind) for kind in sorted(self._seconds)}


def parse_duration_overrides(items):
    """``["vm_boot=5", ...]`` -> ``{"vm_boot": 5.0}``; ValueError with a readable message otherwise."""
    result = {}
    for item in items or ():
        kind, sep, value = item.partition("=")
        if not sep:
            raise ValueError("--duration expects KIND=SECONDS, got %r" % item)
        try:
            seconds = float(value)
        except ValueError:
            raise ValueError("--duration %s: %r is not a number of seconds" % (kind, value)) from None
        if seconds < 0:
            raise ValueError("--duration %s: seconds must not be negative" % kind)
        result[kind.strip()] = seconds
    return result


def iso8601(timestamp, fraction=False):
    """ASM timestamps: ``2015-07-02T16:45:20Z``, or with 7 fractional digits where ASM sends them."""
    seconds = int(timestamp)
    text = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds))
    if fraction:
        text += ".%07d" % int(round((timestamp - seconds) * 1e7) % 10000000)
    return text + "Z"


def compact_stamp(timestamp):
    """``yyyyMMddHHmmssffff`` as in ASM's generated disk names (``svc-role-0-201507021813310578``)."""
    seconds = int(timestamp)
    return time.strftime("%Y%m%d%H%M%S", time.gmtime(seconds)) + "%04d" % int((timestamp - seconds) * 10000)


def day_stamp(timestamp):
    return time.strftime("%Y-%m-%d", time.gmtime(timestamp))
