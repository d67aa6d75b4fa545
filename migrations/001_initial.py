"""The PhotoFlow web app's schema, exactly as Prisma creates it ("Tasks", task_comments).

A database the web app already made is *adopted*: this migration is recorded as applied
without running (photoflow_desktop.maintenance.migrations.adopt_web_app_database).
"""

from photoflow_desktop.domain.db import is_postgres

POSTGRES = [
    """CREATE TABLE "Tasks" (
        "id" SERIAL NOT NULL,
        "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
        "dueAt" TIMESTAMP(3) NOT NULL,
        "task" TEXT NOT NULL,
        "additional_information" TEXT NOT NULL,
        "status" TEXT NOT NULL,
        "is_finished" BOOLEAN NOT NULL DEFAULT false,
        "amount_of_comments" INTEGER NOT NULL DEFAULT 0,
        "taskColumn" TEXT NOT NULL DEFAULT '1',
        CONSTRAINT "Tasks_pkey" PRIMARY KEY ("id")
    )""",
    """CREATE TABLE "task_comments" (
        "id" SERIAL NOT NULL,
        "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
        "task_id" INTEGER NOT NULL,
        "comment" TEXT NOT NULL,
        CONSTRAINT "task_comments_pkey" PRIMARY KEY ("id")
    )""",
    """ALTER TABLE "task_comments" ADD CONSTRAINT "task_comments_task_id_fkey"
        FOREIGN KEY ("task_id") REFERENCES "Tasks"("id") ON DELETE CASCADE ON UPDATE CASCADE""",
]

SQLITE = [
    """CREATE TABLE "Tasks" (
        "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
        "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
        "dueAt" DATETIME NOT NULL,
        "task" TEXT NOT NULL,
        "additional_information" TEXT NOT NULL,
        "status" TEXT NOT NULL,
        "is_finished" BOOLEAN NOT NULL DEFAULT false,
        "amount_of_comments" INTEGER NOT NULL DEFAULT 0,
        "taskColumn" TEXT NOT NULL DEFAULT '1'
    )""",
    """CREATE TABLE "task_comments" (
        "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
        "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
        "task_id" INTEGER NOT NULL,
        "comment" TEXT NOT NULL,
        CONSTRAINT "task_comments_task_id_fkey" FOREIGN KEY ("task_id")
            REFERENCES "Tasks" ("id") ON DELETE CASCADE ON UPDATE CASCADE
    )""",
]


def migrate(migrator, database, fake=False, **kwargs):
    """Create "Tasks" and task_comments."""
    for statement in POSTGRES if is_postgres(database) else SQLITE:
        migrator.sql(statement)


def rollback(migrator, database, fake=False, **kwargs):
    """Drop both tables (every order is lost: only `photoflow db reset` does this)."""
    migrator.sql('DROP TABLE IF EXISTS "task_comments"')
    migrator.sql('DROP TABLE IF EXISTS "Tasks"')
