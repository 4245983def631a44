"""What a rule needs to know about the request it serves."""
from __future__ import annotations


class Context:
    """Subscription, request id (= id of the operation a mutation starts), time, clock and faults."""

    def __init__(self, store, clock, subscription_id, request_id, management_url, fail_operation=None):
        self.store = store
        self.clock = clock
        self.subscription_id = subscription_id
        self.request_id = request_id
        self.management_url = management_url
        self.fail_operation = fail_operation
        self.pending_operation = None
        self.now = clock.now()

    def refresh_time(self):
        """Take the time again once inside the write lock, so stored timestamps are ordered."""
        self.now = self.clock.now()

    def url(self, *parts):
        return "/".join([self.management_url, self.subscription_id] + list(parts))
