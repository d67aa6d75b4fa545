"""A task's comment thread: the dialog, its model and delegate, and undoable commands."""
