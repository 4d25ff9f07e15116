"""Shared language machinery, computed once per conversation."""
