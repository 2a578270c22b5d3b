"""Expected output, reviewed by eye: (form, locale, key) -> (html, text).

Regenerate only deliberately, and read the diff: these strings are the spec.
"""

from __future__ import annotations

GOLDEN: dict[tuple[str, str, str], tuple[str, str]] = {
    ("full", "en-US", "alvarez2019"): (
        'Alvarez MJ, O\'Neill K, van der Berg A. Vitamin K and bone health. <i>J Ex Nutr</i>. 2019;35(4):880-887. <a href="https://doi.org/10.5555/jen.2019.0042">doi:10.5555/jen.2019.0042</a> PMID: <a href="https://pubmed.ncbi.nlm.nih.gov/10000001/">10000001</a>',
        "Alvarez MJ, O'Neill K, van der Berg A. Vitamin K and bone health. J Ex Nutr. 2019;35(4):880-887. doi:10.5555/jen.2019.0042 PMID: 10000001",
    ),
    ("full", "en-US", "chen2021"): (
        'Author1 X, Author2 X, Author3 X, et al. Does vitamin K2 slow arterial calcification? A randomised trial. <i>Example Heart Journal</i>. 2021;12:e104522. PMID: <a href="https://pubmed.ncbi.nlm.nih.gov/10000002/">10000002</a>',
        "Author1 X, Author2 X, Author3 X, et al. Does vitamin K2 slow arterial calcification? A randomised trial. Example Heart Journal. 2021;12:e104522. PMID: 10000002",
    ),
    ("full", "en-US", "okafor2023"): (
        'Okafor C, Müller Ö. Calcium &amp; vitamin D: what\'s new! <i>Ex Rev Med</i>. 2023;8(2):101-112. <a href="https://doi.org/10.5555/erm-2023(2)101">doi:10.5555/erm-2023(2)101</a>',
        "Okafor C, Müller Ö. Calcium & vitamin D: what's new! Ex Rev Med. 2023;8(2):101-112. doi:10.5555/erm-2023(2)101",
    ),
    ("full", "en-US", "exsoc2024"): (
        '<i>Vitamin D for the Prevention of Disease: A Clinical Practice Guideline</i>. Example Society of Endocrinology; 2024. <a href="https://guidelines.example.org/vitamin-d?format=full&amp;lang=en">https://guidelines.example.org/vitamin-d?format=full&amp;lang=en</a>',
        "Vitamin D for the Prevention of Disease: A Clinical Practice Guideline. Example Society of Endocrinology; 2024. https://guidelines.example.org/vitamin-d?format=full&lang=en",
    ),
    ("full", "en-US", "exboard2022"): (
        '<i>Warfarin and Dietary Vitamin K.</i> Example National Board of Anticoagulation; 2022. Accessed January 15, 2025. <a href="https://anticoag.example.gov/warfarin-vitamin-k">https://anticoag.example.gov/warfarin-vitamin-k</a>',
        "Warfarin and Dietary Vitamin K. Example National Board of Anticoagulation; 2022. Accessed January 15, 2025. https://anticoag.example.gov/warfarin-vitamin-k",
    ),
    ("full", "en-US", "exods2024"): (
        'Vitamin D: fact sheet for health professionals. Example Office of Dietary Supplements. July 26, 2024. Accessed March 3, 2025. <a href="https://ods.example.gov/factsheets/vitamin-d/">https://ods.example.gov/factsheets/vitamin-d/</a>',
        "Vitamin D: fact sheet for health professionals. Example Office of Dietary Supplements. July 26, 2024. Accessed March 3, 2025. https://ods.example.gov/factsheets/vitamin-d/",
    ),
    ("full", "en-US", "exhealth2023"): (
        'Is vitamin K safe with blood thinners? Example Department of Health. Accessed February 1, 2025. <a href="https://health.example.gov/vitamin-k">https://health.example.gov/vitamin-k</a>',
        "Is vitamin K safe with blood thinners? Example Department of Health. Accessed February 1, 2025. https://health.example.gov/vitamin-k",
    ),
    ("full", "en-US", "exinst2011"): (
        "Example Institute of Medicine. <i>Dietary Reference Intakes for Calcium and Vitamin D</i>. 2nd ed. Example Academies Press; 2011.",
        "Example Institute of Medicine. Dietary Reference Intakes for Calcium and Vitamin D. 2nd ed. Example Academies Press; 2011.",
    ),
    ("sources", "en-US", "alvarez2019"): (
        '<cite>Vitamin K and bone health.</cite> Journal of Example Nutrition, 2019. <a href="https://doi.org/10.5555/jen.2019.0042">https://doi.org/10.5555/jen.2019.0042</a>',
        "Vitamin K and bone health. Journal of Example Nutrition, 2019. https://doi.org/10.5555/jen.2019.0042",
    ),
    ("sources", "en-US", "chen2021"): (
        '<cite>Does vitamin K2 slow arterial calcification? A randomised trial</cite>. Example Heart Journal, 2021. <a href="https://pubmed.ncbi.nlm.nih.gov/10000002/">https://pubmed.ncbi.nlm.nih.gov/10000002/</a>',
        "Does vitamin K2 slow arterial calcification? A randomised trial. Example Heart Journal, 2021. https://pubmed.ncbi.nlm.nih.gov/10000002/",
    ),
    ("sources", "en-US", "okafor2023"): (
        '<cite>Calcium &amp; vitamin D: what\'s new!</cite> Example Reviews in Medicine, 2023. <a href="https://doi.org/10.5555/erm-2023(2)101">https://doi.org/10.5555/erm-2023(2)101</a>',
        "Calcium & vitamin D: what's new! Example Reviews in Medicine, 2023. https://doi.org/10.5555/erm-2023(2)101",
    ),
    ("sources", "en-US", "exsoc2024"): (
        '<cite>Vitamin D for the prevention of disease: a clinical practice guideline</cite>. Example Society of Endocrinology, 2024. <a href="https://guidelines.example.org/vitamin-d?format=full&amp;lang=en">https://guidelines.example.org/vitamin-d?format=full&amp;lang=en</a>',
        "Vitamin D for the prevention of disease: a clinical practice guideline. Example Society of Endocrinology, 2024. https://guidelines.example.org/vitamin-d?format=full&lang=en",
    ),
    ("sources", "en-US", "exboard2022"): (
        '<cite>Warfarin and dietary vitamin K.</cite> Example National Board of Anticoagulation, 2022. <a href="https://anticoag.example.gov/warfarin-vitamin-k">https://anticoag.example.gov/warfarin-vitamin-k</a>',
        "Warfarin and dietary vitamin K. Example National Board of Anticoagulation, 2022. https://anticoag.example.gov/warfarin-vitamin-k",
    ),
    ("sources", "en-US", "exods2024"): (
        '<cite>Vitamin D: fact sheet for health professionals</cite>. Example Office of Dietary Supplements, 2024. <a href="https://ods.example.gov/factsheets/vitamin-d/">https://ods.example.gov/factsheets/vitamin-d/</a>',
        "Vitamin D: fact sheet for health professionals. Example Office of Dietary Supplements, 2024. https://ods.example.gov/factsheets/vitamin-d/",
    ),
    ("sources", "en-US", "exhealth2023"): (
        '<cite>Is vitamin K safe with blood thinners?</cite> Example Department of Health. <a href="https://health.example.gov/vitamin-k">https://health.example.gov/vitamin-k</a>',
        "Is vitamin K safe with blood thinners? Example Department of Health. https://health.example.gov/vitamin-k",
    ),
    ("sources", "en-US", "exinst2011"): (
        "<cite>Dietary reference intakes for calcium and vitamin D</cite>. Example Academies Press, 2011.",
        "Dietary reference intakes for calcium and vitamin D. Example Academies Press, 2011.",
    ),
    ("full", "es-US", "alvarez2019"): (
        'Alvarez MJ, O\'Neill K, van der Berg A. Vitamin K and bone health. <i>J Ex Nutr</i>. 2019;35(4):880-887. <a href="https://doi.org/10.5555/jen.2019.0042">doi:10.5555/jen.2019.0042</a> PMID: <a href="https://pubmed.ncbi.nlm.nih.gov/10000001/">10000001</a>',
        "Alvarez MJ, O'Neill K, van der Berg A. Vitamin K and bone health. J Ex Nutr. 2019;35(4):880-887. doi:10.5555/jen.2019.0042 PMID: 10000001",
    ),
    ("full", "es-US", "chen2021"): (
        'Author1 X, Author2 X, Author3 X, et\xa0al. Does vitamin K2 slow arterial calcification? A randomised trial. <i>Example Heart Journal</i>. 2021;12:e104522. PMID: <a href="https://pubmed.ncbi.nlm.nih.gov/10000002/">10000002</a>',
        "Author1 X, Author2 X, Author3 X, et\xa0al. Does vitamin K2 slow arterial calcification? A randomised trial. Example Heart Journal. 2021;12:e104522. PMID: 10000002",
    ),
    ("full", "es-US", "okafor2023"): (
        'Okafor C, Müller Ö. Calcium &amp; vitamin D: what\'s new! <i>Ex Rev Med</i>. 2023;8(2):101-112. <a href="https://doi.org/10.5555/erm-2023(2)101">doi:10.5555/erm-2023(2)101</a>',
        "Okafor C, Müller Ö. Calcium & vitamin D: what's new! Ex Rev Med. 2023;8(2):101-112. doi:10.5555/erm-2023(2)101",
    ),
    ("full", "es-US", "exsoc2024"): (
        '<i>Vitamin D for the Prevention of Disease: A Clinical Practice Guideline</i>. Example Society of Endocrinology; 2024. <a href="https://guidelines.example.org/vitamin-d?format=full&amp;lang=en">https://guidelines.example.org/vitamin-d?format=full&amp;lang=en</a>',
        "Vitamin D for the Prevention of Disease: A Clinical Practice Guideline. Example Society of Endocrinology; 2024. https://guidelines.example.org/vitamin-d?format=full&lang=en",
    ),
    ("full", "es-US", "exboard2022"): (
        '<i>Warfarin and Dietary Vitamin K.</i> Example National Board of Anticoagulation; 2022. Consultado el 15 de enero de 2025. <a href="https://anticoag.example.gov/warfarin-vitamin-k">https://anticoag.example.gov/warfarin-vitamin-k</a>',
        "Warfarin and Dietary Vitamin K. Example National Board of Anticoagulation; 2022. Consultado el 15 de enero de 2025. https://anticoag.example.gov/warfarin-vitamin-k",
    ),
    ("full", "es-US", "exods2024"): (
        'Vitamin D: fact sheet for health professionals. Example Office of Dietary Supplements. 26 de julio de 2024. Consultado el 3 de marzo de 2025. <a href="https://ods.example.gov/factsheets/vitamin-d/">https://ods.example.gov/factsheets/vitamin-d/</a>',
        "Vitamin D: fact sheet for health professionals. Example Office of Dietary Supplements. 26 de julio de 2024. Consultado el 3 de marzo de 2025. https://ods.example.gov/factsheets/vitamin-d/",
    ),
    ("full", "es-US", "exhealth2023"): (
        'Is vitamin K safe with blood thinners? Example Department of Health. Consultado el 1 de febrero de 2025. <a href="https://health.example.gov/vitamin-k">https://health.example.gov/vitamin-k</a>',
        "Is vitamin K safe with blood thinners? Example Department of Health. Consultado el 1 de febrero de 2025. https://health.example.gov/vitamin-k",
    ),
    ("full", "es-US", "exinst2011"): (
        "Example Institute of Medicine. <i>Dietary Reference Intakes for Calcium and Vitamin D</i>. 2.ª ed. Example Academies Press; 2011.",
        "Example Institute of Medicine. Dietary Reference Intakes for Calcium and Vitamin D. 2.ª ed. Example Academies Press; 2011.",
    ),
    ("sources", "es-US", "alvarez2019"): (
        '<cite lang="en">Vitamin K and bone health.</cite> Journal of Example Nutrition, 2019. <a href="https://doi.org/10.5555/jen.2019.0042">https://doi.org/10.5555/jen.2019.0042</a>',
        "Vitamin K and bone health. Journal of Example Nutrition, 2019. https://doi.org/10.5555/jen.2019.0042",
    ),
    ("sources", "es-US", "chen2021"): (
        '<cite lang="en">Does vitamin K2 slow arterial calcification? A randomised trial</cite>. Example Heart Journal, 2021. <a href="https://pubmed.ncbi.nlm.nih.gov/10000002/">https://pubmed.ncbi.nlm.nih.gov/10000002/</a>',
        "Does vitamin K2 slow arterial calcification? A randomised trial. Example Heart Journal, 2021. https://pubmed.ncbi.nlm.nih.gov/10000002/",
    ),
    ("sources", "es-US", "okafor2023"): (
        '<cite lang="en">Calcium &amp; vitamin D: what\'s new!</cite> Example Reviews in Medicine, 2023. <a href="https://doi.org/10.5555/erm-2023(2)101">https://doi.org/10.5555/erm-2023(2)101</a>',
        "Calcium & vitamin D: what's new! Example Reviews in Medicine, 2023. https://doi.org/10.5555/erm-2023(2)101",
    ),
    ("sources", "es-US", "exsoc2024"): (
        '<cite lang="en">Vitamin D for the prevention of disease: a clinical practice guideline</cite>. Example Society of Endocrinology, 2024. <a href="https://guidelines.example.org/vitamin-d?format=full&amp;lang=en">https://guidelines.example.org/vitamin-d?format=full&amp;lang=en</a>',
        "Vitamin D for the prevention of disease: a clinical practice guideline. Example Society of Endocrinology, 2024. https://guidelines.example.org/vitamin-d?format=full&lang=en",
    ),
    ("sources", "es-US", "exboard2022"): (
        '<cite lang="en">Warfarin and dietary vitamin K.</cite> Example National Board of Anticoagulation, 2022. <a href="https://anticoag.example.gov/warfarin-vitamin-k">https://anticoag.example.gov/warfarin-vitamin-k</a>',
        "Warfarin and dietary vitamin K. Example National Board of Anticoagulation, 2022. https://anticoag.example.gov/warfarin-vitamin-k",
    ),
    ("sources", "es-US", "exods2024"): (
        '<cite lang="en">Vitamin D: fact sheet for health professionals</cite>. Example Office of Dietary Supplements, 2024. <a href="https://ods.example.gov/factsheets/vitamin-d/">https://ods.example.gov/factsheets/vitamin-d/</a>',
        "Vitamin D: fact sheet for health professionals. Example Office of Dietary Supplements, 2024. https://ods.example.gov/factsheets/vitamin-d/",
    ),
    ("sources", "es-US", "exhealth2023"): (
        '<cite lang="en">Is vitamin K safe with blood thinners?</cite> Example Department of Health. <a href="https://health.example.gov/vitamin-k">https://health.example.gov/vitamin-k</a>',
        "Is vitamin K safe with blood thinners? Example Department of Health. https://health.example.gov/vitamin-k",
    ),
    ("sources", "es-US", "exinst2011"): (
        '<cite lang="en">Dietary reference intakes for calcium and vitamin D</cite>. Example Academies Press, 2011.',
        "Dietary reference intakes for calcium and vitamin D. Example Academies Press, 2011.",
    ),
}
