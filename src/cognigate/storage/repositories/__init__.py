"""Repository implementations of the domain ports; rows become frozen domain objects here."""
