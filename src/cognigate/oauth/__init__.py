"""oauth package (see DESIGN.md §3)."""
