"""Notices to residents and representatives: who gets them (the resolver), the queue, and
delivery (the outbox sender and its backends)."""

from shared.notices.queue import KINDS_WITH_TRACKING_LINK, queue_notice

__all__ = ["KINDS_WITH_TRACKING_LINK", "queue_notice"]
