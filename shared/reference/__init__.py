"""Reference data a council configures: service areas, closure days and its calendar, the
Ombudsmen and code lists."""
