"""The Qt user interface, one package per feature.

- `app`: start-up (`run_gui`), the log file and the error box for unexpected errors.
- `board/`: the board window, its columns and cards, the task model, undo commands, the task,
  column and conflict dialogs, search and the stats bar.
- `comments/`: a task's comment thread (dialog, model, delegate, undoable commands).
- `maintenance/`: the maintenance panel, its tabs and the data browser.
- `connection/`: opening a database (start-up, Connect dialog), switching boards, live updates.
- `common/`: background jobs and their progress, theme colours, icons, About and shortcuts.
"""
