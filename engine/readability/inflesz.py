"""The INFLESZ bands for Szigriszt-Pazos scores (Spanish), as health writers in Spain use them.

Barrio-Cantalejo et al. 2008, "Validación de la Escala INFLESZ para evaluar la
legibilidad de los textos dirigidos a pacientes", Anales Sis San Navarra 31(2):
below 40 muy difícil, 40-55 algo difícil, 55-65 normal, 65-80 bastante fácil,
80 and above muy fácil. A score on a boundary goes to the easier band (55 is
"normal"), as the published table lists 55-65 for normal.
"""

from __future__ import annotations

BANDS = (
    (80.0, "muy fácil"),
    (65.0, "bastante fácil"),
    (55.0, "normal"),
    (40.0, "algo difícil"),
)
"""(lowest score, band) from easiest down; anything lower is "muy difícil"."""


HARDEST = "muy difícil"


def inflesz_band(score: float) -> str:
    """The INFLESZ band of a Szigriszt-Pazos score."""
    for lowest, band in BANDS:
        if score >= lowest:
            return band
    return HARDEST
