"""The studio's details printed on invoices, kept in settings.json (read and written here)."""

from __future__ import annotations

from dataclasses import asdict, fields, replace

from photoflow_desktop.config import load_studio_settings, save_studio_settings
from photoflow_desktop.domain.errors import ValidationError
from photoflow_desktop.domain.invoice_records import StudioDetails
from photoflow_desktop.domain.validation import clean_text

FIELD_NAMES = tuple(f.name for f in fields(StudioDetails))


def load_studio() -> StudioDetails:
    """The saved details (empty fields where nothing was saved)."""
    saved = load_studio_settings()
    known = {name: saved[name] for name in FIELD_NAMES if name in saved}
    try:
        return replace(StudioDetails(), **known)
    except TypeError:
        return StudioDetails()


def save_studio(details: StudioDetails) -> StudioDetails:
    """Check and store the details; returns them trimmed."""
    cleaned = {}
    for name in FIELD_NAMES:
        value = getattr(details, name)
        if name == "payment_days":
            if not isinstance(value, int) or not 0 <= value <= 365:
                raise ValidationError("Payment term must be 0 to 365 days", name)
            cleaned[name] = value
        else:
            label = name.replace("_", " ").capitalize()
            cleaned[name] = clean_text(value, name, label, 2000, required=False)
    studio = StudioDetails(**cleaned)
    save_studio_settings(asdict(studio))
    return studio
