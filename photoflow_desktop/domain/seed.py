"""Sample studio orders for a new board, a demo or a test (`photoflow db seed`)."""

from __future__ import annotations

from datetime import datetime, timedelta

from photoflow_desktop.domain.comments import add_comment
from photoflow_desktop.domain.db import database_proxy
from photoflow_desktop.domain.models import utc_now
from photoflow_desktop.domain.records import TaskDraft
from photoflow_desktop.domain.seed_german import in_language
from photoflow_desktop.domain.tasks import create_task

# (title, days from now, hour, status, description, column, finished, comments)
SAMPLE_ORDERS = [
    (
        "Wedding Photography - Smith Family",
        12,
        14,
        "RAW",
        "Outdoor ceremony, 100 guests",
        "1",
        False,
        ["Venue walk-through booked", "Second shooter confirmed"],
    ),
    (
        "Newborn Session - Baby Emma",
        3,
        10,
        "RAW",
        "Home studio, bring the wicker basket",
        "1",
        False,
        ["Parents prefer neutral colours"],
    ),
    (
        "Corporate Headshots - Lindqvist & Partner",
        1,
        9,
        "RAW",
        "12 staff, grey backdrop",
        "1",
        False,
        [],
    ),
    (
        "Print Order - Canvas 60x90",
        5,
        16,
        "Developed",
        "Client chose image #214",
        "2",
        False,
        ["Proof sent by e-mail"],
    ),
    ("Engagement Shoot - Anna & Tom", 20, 17, "RAW", "Golden hour at the lake", "1", False, []),
    (
        "Family Portrait - Müller",
        -2,
        11,
        "Developed",
        "Three generations, 9 people",
        "2",
        False,
        ["Grandma needs a chair", "Retouch skin tones gently"],
    ),
    (
        "Product Shots - Bakery Sonnenschein",
        7,
        8,
        "RAW",
        "30 products on white",
        "1",
        False,
        ["Croissants must be fresh: shoot before 9"],
    ),
    (
        "Wedding Album - Garcia",
        9,
        12,
        "Retouched",
        "40 pages, linen cover",
        "2",
        False,
        ["Layout v2 approved", "Cover text: 'Maria & José 2026'"],
    ),
    ("School Photos - Class 4b", 14, 8, "RAW", "28 pupils + group photo", "1", False, []),
    (
        "Passport Photos - Walk-in",
        0,
        15,
        "Printed",
        "Biometric, 4 copies",
        "3",
        True,
        ["Collected"],
    ),
    ("Maternity Session - Sophie", 4, 13, "RAW", "Studio, flowing dress provided", "1", False, []),
    (
        "Real Estate - Villa Hohenzollern",
        -1,
        10,
        "Developed",
        "HDR interiors, drone exterior",
        "2",
        False,
        ["Agent wants 25 images by Friday"],
    ),
    (
        "Print Order - 50 Postcards",
        2,
        12,
        "Printed",
        "Matte finish",
        "3",
        False,
        ["Printer queue: tomorrow morning"],
    ),
    ("Baptism - Little Noah", 30, 11, "RAW", "St. Mary's church, no flash inside", "1", False, []),
    ("Band Promo - The Night Owls", 6, 20, "Developed", "Urban night look", "2", False, []),
    (
        "Headshot - Dr. Okafor",
        -5,
        9,
        "Retouched",
        "LinkedIn + clinic website",
        "3",
        True,
        ["Delivered via download link", "Invoice paid"],
    ),
    (
        "Wedding Photography - Nguyen & Becker",
        45,
        13,
        "RAW",
        "Two locations, 150 guests",
        "1",
        False,
        ["Deposit received"],
    ),
    ("Pet Portraits - Bruno the Dog", 8, 15, "RAW", "Park session, bring treats", "1", False, []),
    (
        "Photo Restoration - 1952 Portrait",
        -3,
        10,
        "Retouched",
        "Torn corner, fading",
        "2",
        False,
        ["Scan at 1200 dpi done"],
    ),
    (
        "Print Order - Framed 30x40 (3x)",
        1,
        17,
        "Printed",
        "Black oak frames",
        "3",
        False,
        ["Frames arrive Thursday"],
    ),
    ("Graduation Photos - Lea", 10, 14, "RAW", "University garden", "1", False, []),
    (
        "Event - Company Summer Party",
        25,
        18,
        "RAW",
        "4 hours coverage",
        "1",
        False,
        ["Parking arranged"],
    ),
    (
        "Newborn Session - Twins Ben & Finn",
        -7,
        10,
        "Printed",
        "Album + 10 prints",
        "3",
        True,
        ["Parents delighted"],
    ),
    (
        "Fashion Lookbook - Atelier Rosa",
        15,
        9,
        "Developed",
        "12 outfits, 2 models",
        "2",
        False,
        ["Model release forms signed"],
    ),
    ("Anniversary Portrait - The Weber Couple", 11, 16, "RAW", "50 years married", "1", False, []),
    (
        "Print Order - Photo Book A4",
        -1,
        9,
        "Retouched",
        "Holiday in Norway, 60 pages",
        "2",
        False,
        ["Client asked for one more page"],
    ),
    ("Headshots - Theatre Ensemble", 18, 10, "RAW", "16 actors, dramatic light", "1", False, []),
    (
        "Wedding Photography - Rossi",
        -20,
        12,
        "Printed",
        "Delivered: 600 images + album",
        "3",
        True,
        ["Album delivered", "Review left on Google"],
    ),
    (
        "Christmas Mini Sessions",
        32,
        10,
        "RAW",
        "10 slots of 20 minutes",
        "1",
        False,
        ["Props: sledge, lights, blankets"],
    ),
    (
        "Food Photography - Restaurant Lindenhof",
        5,
        11,
        "Developed",
        "New menu, 18 dishes",
        "2",
        False,
        [],
    ),
]


def seed_board(now: datetime | None = None, language: str = "en") -> int:
    """Create the sample orders (with comments, in `language`) in one transaction; how many."""
    now = now or utc_now()
    with database_proxy.atomic():
        for title, days, hour, status, info, column, finished, comments in SAMPLE_ORDERS:
            due_at = (now + timedelta(days=days)).replace(
                hour=hour, minute=0, second=0, microsecond=0
            )
            title, info = in_language(title, language), in_language(info, language)
            record = create_task(TaskDraft(title, due_at, status, info, column, finished))
            for text in comments:
                add_comment(record.id, in_language(text, language))
    return len(SAMPLE_ORDERS)
