"""The shared core: app factory, models, lifecycle, SLA engine and notifications."""
