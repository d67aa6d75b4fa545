"""Shared by every feature: background jobs, progress, theme, icons, About, shortcuts."""
