"""Structural accessibility checks (WCAG 2.1 AA basics) on every page type."""

import datetime

import pytest
from bs4 import BeautifulSoup

from tests import factories


@pytest.fixture
def site_pages(home, indexes, theme):
    image = factories.ImageFactory()
    classified = {"themes": [theme], "listing_image": image}
    return [
        home,
        indexes["themes"],
        theme,
        indexes["news"],
        factories.NewsItemPageFactory(parent=indexes["news"], **classified),
        indexes["publications"],
        factories.PublicationPageFactory(parent=indexes["publications"], **classified),
        indexes["practices"],
        factories.PracticePageFactory(parent=indexes["practices"], **classified),
        indexes["events"],
        factories.EventPageFactory(
            parent=indexes["events"], sessions=[datetime.date(2099, 1, 1)], **classified
        ),
        factories.ContentPageFactory(parent=home),
    ]


def check_structure(soup):
    problems = []
    if soup.html.get("lang") != "nl":
        problems.append("html has no lang=nl")
    if len(soup.find_all("h1")) != 1:
        problems.append(f"{len(soup.find_all('h1'))} h1 elements")
    levels = [int(h.name[1]) for h in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]
    for before, after in zip(levels, levels[1:], strict=False):
        if after > before + 1:
            problems.append(f"heading level jumps from h{before} to h{after}")
    for landmark in ["header", "nav", "main", "footer"]:
        if soup.find(landmark) is None:
            problems.append(f"no <{landmark}>")
    skip = soup.find("a", href="#main")
    if skip is None or soup.find(id="main") is None:
        problems.append("no working skip link")
    for image in soup.find_all("img"):
        if image.get("alt") is None:
            problems.append(f"img without alt: {image.get('src')}")
    for control in soup.find_all(["input", "select", "textarea"]):
        if control.get("type") in ("hidden", "submit", "button"):
            continue
        labelled = control.get("aria-label") or control.get("aria-labelledby")
        if not labelled and not soup.find("label", attrs={"for": control.get("id")}):
            problems.append(f"unlabelled {control.name} {control.get('name')}")
    ids = [element["id"] for element in soup.find_all(id=True)]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        problems.append(f"duplicate ids: {sorted(duplicates)}")
    for link in soup.find_all("a"):
        if not link.get_text(strip=True) and not link.get("aria-label"):
            problems.append(f"link without text: {link.get('href')}")
    return problems


def test_every_page_type_has_an_accessible_structure(client, site_pages):
    for page in site_pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        soup = BeautifulSoup(response.content, "html.parser")
        assert check_structure(soup) == [], page.url


@pytest.mark.search_index
def test_search_and_error_pages_have_an_accessible_structure(client, site_pages):
    for url, status in [("/zoeken/?q=thema", 200), ("/bestaat-niet/", 404)]:
        response = client.get(url)
        assert response.status_code == status
        assert check_structure(BeautifulSoup(response.content, "html.parser")) == [], url


def test_the_checker_finds_problems():
    bad = BeautifulSoup(
        "<html><body><h1>A</h1><h3>B</h3><h1>C</h1><img src='x.png'>"
        "<input name='q' id='q'><a href='/'></a><p id='d'></p><p id='d'></p></body></html>",
        "html.parser",
    )
    problems = check_structure(bad)
    for expected in ["no lang", "2 h1", "h1 to h3", "no <main>", "skip link", "img without alt",
                     "unlabelled input q", "link without text", "duplicate ids"]:  # fmt: skip
        assert any(expected in problem for problem in problems), expected
