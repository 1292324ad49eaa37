"""AWS operation handlers: wire dicts in, domain calls, wire dicts out."""
