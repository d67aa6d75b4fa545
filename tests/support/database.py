"""Open a test database by URL and bind it to the models for a block."""

from collections.abc import Iterator
from contextlib import contextmanager

import peewee

from photoflow_desktop.domain import db as db_module
from photoflow_desktop.domain.models import Task


@contextmanager
def bound_database(url: str) -> Iterator[peewee.Database]:
    """Open `url`, bind it to the models, and close it when the block ends."""
    database = db_module.open_database(url)
    db_module.bind(database)
    try:
        yield database
    finally:
        database.close()


def task_count(url: str) -> int:
    """How many tasks the database at `url` holds (as a user would count cards)."""
    with bound_database(url):
        return Task.select().count()
