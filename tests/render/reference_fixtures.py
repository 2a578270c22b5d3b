"""Fictional references for the reference-list tests: every name, DOI (Crossref's test prefix 10.5555) and
PMID here is made up; none describes a real publication."""

from __future__ import annotations

from typing import Any

JOURNALS: list[dict[str, Any]] = [
    {
        "key": "alvarez2019",
        "kind": "journal-article",
        "authors": ["Alvarez MJ", "O'Neill K", {"family": "van der Berg", "given": "Anna"}],
        "title": "Vitamin K and bone health.",
        "journal": "Journal of Example Nutrition (Springfield, Ill.)",
        "journal_abbrev": "J Ex Nutr",
        "year": 2019,
        "volume": 35,
        "issue": 4,
        "pages": "880-7",
        "doi": "https://doi.org/10.5555/jen.2019.0042",
        "pmid": 10000001,
    },
    {
        "key": "chen2021",
        "kind": "journal-article",
        "authors": [f"Author{n} X" for n in range(1, 8)],
        "title": "Does vitamin K2 slow arterial calcification? A randomised trial",
        "journal": "Example Heart Journal",
        "year": 2021,
        "volume": "12",
        "pages": "e104522",
        "pmid": "10000002",
    },
    {
        "key": "okafor2023",
        "kind": "journal-article",
        "authors": [{"family": "Okafor", "given": "Chidi"}, "Müller Ö"],
        "title": "Calcium & vitamin D: what's new!",
        "journal": "Example Reviews in Medicine",
        "journal_abbrev": "Ex Rev Med",
        "year": 2023,
        "volume": "8",
        "issue": "2",
        "pages": "101-112",
        "doi": "10.5555/erm-2023(2)101",
    },
]

GUIDELINES: list[dict[str, Any]] = [
    {
        "key": "exsoc2024",
        "kind": "guideline",
        "title": "Vitamin D for the prevention of disease: a clinical practice guideline",
        "publisher": "Example Society of Endocrinology",
        "year": 2024,
        "url": "https://guidelines.example.org/vitamin-d?format=full&lang=en",
    },
    {
        "key": "exboard2022",
        "kind": "guideline",
        "title": "Warfarin and dietary vitamin K.",
        "publisher": "Example National Board of Anticoagulation",
        "year": 2022,
        "accessed": "2025-01-15",
        "url": "https://anticoag.example.gov/warfarin-vitamin-k",
    },
]

WEB_PAGES: list[dict[str, Any]] = [
    {
        "key": "exods2024",
        "kind": "web-page",
        "title": "Vitamin D: fact sheet for health professionals",
        "publisher": "Example Office of Dietary Supplements",
        "url": "https://ods.example.gov/factsheets/vitamin-d/",
        "accessed": "2025-03-03",
        "published": "2024-07-26",
    },
    {
        "key": "exhealth2023",
        "kind": "web-page",
        "title": "Is vitamin K safe with blood thinners?",
        "publisher": "Example Department of Health",
        "url": "https://health.example.gov/vitamin-k",
        "accessed": "2025-02-01",
    },
]

BOOKS: list[dict[str, Any]] = [
    {
        "key": "exinst2011",
        "kind": "book",
        "authors": [{"family": "Example Institute of Medicine"}],
        "title": "Dietary reference intakes for calcium and vitamin D",
        "publisher": "Example Academies Press",
        "year": 2011,
        "edition": 2,
    },
]

ALL: list[dict[str, Any]] = JOURNALS + GUIDELINES + WEB_PAGES + BOOKS
