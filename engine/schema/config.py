"""The project settings schema: ``plainly.yaml``."""

from __future__ import annotations

from pydantic import (
    Field,
    model_validator,
)
from pydantic_core import PydanticCustomError

from engine.schema.base import MAX_MONTHS, Localized, Model


class Clinic(Model):
    name: str | None = None
    """Clinic name printed on handouts."""

    phone: str | None = None
    """Phone number printed in "when to get help"."""

    logo: str | None = None
    """Logo file in the asset folder."""


class ProjectConfig(Model):
    """plainly.yaml: settings of a content project."""

    title: Localized
    """Site title."""

    base_url: str = Field(pattern=r"^https?://[^\s/]+(/\S*)?$")
    """Where the site is published, such as https://health.example.org/library/."""

    locales: list[str] = Field(default=["en-US"], min_length=1)
    """Locale tags, such as en-US and es-US."""

    default_locale: str = "en-US"
    """The locale of `articles/<slug>.yaml`."""

    output: str = "output"
    """Output folder, relative to the project."""

    assets: str = "assets"
    """Folder of images and logos that sources may use."""

    stale_after_months: int = Field(default=12, ge=1, le=MAX_MONTHS)
    """Content whose last review is older than this is flagged."""

    review_interval_months: int | None = Field(default=12, ge=1, le=MAX_MONTHS)
    """Default months between reviews, for "next review due" on handouts."""

    clinic: Clinic = Clinic()
    """Optional branding for handouts."""

    @model_validator(mode="after")
    def _default_is_listed(self) -> ProjectConfig:
        if self.default_locale not in self.locales:
            raise PydanticCustomError(
                "default_locale",
                "default locale '{locale}' is not in `locales`",
                {"locale": self.default_locale, "hint": "add it to `locales`"},
            )
        return self
