"""Every page at desktop and phone width: no horizontal scroll, and no serious accessibility violation."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import AXE

pytestmark = pytest.mark.e2e
PAGES = (
    "/",
    "/?view=anterior&region=temple-right",
    "/?view=posterior&mode=locate&region=neck-angle-right",
    "/?view=forearm-right-back&region=olecranon-right",
    "/?view=posterior&mode=muscles",
    "/?view=anterior&mode=muscles&figure=female",
    "/print?region=temple-right",
    "/trigger-points/upper-trapezius-1",
    "/trigger-points/upper-trapezius-1/print",
    "/trigger-points/pectoralis-major-3?figure=female",
    "/muscles",
    "/muscles/upper-trapezius",
    "/muscles/infraspinatus",
    "/regions/temple-right",
    "/conditions",
    "/conditions/plantar-fasciitis",
    "/symptoms",
    "/symptoms/chest-pain",
    "/search?q=scm",
    "/about",
)


def axe_violations(page: Any) -> list[str]:
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        "async () => (await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})).violations"
    )
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes'][:3]]}"
        for v in found
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("path", PAGES)
def test_page_fits_and_passes_axe(axe_page: Any, path: str, width: int) -> None:
    page = axe_page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(path)
    page.wait_for_load_state("networkidle")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px"
    assert axe_violations(page) == []


def test_phone_touch_targets_are_large_enough(page: Any) -> None:
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto("/?view=anterior&region=temple-right")
    small = page.evaluate(
        "() => [...document.querySelectorAll('.switch a, .views summary, .chip, .card-actions a, .site-nav a, button')]"
        ".filter(e => e.getBoundingClientRect().height < 44).map(e => e.textContent.trim())"
    )
    assert small == []


def test_the_home_page_weighs_at_most_150_kb(page: Any) -> None:
    sizes: list[int] = []
    page.on("response", lambda r: sizes.append(len(r.body())) if r.request.resource_type != "fetch" else None)
    page.goto("/")
    page.wait_for_load_state("networkidle")
    assert 0 < sum(sizes) <= 150 * 1024


def test_the_search_box_suggests_as_you_type(page: Any) -> None:
    page.goto("/about")
    box = page.locator("#site-search")
    box.press_sequentially("dizz", delay=30)
    options = page.locator("#site-search-suggestions [role=option]")
    options.first.wait_for()
    assert "Dizziness and imbalance" in options.first.inner_text()
    assert box.get_attribute("aria-expanded") == "true"
    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == "site-search-suggestions-0"
    box.press("Enter")
    page.wait_for_url("**/symptoms/dizziness-imbalance")
    assert page.locator("main .caution").is_visible()


def test_without_a_choice_enter_still_submits_the_search(page: Any) -> None:
    page.goto("/about")
    box = page.locator("#site-search")
    box.fill("golfers elbow")
    box.press("Enter")
    page.wait_for_url("**/search?q=golfers+elbow")
    assert "medial epicondyle" in page.locator(".search-results li").first.inner_text()
