"""console package (see DESIGN.md §3)."""
