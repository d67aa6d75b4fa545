"""The board window: columns, cards, the task model, undo commands and their dialogs."""
