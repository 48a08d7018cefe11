"""An administrator imports an organisation, looks at users, audit log, API tokens and GDPR, in English."""

from playwright.sync_api import expect

from e2e.conftest import axe_check

HR_EXPORT = (
    "unit_id,unit_name,parent_unit_id,person_id,name,email,title,level,manager_person_id,start_date,end_date\n"
    "k,Fiktiv Kommune,,,,,,,,,\n"
    "s1,Egeskolen,k,p1,Eva Eg,eva@fiktiv.example.dk,Skoleleder,Dagtilbuds-, skole- og FU-leder,,2020-08-01,\n"
    "s1,Egeskolen,k,p2,Erik Eg,erik@fiktiv.example.dk,Lærer,,p1,2021-08-01,\n"
).replace("Dagtilbuds-, skole- og FU-leder", '"Dagtilbuds-, skole- og FU-leder"')


def test_an_administrator_imports_the_organisation_and_uses_the_admin_tools(
    page, live_server, frameworks_loaded, tmp_path
):
    from grundlag.organisation.tests.factories import UserFactory

    UserFactory(username="hr", is_staff=True)
    page.goto(f"{live_server.url}/en/login/")
    axe_check(page, name="admin-01-login")
    page.get_by_label("Username").fill("hr")
    page.get_by_label("Password").fill("x-test-pass-1")
    page.get_by_role("button", name="Log in").click()

    page.get_by_role("link", name="Administration", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Administration")
    axe_check(page, name="admin-02-administration")

    page.get_by_role("link", name="Import the organisation").click()
    axe_check(page, name="admin-03-import-start")
    export = tmp_path / "hr.csv"
    export.write_text(HR_EXPORT, encoding="utf-8")
    page.get_by_label("Organisation file (CSV, XLSX or JSON)").set_input_files(str(export))
    page.get_by_role("button", name="Show what the import will do").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What the import will do")
    axe_check(page, name="admin-04-import-preview")
    page.get_by_role("button", name="Apply the import").click()
    expect(page.get_by_text("Egeskolen").or_(page.get_by_role("status")).first).to_be_visible()
    axe_check(page, name="admin-05-import-done")

    page.goto(f"{live_server.url}/en/organisation/")
    expect(page.get_by_role("link", name="Fiktiv Kommune")).to_be_visible()
    page.get_by_role("button", name="Units under Fiktiv Kommune").click()
    page.get_by_role("link", name="Egeskolen").click()
    page.get_by_role("link", name="Erik Eg").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Erik Eg")
    axe_check(page, name="admin-06-person")
    page.get_by_role("link", name="Erase the person (GDPR)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Erase a person's personal data")
    axe_check(page, name="admin-07-erase")

    page.goto(f"{live_server.url}/en/accounts/users/")
    axe_check(page, name="admin-08-users")
    page.goto(f"{live_server.url}/en/audit/")
    expect(page.get_by_role("cell", name="imported the organisation").first).to_be_visible()
    axe_check(page, name="admin-09-audit")

    page.goto(f"{live_server.url}/en/api-tokens/")
    axe_check(page, name="admin-10-tokens")
    page.get_by_label("Name").fill("Lønsystem")
    page.get_by_label("Acts as user").select_option(label="hr")
    page.get_by_role("button", name="Make token").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("API token made")
    axe_check(page, name="admin-11-token-made")


def test_the_password_reset_pages_pass_axe(page, live_server, transactional_db):
    page.goto(f"{live_server.url}/password-reset/")
    axe_check(page, name="reset-01-form")
    page.get_by_role("textbox").first.fill("nobody@example.dk")
    page.keyboard.press("Enter")
    page.wait_for_url("**/password-reset/sent/")
    axe_check(page, name="reset-02-sent")
