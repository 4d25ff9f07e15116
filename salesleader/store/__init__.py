"""The team store: calls, reports, deals; SQLite by default, PostgreSQL by URL."""
