"""functions package (see DESIGN.md §3)."""
