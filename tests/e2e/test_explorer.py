"""What a person does on the body map, in a real Chromium over the real catalogue."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.e2e


def click_region(page: Any, region_id: str) -> None:
    """Click a visible point of a region, as a person would (its box's centre may be clipped away)."""
    point = page.evaluate(
        """id => {
          const path = document.querySelector(`#bodymap path[data-region="${id}"]`);
          path.scrollIntoView({block: "center"});
          const box = path.getBoundingClientRect();
          for (let i = 1; i < 12; i++) for (let j = 1; j < 12; j++) {
            const x = box.left + box.width * i / 12, y = box.top + box.height * j / 12;
            if (document.elementFromPoint(x, y) === path) return [x, y];
          }
          return null;
        }""",
        region_id,
    )
    assert point is not None, f"{region_id} has no visible point to click"
    page.mouse.click(*point)


def result_ids(page: Any) -> list[str]:
    return page.locator("#results > li").evaluate_all("nodes => nodes.map(n => n.dataset.tp)")


def wait_for_results(page: Any, tp_id: str) -> None:
    page.locator(f'#results > li[data-tp="{tp_id}"]').wait_for()


def test_selecting_the_temple_shows_the_upper_trapezius(page: Any) -> None:
    page.goto("/")
    click_region(page, "temple-right")
    wait_for_results(page, "upper-trapezius-1")
    assert "region=temple-right" in page.url
    assert "is-highlighted" in page.locator('path[data-region="temple-right"]').get_attribute("class")
    card = page.locator('#results > li[data-tp="upper-trapezius-1"]')
    assert "temple" in card.locator(".explanation").inner_text()
    assert page.locator(".chip").inner_text().startswith("right temple")


def test_the_same_by_keyboard(page: Any) -> None:
    page.goto("/")
    page.locator('.views a[aria-current="page"]').focus()
    for _ in range(400):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.querySelector('[data-region=\"temple-right\"]') !== null"):
            break
    else:
        pytest.fail("Tab never reached the right temple")
    page.keyboard.press("Enter")
    wait_for_results(page, "upper-trapezius-1")
    page.keyboard.press("Space")  # Space toggles it off again, as on a button
    page.locator("#results > li").first.wait_for(state="detached")
    assert "region=" not in page.url


def test_several_areas_ticked_from_the_list_by_keyboard(page: Any) -> None:
    """The list stands in for the map: it stays open and keeps the focus while areas are ticked one by one."""
    page.goto("/")
    page.locator("#region-list summary").focus()
    page.keyboard.press("Enter")
    for region in ("heel-medial-right", "arch-right"):
        box = page.locator(f'#region-form input[value="{region}"]')
        box.focus()
        page.keyboard.press("Space")
        page.wait_for_url(f"**region={region}**")
        page.locator(f'.chip[data-region="{region}"]').wait_for()
        assert page.locator("#region-list").evaluate("d => d.open")
        assert page.evaluate("document.activeElement.value") == region
    assert "region=heel-medial-right&region=arch-right" in page.url
    assert page.locator('#region-form input[value="heel-medial-right"]').is_checked()
    page.locator('#results > li[data-tp^="abductor-hallucis-"]').first.wait_for()  # its inner-heel pattern


def test_switching_the_view_keeps_the_selection(page: Any) -> None:
    page.goto("/?view=anterior&region=temple-right")
    page.locator('.views a[data-view="posterior"]').click()
    page.wait_for_url("**view=posterior**")
    assert page.locator("#bodymap svg.tm-posterior").is_visible()
    assert "region=temple-right" in page.url
    wait_for_results(page, "upper-trapezius-1")


def test_a_close_up_is_one_keyboard_disclosure_away_and_its_small_parts_are_big(page: Any) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/?view=anterior")
    arms = page.locator("details.view-group", has_text="arms and hands")
    assert arms.get_attribute("open") is None  # folded: the phone shows the whole-body views and three headings
    arms.locator("summary").focus()
    page.keyboard.press("Enter")
    assert arms.get_attribute("open") is not None
    page.keyboard.press("Tab")
    while page.evaluate("document.activeElement.dataset.view") != "forearm-right-back":
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**view=forearm-right-back**")
    current = page.locator('.views a[aria-current="page"]')
    assert current.get_attribute("data-view") == "forearm-right-back"
    assert current.is_visible()  # the group holding the current view opens by itself
    box = page.locator('#bodymap path[data-region="olecranon-right"]').bounding_box()
    assert box is not None
    assert min(box["width"], box["height"]) >= 24


def test_a_deep_link_restores_the_state_and_back_returns_to_it(page: Any) -> None:
    page.goto("/?view=posterior&region=nape-right&region=occiput-right&show=upper-trapezius-1")
    assert page.locator('.views a[aria-current="page"]').get_attribute("data-view") == "posterior"
    for region in ("nape-right", "occiput-right"):
        assert "is-highlighted" in page.locator(f'path[data-region="{region}"]').get_attribute("class")
    assert "is-shown" in page.locator('#results > li[data-tp="upper-trapezius-1"]').get_attribute("class")
    before = result_ids(page)
    click_region(page, "nape-right")
    page.wait_for_function("() => !location.search.includes('nape-right')")
    page.go_back()
    page.wait_for_function("() => location.search.includes('nape-right')")
    page.wait_for_function(f"() => document.querySelectorAll('#results > li').length === {len(before)}")
    assert result_ids(page) == before


def test_more_painted_regions_rerank(page: Any) -> None:
    page.goto("/?view=posterior&region=temple-right")
    alone = result_ids(page)
    for region in ("nape-right", "mastoid-right"):
        click_region(page, region)
        page.wait_for_function(f"() => location.search.includes('{region}')")
    page.wait_for_function(
        "old => { const ids = [...document.querySelectorAll('#results > li')].map(n => n.dataset.tp);"
        " return ids.length && ids.join() !== old; }",
        arg=",".join(alone),
    )
    drawing = result_ids(page)
    assert drawing[0] == "upper-trapezius-1"
    assert drawing.index("upper-trapezius-1") < alone.index("upper-trapezius-1")


def test_show_on_the_map_overlays_that_candidate(page: Any) -> None:
    page.goto("/?view=anterior&region=temple-right")
    card = page.locator('#results > li[data-tp="upper-trapezius-1"]')
    card.locator(".show-link").click()
    page.wait_for_function("() => location.search.includes('show=upper-trapezius-1')")
    page.locator("#explorer[data-ready]").wait_for(state="attached")
    assert "is-shown" in card.get_attribute("class")
    assert "is-essential" in page.locator('path[data-region="temple-right"]').get_attribute("class")
    # The X of the shown trigger point stays on the map after the change made in place.
    assert page.locator("#bodymap .tm-markers path").count() > 0
    # The selected region tells assistive technology it is pressed, from the server's markup.
    pressed = page.locator('#bodymap a:has(> path[data-region="temple-right"])').get_attribute("aria-pressed")
    assert pressed == "true"


def test_the_skip_link_jumps_over_the_map(page: Any) -> None:
    page.goto("/?view=anterior&region=temple-right")
    page.locator(".skip-map").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    inside_map = page.evaluate("document.activeElement.closest('#bodymap') !== null")
    assert not inside_map
    assert page.evaluate("document.activeElement.closest('#results-panel') !== null")


def test_the_muscle_map_names_each_muscle_and_opens_its_page(page: Any) -> None:
    """A student's muscle map: every muscle is a named link, by mouse and by keyboard."""
    page.goto("/?view=posterior&mode=muscles")
    names = page.locator("#bodymap a[aria-label] [data-muscle]").evaluate_all(
        "nodes => nodes.map(n => n.closest('a').getAttribute('aria-label'))"
    )
    assert "Infraspinatus, right side" in names
    assert "Infraspinatus, left side" in names
    assert page.locator("#results a[data-muscle='infraspinatus']").count() == 1
    point = page.evaluate(
        """() => {
          const link = document.querySelector('#bodymap a[aria-label="Infraspinatus, right side"]');
          link.scrollIntoView({block: "center"});
          const box = link.getBoundingClientRect();
          for (let i = 1; i < 12; i++) for (let j = 1; j < 12; j++) {
            const x = box.left + box.width * i / 12, y = box.top + box.height * j / 12;
            if (document.elementFromPoint(x, y)?.closest("a") === link) return [x, y];
          }
          return null;
        }"""
    )
    assert point is not None, "the infraspinatus has no visible point to click"
    page.mouse.click(*point)
    page.wait_for_url("**/muscles/infraspinatus")
    drawing = page.locator("figure.muscle-diagram svg")
    assert drawing.locator("[data-muscle='infraspinatus']").count() >= 1
    tps = page.locator("#tps-title ~ ol > li").count()
    assert drawing.locator("[data-trigger-point]").count() == tps > 0
    # Back on the map, the keyboard reaches the same link and Enter opens it.
    page.go_back()
    link = page.locator('#bodymap a[aria-label="Infraspinatus, right side"]')
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/muscles/infraspinatus")


def test_the_female_figure_is_chosen_once_and_stays(page: Any) -> None:
    """Switch the figure with a selection made: the selection stays, and the choice follows to the next page."""
    page.goto("/?view=anterior")
    click_region(page, "pectoral-right")
    page.locator("#results > li").first.wait_for()
    first = result_ids(page)[0]
    male_map = page.locator("#bodymap svg").inner_html()
    page.locator("nav.figures a[data-figure='female']").click()
    page.locator("nav.figures a[data-figure='female'][aria-current='true']").wait_for()
    assert "figure=female" in page.url
    assert "region=pectoral-right" in page.url
    assert page.locator("#bodymap svg").inner_html() != male_map
    assert "is-highlighted" in page.locator('path[data-region="pectoral-right"]').get_attribute("class")
    # A region toggled now keeps the figure, and so does the trigger point page a card links to.
    click_region(page, "upper-chest-right")
    page.wait_for_url("**region=upper-chest-right**")
    assert "figure=female" in page.url
    page.locator(f'#results > li[data-tp="{first}"] .card-title a').click()
    page.wait_for_url(f"**/trigger-points/{first}**")
    assert "figure=female" in page.url
    assert page.locator("nav.figures a[aria-current='true']").get_attribute("data-figure") == "female"
