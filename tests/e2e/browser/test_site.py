"""The site as a reader uses it, in headless Chromium: choosing who they are, reading, searching."""

from __future__ import annotations

import json
from pathlib import Path

import axe_playwright_python
import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.browser.conftest import Traffic, open_context, site_pages

AXE = Path(axe_playwright_python.__file__).parent / "axe.min.js"
VARIANTS = ["clinician", "patient", "caregiver"]


def choose(page: Page, label: str) -> None:
    page.get_by_role("link", name=label).click()
    page.wait_for_load_state()


def test_choosing_a_persona_lands_on_that_variant(page: Page, base_url: str) -> None:
    page.goto(base_url + "example/index.html")
    expect(page.get_by_role("heading", name="Which best describes you?")).to_be_visible()
    page.locator('a.persona[data-audience="patient"]').click()
    expect(page).to_have_url(base_url + "example/patient/index.html")
    expect(page.locator(".reading-as")).to_contain_text("Version: Patient")


def test_the_choice_survives_a_reload_and_carries_to_another_article(
    page: Page, base_url: str
) -> None:
    page.goto(base_url + "example/index.html")
    page.locator('a.persona[data-audience="caregiver"]').click()
    expect(page).to_have_url(base_url + "example/caregiver/index.html")
    page.reload()
    expect(page).to_have_url(base_url + "example/caregiver/index.html")
    page.goto(base_url + "index.html")
    expect(page.locator("[data-persona-bar] .reading-as")).to_contain_text("caregiver")
    page.get_by_role("link", name="Can a daily walk lower blood pressure?").click()
    expect(page).to_have_url(base_url + "walking/caregiver/index.html")


def test_changing_the_choice_works(page: Page, base_url: str) -> None:
    page.goto(base_url + "walking/index.html")
    page.locator('a.persona[data-audience="patient"]').click()
    expect(page).to_have_url(base_url + "walking/patient/index.html")
    # "change" leads back to the chooser, which marks the current choice and does not bounce.
    page.locator(".reading-as").get_by_role("link", name="Change version").click()
    expect(page).to_have_url(base_url + "walking/index.html#choose")
    expect(page.locator('a.persona[aria-current="true"]')).to_have_attribute(
        "data-audience", "patient"
    )
    page.locator('a.persona[data-audience="clinician"]').click()
    expect(page).to_have_url(base_url + "walking/clinician/index.html")
    page.goto(base_url + "example/index.html")
    expect(page).to_have_url(base_url + "example/clinician/index.html")
    # The index page's control changes it too, by keyboard.
    page.goto(base_url + "index.html")
    toggle = page.locator("[data-persona-toggle]")
    toggle.focus()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    page.locator('[data-set-audience="patient"]').focus()
    page.keyboard.press("Enter")
    expect(page.locator("[data-persona-bar] .reading-as")).to_contain_text("patient")
    page.goto(base_url + "example/index.html")
    expect(page).to_have_url(base_url + "example/patient/index.html")


def test_a_shared_link_does_not_capture_the_choice(page: Page, base_url: str) -> None:
    # A first-time reader opens a colleague's link to the clinician page.
    page.goto(base_url + "example/clinician/index.html")
    expect(page.locator(".reading-as")).to_contain_text("Version: For health professionals")
    assert page.evaluate("localStorage.getItem('plainly.audience')") is None
    page.goto(base_url + "walking/index.html")
    expect(page).to_have_url(base_url + "walking/index.html")
    expect(page.get_by_role("heading", name="Which best describes you?")).to_be_visible()


def test_links_to_the_other_versions_do_not_change_the_choice(page: Page, base_url: str) -> None:
    page.goto(base_url + "example/index.html")
    page.locator('a.persona[data-audience="patient"]').click()
    # The chooser offers "For health professionals" too: wait for the patient page, so the
    # next click is on its link, not on the chooser's while it is being left.
    expect(page).to_have_url(base_url + "example/patient/index.html")
    page.get_by_role("link", name="For health professionals").click()
    expect(page).to_have_url(base_url + "example/clinician/index.html")
    page.goto(base_url + "walking/index.html")
    expect(page).to_have_url(base_url + "walking/patient/index.html")
    # On a version they did not choose, the reader is offered theirs back.
    page.goto(base_url + "walking/caregiver/index.html")
    offer = page.locator("[data-your-version]")
    expect(offer).to_be_visible()
    offer.get_by_role("link", name="Patient").click()
    expect(page).to_have_url(base_url + "walking/patient/index.html")
    expect(page.locator("[data-your-version]")).to_be_hidden()


