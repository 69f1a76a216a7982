"""What visitors and editors do on the site, end to end in a browser: a board member looking
for a good practice and a publication, a subscriber managing the newsletter, and an editor
whose news item a moderator approves."""

import re

from django.core import mail

BOARD_MEMBER_QUERY = "samenwerkingsschool"
PRACTICE = "Twee dorpsscholen, één samenwerkingsschool in het Westerkwartier"
PUBLICATION = "Samenwerkingsschool stap voor stap"


def result_titles(page):
    return page.locator("main h3 a").all_inner_texts()


def test_board_member_finds_a_practice_and_downloads_a_publication(page):
    page.goto("/")
    search = page.locator("form[role='search'] input[name='q']").first
    search.fill(BOARD_MEMBER_QUERY)
    search.press("Enter")
    page.wait_for_url(re.compile(r"/zoeken/\?q="))
    assert PRACTICE in result_titles(page) and PUBLICATION in result_titles(page)

    page.locator("main a[href*='type=praktijkvoorbeeld']").first.click()
    page.wait_for_url(re.compile(r"type=praktijkvoorbeeld"))
    assert PRACTICE in result_titles(page)
    assert PUBLICATION not in result_titles(page)

    page.get_by_role("link", name=PRACTICE).click()
    assert page.locator("h1").inner_text() == PRACTICE

    page.go_back()  # to the good practices found
    page.go_back()  # to everything found
    page.locator("main a[href*='type=publicatie']").first.click()
    page.wait_for_url(re.compile(r"type=publicatie"))
    page.get_by_role("link", name=PUBLICATION).click()
    assert page.locator("h1").inner_text() == PUBLICATION
    pdf = page.request.get(page.locator("a.download__link").first.get_attribute("href"))
    assert pdf.ok
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF-")


# --- The newsletter ----------------------------------------------------------------------------
def sign_up(page, email, theme):
    """Sign up on the newsletter page for `theme` and confirm from the e-mail; returns the
    text of the page that says the sign-up is confirmed."""
    page.goto("/nieuwsbrief/")
    form = page.locator("main form.signup")
    form.locator("input[type='email']").fill(email)
    form.get_by_label(theme, exact=True).check()
    form.locator("input[name='consent']").check()
    form.locator("button[type='submit']").click()
    assert page.locator("h1").inner_text() == "Controleer uw e-mail"

    (message,) = [m for m in mail.outbox if m.to == [email]]
    confirm_path = re.search(r"https?://[^/\s]+(/nieuwsbrief/bevestigen/\S+/)", message.body)
    page.goto(confirm_path[1])
    page.locator("main form button[type='submit']").click()
    assert page.locator("h1").inner_text() == "U bent aangemeld"
    return page.locator("main [role='status']").inner_text()


def test_subscriber_who_ticks_one_theme_follows_only_that_theme(page):
    confirmation = sign_up(page, "een-thema@example.org", "Krimp")

    assert confirmation.endswith("het nieuwste over Krimp.")


def test_subscriber_confirms_changes_preferences_and_unsubscribes(page):
    sign_up(page, "abonnee@example.org", "Krimp")

    page.locator("main a[href*='/nieuwsbrief/voorkeuren/']").click()
    preferences_url = page.url
    form = page.locator("main form.signup")
    form.get_by_label("Lerarentekort", exact=True).check()
    form.locator("button[type='submit']").click()
    assert page.locator("main .notice[role='status']").inner_text() == (
        "Uw voorkeuren zijn opgeslagen."
    )
    page.reload()
    assert form.get_by_label("Lerarentekort", exact=True).is_checked()

    page.locator("main form[action*='/nieuwsbrief/afmelden/'] button").click()
    assert page.locator("h1").inner_text() == "U bent afgemeld"
    page.goto(preferences_url)
    assert page.locator("h1").inner_text() == "Dit adres staat niet (meer) op de lijst"


# --- The editor and the moderator ----------------------------------------------------------------
NEWS_TITLE = "Zonnepanelenakkoord voor alle schoolgebouwen in de regio"
NEWS_INTRO = "Besturen en gemeenten leggen samen zonnepanelen op elk schooldak."


def log_in(page, username, password):
    page.goto("/admin/login/")
    page.locator("input[name='username']").fill(username)
    page.locator("input[name='password']").fill(password)
    page.locator("form button[type='submit']").click()
    page.wait_for_url(re.compile(r"/admin/$"))


def test_editor_writes_news_that_a_moderator_approves(open_tab, demo_site):
    editor = open_tab()
    log_in(editor, "redacteur", demo_site.password)
    editor.goto(f"/admin/pages/add/publications/newsitempage/{demo_site.news_index_id}/")
    editor.locator("#id_title").fill(NEWS_TITLE)
    editor.locator("#id_intro").fill(NEWS_INTRO)
    editor.locator("input[name='themes']").first.check()  # publishing needs a theme
    slug_tab = editor.locator("[role='tabpanel']:has(#id_slug)").get_attribute("id")
    editor.locator(f"a[role='tab'][href='#{slug_tab}']").click()
    editor.locator("#id_slug").fill("zonnepanelenakkoord")
    editor.locator("button[name='action-submit']").dispatch_event("click")
    editor.wait_for_url(re.compile(r"/admin/pages/\d+/$"))

    moderator = open_tab()
    log_in(moderator, "eindredacteur", demo_site.password)
    moderator.get_by_role("link", name=NEWS_TITLE).first.click()
    moderator.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    approve = "button[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])"
    moderator.locator(approve).dispatch_event("click")
    moderator.locator(".messages .success").wait_for()

    visitor = open_tab()
    visitor.goto(demo_site.pages["news listing"])
    assert NEWS_TITLE in visitor.locator("main").inner_text()
    visitor.goto("/zoeken/?q=zonnepanelenakkoord")
    assert NEWS_TITLE in result_titles(visitor)
    feed = visitor.request.get("/feeds/rss/")
    assert f"<title>{NEWS_TITLE}</title>" in feed.text()
