"""The data layer: models, use cases and rules. No Qt here (DESIGN.md §1)."""
