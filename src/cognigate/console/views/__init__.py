"""Console page handlers, one module per area."""
