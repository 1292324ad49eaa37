"""gateway package (see DESIGN.md §3)."""
