"""Our own board_columns table (web-app defaults 1/2/3) and the guide's recommended indexes.

Index names are those Prisma would give (`@@index([taskColumn])` → "Tasks_taskColumn_idx"), and
created IF NOT EXISTS, so a web-app database that already has them is left as it is. Rollback
drops only what is ours alone: board_columns and the comment-lookup index.
"""

STATEMENTS = [
    """CREATE TABLE IF NOT EXISTS "board_columns" (
        "key" TEXT NOT NULL PRIMARY KEY,
        "title" TEXT NOT NULL,
        "position" INTEGER NOT NULL,
        "wip_limit" INTEGER NULL
    )""",
    """INSERT INTO "board_columns" ("key", "title", "position") VALUES
        ('1', 'To do', 0), ('2', 'In progress', 1), ('3', 'Done', 2)""",
    'CREATE INDEX IF NOT EXISTS "Tasks_taskColumn_idx" ON "Tasks" ("taskColumn")',
    'CREATE INDEX IF NOT EXISTS "Tasks_is_finished_idx" ON "Tasks" ("is_finished")',
    'CREATE INDEX IF NOT EXISTS "Tasks_dueAt_idx" ON "Tasks" ("dueAt")',
    'CREATE INDEX IF NOT EXISTS "task_comments_task_id_idx" ON "task_comments" ("task_id")',
]


def migrate(migrator, database, fake=False, **kwargs):
    """Add board_columns and the indexes."""
    for statement in STATEMENTS:
        migrator.sql(statement)


def rollback(migrator, database, fake=False, **kwargs):
    """Drop board_columns and our comment index; the "Tasks" indexes stay (the web app's too)."""
    migrator.sql('DROP INDEX IF EXISTS "task_comments_task_id_idx"')
    migrator.sql('DROP TABLE IF EXISTS "board_columns"')
