"""Every page type, phone-wide and desktop-wide, checked by axe-core against WCAG 2.1 A and AA,
and on a phone without sideways scrolling."""

import pytest

from .browser import WIDTHS, axe_violations, sideways_scroll
from .conftest import PAGE_TYPES


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_type_has_no_wcag_violations(page, demo_site, page_type, width):
    page.set_viewport_size({"width": width, "height": 900})
    response = page.goto(demo_site.pages[page_type])
    assert response.status == (404 if page_type == "not found" else 200)

    violations = axe_violations(page)

    assert not violations, f"{page_type} at {width} px:\n" + "\n".join(violations)


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_type_does_not_scroll_sideways_on_a_phone(page, demo_site, page_type):
    page.set_viewport_size({"width": WIDTHS["mobile"], "height": 900})
    page.goto(demo_site.pages[page_type])

    assert sideways_scroll(page) <= 0, (
        f"{page_type} is {sideways_scroll(page)} px wider than a {WIDTHS['mobile']} px screen"
    )