def test_everything_works_without_javascript(browser: Browser, base_url: str) -> None:
    context, traffic = open_context(browser, base_url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(base_url + "index.html")
        expect(page.locator(".article-card")).to_have_count(2)
        # A first-time reader without JavaScript reads the patient wording.
        walking = page.locator('.article-card[data-slug="walking"]')
        expect(walking.get_by_text("A walk of 30 minutes on most days can lower")).to_be_visible()
        for other in walking.get_by_text("in adults with hypertension").all():
            expect(other).to_be_hidden()
        expect(page.locator("[data-finder]")).to_be_hidden()
        page.get_by_role("link", name="How much salt is too much if I have hypertension?").click()
        expect(page).to_have_url(base_url + "example/index.html")
        page.get_by_role("link", name="Patient I want to understand").click()
        expect(page).to_have_url(base_url + "example/patient/index.html")
        # A marked word is a link to its definition under "Words to know".
        page.locator(".term-link").first.click()
        assert "#word-" in page.url
        expect(page.locator(".word:target")).to_be_visible()
        page.get_by_role("link", name="For health professionals").click()
        expect(page).to_have_url(base_url + "example/clinician/index.html")
        # The version line's change link leads back to the chooser, which stays put.
        page.get_by_role("link", name="Change version").click()
        expect(page).to_have_url(base_url + "example/index.html#choose")
        assert not traffic.refused
    finally:
        context.close()


def test_a_definition_appears_on_keyboard_focus(page: Page, base_url: str) -> None:
    page.goto(base_url + "example/patient/index.html")
    first = page.locator(".term-link").first
    tip = page.locator("#" + str(first.get_attribute("aria-describedby")))
    expect(tip).to_be_hidden()
    for _ in range(40):  # Tab through the page as a keyboard user would
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('term-link')"):
            break
    else:
        pytest.fail("no glossary term could be reached with the Tab key")
    focused = page.locator(".term-link:focus")
    focused_tip = page.locator("#" + str(focused.get_attribute("aria-describedby")))
    expect(focused_tip).to_be_visible()
    expect(focused_tip).to_have_attribute("role", "tooltip")
    assert focused_tip.inner_text().strip()
    page.keyboard.press("Escape")
    expect(focused_tip).to_be_hidden()


def test_a_tap_opens_a_definition_and_announces_it(page: Page, base_url: str) -> None:
    page.goto(base_url + "example/patient/index.html")
    page.mouse.move(0, 0)
    link = page.locator(".term-link").first
    tip = page.locator("#" + str(link.get_attribute("aria-describedby")))
    link.dispatch_event("click")
    expect(tip).to_be_visible()
    assert page.url.endswith("patient/index.html"), "the first tap shows, not jumps"
    expect(page.locator("[aria-live='polite']")).to_have_text(tip.inner_text())


def test_search_finds_an_article_by_a_word_in_its_body(page: Page, base_url: str) -> None:
    page.goto(base_url + "index.html")
    search = page.get_by_label("Search articles")
    search.fill("stroll")
    walking = page.locator('.article-card[data-slug="walking"]')
    salt = page.locator('.article-card[data-slug="example"]')
    expect(walking).to_be_visible()
    expect(salt).to_be_hidden()
    expect(page.locator("[data-result-count]")).to_have_text("1 article matches.")
    search.fill("sodium water")
    expect(salt).to_be_visible()
    expect(walking).to_be_hidden()
    search.fill("zzyzx")
    expect(page.locator("[data-result-count]")).to_contain_text("No articles match")
    search.fill("")
    page.get_by_role("button", name="exercise").click()
    expect(walking).to_be_visible()
    expect(salt).to_be_hidden()
    page.get_by_role("button", name="All topics").click()
    expect(salt).to_be_visible()


def test_no_request_leaves_the_site(traffic_and_page: tuple[Traffic, Page], base_url: str) -> None:
    traffic, page = traffic_and_page
    paths = ["index.html", "example/index.html", "404.html"]
    paths += [f"{slug}/{name}/index.html" for slug in ("example", "walking") for name in VARIANTS]
    for path in paths:
        page.goto(base_url + path + "#choose")
        page.wait_for_load_state("load")
    assert traffic.seen, "the route saw no requests"
    assert not traffic.refused, traffic.refused
    assert any(
        url.endswith("/assets/fonts/AtkinsonHyperlegible-Regular.ttf") for url in traffic.seen
    )


@pytest.mark.parametrize("width", [390, 1280])
def test_axe_finds_no_violations_on_any_page(
    browser: Browser, bundled_site: Path, bundled_url: str, site: Path, base_url: str, width: int
) -> None:
    found: dict[str, list[object]] = {}
    for folder, url in ((bundled_site, bundled_url), (site, base_url)):
        # axe is injected as a script, which the pages' own CSP would rightly refuse.
        context, traffic = open_context(browser, url, bypass_csp=True)
        context.set_default_timeout(20_000)
        page = context.new_page()
        page.set_viewport_size({"width": width, "height": 900})
        try:
            for path in site_pages(folder):
                page.goto(url + path + ("#choose" if path.count("/") == 1 else ""))
                page.add_script_tag(path=str(AXE))
                result = page.evaluate("axe.run(document)")
                violations = [
                    {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]]}
                    for v in result["violations"]
                ]
                if violations:
                    found[url + path] = violations
            assert not traffic.refused
        finally:
            context.close()
    assert found == {}, json.dumps(found, indent=2)


