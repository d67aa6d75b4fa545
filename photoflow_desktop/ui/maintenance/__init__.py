"""The maintenance panel, its tabs (one module each, sharing a context) and the data browser."""
