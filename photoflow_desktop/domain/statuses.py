"""Order statuses: the web app's keys, what earlier desktop versions wrote, and their labels.

The web app's status select writes the keys `NichtBearbeitet`, `Entwickelt`, `Retuschiert`,
`Gedruckt`; PhotoFlow stores those keys. Values earlier desktop versions wrote (RAW, Developed,
Retouched, Printed) and the label forms ("Nicht Bearbeitet") mean the same status and show under
the same label. Labels here are English source texts; the UI translates them.
"""

from __future__ import annotations

from collections.abc import Iterable

import peewee

from photoflow_desktop.domain.db import database_proxy
from photoflow_desktop.domain.models import Task

WORKFLOW = ("NichtBearbeitet", "Entwickelt", "Retuschiert", "Gedruckt")
"""The web app's keys in workflow order."""
LABELS = {
    "NichtBearbeitet": "Not processed",
    "Entwickelt": "Developed",
    "Retuschiert": "Retouched",
    "Gedruckt": "Printed",
}
_OTHER_SPELLINGS = {
    "NichtBearbeitet": ("RAW", "Nicht Bearbeitet", "Not processed"),
    "Entwickelt": ("Developed",),
    "Retuschiert": ("Retouched",),
    "Gedruckt": ("Printed",),
}


def _folded(value: str) -> str:
    return "".join(value.split()).casefold()


_KEY_OF = {
    _folded(spelling): key
    for key, spellings in _OTHER_SPELLINGS.items()
    for spelling in (key, *spellings)
}


def status_key(value: str) -> str:
    """The web app's key for a known status in any spelling; any other value unchanged."""
    return _KEY_OF.get(_folded(value), value)


def is_known(value: str) -> bool:
    """True when `value` is one of the four workflow statuses in any spelling."""
    return _folded(value) in _KEY_OF


def spellings(value: str) -> list[str]:
    """Every stored form of the same status (key, earlier spellings, label); else [value]."""
    key = status_key(value)
    if key not in LABELS:
        return [value]
    return list(dict.fromkeys([key, *_OTHER_SPELLINGS[key], LABELS[key]]))


def status_label(value: str) -> str:
    """The English source label of a known status; any other value as stored."""
    return LABELS.get(status_key(value), value)


def offered_statuses(stored: Iterable[str]) -> list[str]:
    """The four keys in workflow order, then every other stored value (sorted, once each)."""
    others = sorted({value for value in stored if not is_known(value)})
    return [*WORKFLOW, *others]


def stored_statuses() -> list[str]:
    """Every distinct status value in the database that is text (a BLOB cannot be offered)."""
    query = Task.select(Task.status).distinct().tuples()
    return [value for (value,) in query if isinstance(value, str)]


def legacy_counts() -> dict[tuple[str, str], int]:
    """(stored value, web-app key) → number of orders, for values that are not yet the key."""
    query = Task.select(Task.status, peewee.fn.COUNT(Task.id)).group_by(Task.status).tuples()
    return {
        (value, status_key(value)): count
        for value, count in query
        if is_known(value) and status_key(value) != value
    }


def normalize_statuses() -> dict[tuple[str, str], int]:
    """Rewrite every other spelling of the four statuses as the web app's key (one transaction)."""
    with database_proxy.atomic():
        changes = legacy_counts()
        for old, new in changes:
            Task.update(status=new).where(Task.status == old).execute()
    return changes
