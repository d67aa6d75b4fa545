"""What a card shows of its record's text fields, with a damaged stored value marked, not hidden."""

from __future__ import annotations

from photoflow_desktop.domain.records import TaskRecord
from photoflow_desktop.i18n import translate
from photoflow_desktop.ui.common.status_text import status_text

TOOLTIP_STATUS_LIMIT = 200  # a 10,000-character status would cover the screen


def _field_label(name: str) -> str:
    labels = {
        "title": translate("CardTexts", "title"),
        "status": translate("CardTexts", "status"),
        "info": translate("CardTexts", "notes"),
        "column": translate("CardTexts", "column"),
        "is_finished": translate("CardTexts", "finished flag"),
        "comment_count": translate("CardTexts", "comment count"),
        "due_at": translate("CardTexts", "due date"),
        "created_at": translate("CardTexts", "created"),
    }
    return labels.get(name, name)


def shown_title(record: TaskRecord) -> str:
    """The card's title; a stored title that is no text shows as damaged with its raw value."""
    if "title" in record.damaged:
        text = translate("CardTexts", "Damaged title: {raw}")
        return text.format(raw=record.damaged["title"])
    return record.title.replace("\x00", "\N{SYMBOL FOR NULL}")


def shown_status(record: TaskRecord) -> str:
    """The status chip's label; a stored status that is no text shows as damaged."""
    if "status" in record.damaged:
        return translate("CardTexts", "Damaged status")
    return status_text(record.status)


def chip_status(record: TaskRecord) -> str:
    """What the status chip is given: the stored key, or a marker when it is no text."""
    if "status" in record.damaged:
        return translate("CardTexts", "Damaged status")
    return record.status


def card_tooltip(record: TaskRecord) -> str:
    """Title, status, notes and every damaged stored value with its raw form."""
    status = shown_status(record)
    if len(status) > TOOLTIP_STATUS_LIMIT:
        status = status[:TOOLTIP_STATUS_LIMIT] + "…"
    lines = [shown_title(record), status]
    if record.info:
        lines += ["", record.info]
    damage = translate("CardTexts", "Damaged {field}: {raw}")
    for name, raw in record.damaged.items():
        lines.append(damage.format(field=_field_label(name), raw=raw))
    return "\n".join(lines)
