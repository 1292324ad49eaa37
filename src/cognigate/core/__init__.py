"""Shared kernel: errors, clock, ids, unit-of-work protocol. Imports nothing from cognigate."""
