"""PhotoFlow Desktop: a photography studio's kanban board."""

from photoflow_desktop.domain.pg_driver import import_peewee_without_driver

__version__ = "0.1.0"

import_peewee_without_driver()  # psycopg2 loads with the first PostgreSQL database instead
