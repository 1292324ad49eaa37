"""AWS wire protocols, sans-IO: spec loading, validation, JSON 1.1 and REST-JSON dispatch."""
