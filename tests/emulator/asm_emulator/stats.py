"""Request statistics of the control API: every ASM request since start or the last reset, by
method and by route template (subscription-relative, ``{placeholders}``, no query)."""
from __future__ import annotations

import collections
import threading


class Stats:
    def __init__(self):
        self._lock = threading.Lock()
        self._total = 0
        self._by_method = collections.Counter()
        self._by_route = collections.Counter()

    def count(self, method, template):
        with self._lock:
            self._total += 1
            self._by_method[method] += 1
            self._by_route["%s %s" % (method, template)] += 1

    def snapshot(self):
        with self._lock:
            return {"total": self._total, "by_method": dict(sorted(self._by_method.items())), "by_route": dict(sorted(self._by_route.items()))}

    def reset(self):
        with self._lock:
            self._total = 0
            self._by_method.clear()
            self._by_route.clear()