@pytest.mark.parametrize("width", [320, 360, 390])
def test_nothing_is_cut_off_at_phone_width(
    browser: Browser, bundled_site: Path, bundled_url: str, width: int
) -> None:
    """No sideways page scroll; nothing outside the screen except inside a table's own
    scrolling region, which can be reached with the keyboard and says that it scrolls."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        for path in site_pages(bundled_site):
            page.goto(bundled_url + path + ("#choose" if path.count("/") == 1 else ""))
            assert page.evaluate("document.documentElement.scrollWidth") <= width, path
            outside = page.evaluate(
                """(width) => Array.from(document.querySelectorAll('body *'))
                  .filter(e => !e.closest('.table-wrap, .visually-hidden, .skip-link, [hidden]'))
                  .filter(e => { const r = e.getBoundingClientRect();
                                 return r.width > 0 && (r.right > width + 0.5 || r.left < -0.5); })
                  .map(e => e.tagName + '.' + e.className)""",
                width,
            )
            assert outside == [], (path, outside)
            for region in page.locator(".table-wrap").all():
                assert region.get_attribute("tabindex") == "0"
                assert region.get_attribute("role") == "region"
                caption = page.locator("#" + str(region.get_attribute("aria-labelledby")))
                box = caption.bounding_box()
                assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
                wide = region.evaluate("e => e.scrollWidth > e.clientWidth + 1")
                cue = page.locator("#" + str(region.get_attribute("aria-describedby")))
                assert cue.is_visible() == wide, (path, "the cue shows when the table scrolls")
    finally:
        context.close()


def test_tables_stack_on_phones_and_scroll_by_keyboard_when_wider(
    browser: Browser, bundled_url: str
) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    try:
        page.goto(bundled_url + "vitamin-d-k2/patient/index.html")
        cell = page.locator(".table-wrap td").first
        assert cell.evaluate("e => getComputedStyle(e).display") == "block", "rows stack"
        label = cell.evaluate("e => getComputedStyle(e, '::before').content")
        assert "Daily amount" in label or "attr" in label
        # Just above phone width a table too wide for the column (made so here: one cell
        # holds a long unbroken word, as a drug name can) scrolls inside its region, from
        # the keyboard, and the cue says so.
        page.set_viewport_size({"width": 481, "height": 800})
        region = page.locator(".table-wrap").first
        region.evaluate(
            """e => { e.querySelector("td").textContent = "x".repeat(120);
                      window.dispatchEvent(new Event("resize")); }"""
        )
        assert region.evaluate("e => e.scrollWidth > e.clientWidth")
        expect(page.locator("[data-scroll-cue]").first).to_be_visible()
        region.focus()
        expect(region).to_be_focused()
        page.keyboard.press("ArrowRight")
        # Keyboard scrolling may animate: scrollend (or an already moved box) says it is done.
        moved = region.evaluate(
            """e => e.scrollLeft > 0 ? e.scrollLeft : new Promise(done =>
                 e.addEventListener("scrollend", () => done(e.scrollLeft), {once: true}))"""
        )
        assert moved > 0
        assert page.evaluate("document.documentElement.scrollWidth") <= 481
    finally:
        context.close()


def test_language_links_lead_to_the_same_page_and_back(browser: Browser, bundled_url: str) -> None:
    context, traffic = open_context(browser, bundled_url)
    try:
        follow_language_links(context.new_page(), bundled_url)
        assert not traffic.refused
    finally:
        context.close()


def follow_language_links(page: Page, bundled_url: str) -> None:
    page.goto(bundled_url + "index.html")
    page.locator(".site-nav").get_by_role("link", name="Español").click()
    expect(page).to_have_url(bundled_url + "es/index.html")
    expect(page.locator("html")).to_have_attribute("lang", "es-US")
    page.locator(".site-nav").get_by_role("link", name="English").click()
    expect(page).to_have_url(bundled_url + "index.html")
    page.goto(bundled_url + "vitamin-d-k2/index.html#choose")
    page.locator(".site-nav").get_by_role("link", name="Español").click()
    expect(page).to_have_url(bundled_url + "es/vitamin-d-k2/index.html")
    page.locator('a.persona[data-audience="caregiver"]').click()
    expect(page).to_have_url(bundled_url + "es/vitamin-d-k2/caregiver/index.html")
    page.locator(".site-nav").get_by_role("link", name="English").click()
    expect(page).to_have_url(bundled_url + "vitamin-d-k2/caregiver/index.html")
    page.goto(bundled_url + "404.html")
    expect(page.locator(".site-nav").get_by_role("link", name="Español")).to_have_attribute(
        "href", "/library/es/index.html"
    )


def test_the_404_page_is_styled_opened_from_disk(browser: Browser, bundled_site: Path) -> None:
    context = browser.new_context()
    page = context.new_page()
    blocked: list[str] = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security" in m.text else None)
    try:
        page.goto((bundled_site / "404.html").as_uri())
        colour = page.locator(".button").evaluate("e => getComputedStyle(e).backgroundColor")
        assert colour == "rgb(11, 92, 120)", "the inline styles apply"
        assert blocked == [], blocked
    finally:
        context.close()


def test_a_definition_can_be_read_at_phone_width(browser: Browser, base_url: str) -> None:
    context, _ = open_context(browser, base_url)
    context.close()
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
    page = context.new_page()
    try:
        page.goto(base_url + "example/patient/index.html")
        link = page.locator(".term-link").last
        link.tap()
        tip = page.locator("#" + str(link.get_attribute("aria-describedby")))
        expect(tip).to_be_visible()
        box = tip.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, "nothing scrolls sideways at phone width"
    finally:
        context.close()


def test_the_site_works_opened_from_disk(browser: Browser, site: Path) -> None:
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(site.joinpath("index.html").as_uri())
        page.get_by_label("Search articles").fill("stroll")
        expect(page.locator('.article-card[data-slug="example"]')).to_be_hidden()
        page.get_by_role("link", name="Can a daily walk lower blood pressure?").click()
        page.locator('a.persona[data-audience="patient"]').click()
        expect(page).to_have_url(site.joinpath("walking", "patient", "index.html").as_uri())
        font = page.evaluate("document.fonts.check('16px \"Atkinson Hyperlegible\"')")
        assert font, "the local font loads from disk"
        assert not errors, errors
    finally:
        context.close()


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)])
def test_screenshots(
    browser: Browser,
    base_url: str,
    tmp_path_factory: pytest.TempPathFactory,
    width: int,
    height: int,
) -> None:
    """Pictures to look at; the test checks only that they were taken and are not blank."""
    folder = tmp_path_factory.mktemp(f"screenshots-{width}")
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        for path in ["index.html", "example/index.html", "example/patient/index.html"]:
            page.goto(base_url + path + ("#choose" if path.count("/") == 1 else ""))
            name = path.replace("/", "-").removesuffix(".html")
            shot = folder / f"{name}-{width}.png"
            page.screenshot(path=str(shot), full_page=True)
            assert shot.stat().st_size > 10_000
    finally:
        context.close()
    print(f"screenshots in {folder}")


def test_the_index_speaks_in_the_chosen_wording(page: Page, base_url: str) -> None:
    page.goto(base_url + "index.html")
    card = page.locator('.article-card[data-slug="walking"]')
    patient_words = "A walk of 30 minutes on most days can lower your blood pressure."
    expect(card.get_by_text(patient_words)).to_be_visible()  # the default audience's
    page.goto(base_url + "walking/index.html")
    page.locator('a.persona[data-audience="clinician"]').click()
    page.goto(base_url + "index.html")
    expect(card.locator('p[data-wording="clinician"]')).to_be_visible()
    expect(card.locator('p[data-wording="clinician"]')).to_contain_text("in adults with")
    expect(card.locator('p[data-wording="default"]')).to_be_hidden()
