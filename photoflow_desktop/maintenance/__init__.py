"""Backend-specific database operations (migrations, backup, restore, health). No Qt here."""
