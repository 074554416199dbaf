"""A person logs in through the login form and sees the intranet."""

from ospa.social.demo import data
from ospa.social.demo.builder import DEMO_PASSWORD


def test_an_employee_logs_in_and_sees_the_intranet(page, demo_site):
    employee = data.EMPLOYEES[0]
    site_url = demo_site.absolute_url()

    page.goto(f"{site_url}/login")
    page.fill("#__ac_name", employee["id"])
    page.fill("#__ac_password", DEMO_PASSWORD)
    page.click("#buttons-login")

    # Plone's toolbar names the person who is logged in.
    toolbar = page.locator("#edit-zone")
    toolbar.locator(".toolbar-label", has_text=employee["fullname"]).wait_for()
    page.goto(site_url)
    assert page.title() == data.SITE["title"]
    assert page.locator("#portal-globalnav").get_by_text("Abteilungen").is_visible()


def test_a_wrong_password_is_refused(page, demo_site):
    page.goto(f"{demo_site.absolute_url()}/login")
    page.fill("#__ac_name", data.EMPLOYEES[0]["id"])
    page.fill("#__ac_password", "wrong password")
    page.click("#buttons-login")
    page.wait_for_load_state()
    assert page.locator("#edit-zone").count() == 0
    assert page.locator("#__ac_password").is_visible()
    assert page.locator(".alert-danger, .portalMessage.error").count() >= 1
