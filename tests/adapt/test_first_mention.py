"""The glossary's first-mention option and inflected forms with their own plain wording."""

from __future__ import annotations

from engine.adapt.glossary_pass import GlossaryPass
from engine.inline.parse import parse_inline
from engine.load.glossary import Glossary
from engine.schema.glossary import GlossaryTerm, Inflection

WARFARIN = GlossaryTerm(term="warfarin", plain="the blood thinner", definition="a medicine")
ANTICOAGULANT = GlossaryTerm(
    term="anticoagulant",
    plain="blood thinner",
    definition="a medicine that slows clotting",
    inflections=[Inflection(form="anticoagulants", plain="blood thinners")],
)


def _shown(glossary_pass: GlossaryPass, text: str, *, heading: bool = False) -> str:
    glossary = glossary_pass.glossary
    tokens = parse_inline(text, terms=glossary.matcher)
    return "".join(t.plain() for t in glossary_pass.apply(tokens, heading=heading))


def test_default_replaces_every_mention_so_approved_pages_do_not_change() -> None:
    glossary = Glossary.build("en-US", [WARFARIN])
    glossary_pass = GlossaryPass(glossary, "plain")
    assert _shown(glossary_pass, "Warfarin", heading=True) == "The blood thinner"
    assert _shown(glossary_pass, "Take warfarin.") == "Take the blood thinner (warfarin)."
    assert _shown(glossary_pass, "Stop warfarin.") == "Stop the blood thinner."


def test_first_mention_per_section_then_the_term_and_headings_keep_it() -> None:
    glossary = Glossary.build("en-US", [WARFARIN])
    glossary_pass = GlossaryPass(glossary, "plain", first_mention=True)
    glossary_pass.start_section()
    assert _shown(glossary_pass, "Warfarin", heading=True) == "Warfarin"
    assert _shown(glossary_pass, "Take warfarin.") == "Take the blood thinner (warfarin)."
    assert _shown(glossary_pass, "Stop warfarin if you bleed.") == "Stop warfarin if you bleed."
    glossary_pass.start_section()
    assert _shown(glossary_pass, "Ask about warfarin.") == "Ask about the blood thinner (warfarin)."
    assert [t.term for t in glossary_pass.used] == ["warfarin"]


def test_an_entry_can_opt_in_on_its_own() -> None:
    entry = WARFARIN.model_copy(update={"first_mention": True})
    other = GlossaryTerm(term="INR", plain="clotting test", definition="a blood test")
    glossary = Glossary.build("en-US", [entry, other])
    glossary_pass = GlossaryPass(glossary, "plain")
    glossary_pass.start_section()
    _shown(glossary_pass, "Take warfarin. Check your INR.")
    assert _shown(glossary_pass, "Warfarin and INR.") == "Warfarin and clotting test."


def test_an_inflection_has_its_own_plain_wording() -> None:
    glossary = Glossary.build("en-US", [ANTICOAGULANT])
    glossary_pass = GlossaryPass(glossary, "plain")
    assert _shown(glossary_pass, "Anticoagulants help.") == "Blood thinners (anticoagulants) help."
    assert _shown(glossary_pass, "The anticoagulant helps.") == "The blood thinner helps."
