"""The API docs page runs Swagger UI from the portal's own files under its Content-Security-Policy."""

from playwright.sync_api import expect


def test_api_docs_render_the_schema_without_breaking_the_policy(page, policy_violations):
    page.goto("/api/v1/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_be_visible()
    expect(page.get_by_text("/api/v1/stocktaking/entries/", exact=True).first).to_be_visible()
    policy_violations.assert_none()
