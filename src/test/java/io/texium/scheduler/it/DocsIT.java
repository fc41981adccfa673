package io.texium.scheduler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The interactive API documentation at {@code /docs}: Swagger UI from the WAR, reading {@code /openapi}. */
class DocsIT extends InBrowser {

    @Test
    void docs_is_swagger_ui_served_by_the_war_with_the_page_headers() {
        var bare = new Api(base).get("docs");
        assertThat(bare.status()).as("/docs leads to /docs/").isIn(200, 301, 302, 303, 307, 308);
        if (bare.status() != 200) {
            assertThat(bare.location()).endsWith("/docs/");
        }
        var page = new Api(base).get("docs/");
        assertSoftly(s -> {
            s.assertThat(page.status()).isEqualTo(200);
            s.assertThat(page.contentType()).startsWith("text/html");
            s.assertThat(page.text()).contains("swagger-ui-bundle.js").contains("docs.js").doesNotContain("<script>");
            s.assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
            s.assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
            s.assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
            s.assertThat(page.header("Content-Security-Policy")).contains("default-src 'self'")
                    .contains("frame-ancestors 'none'").doesNotContain("unsafe-eval").doesNotContain("script-src 'unsafe-inline'");
        });
        var bundle = new Api(base).get("webjars/swagger-ui/5.34.1/swagger-ui-bundle.js");
        assertThat(bundle.status()).as("the webjar's files are served from WEB-INF/lib").isEqualTo(200);
        assertThat(bundle.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void docs_loads_in_a_browser_and_lists_the_endpoints_without_a_policy_violation() {
        browser.open("docs");
        browser.await(".opblock");
        assertThat(browser.driver().getCurrentUrl()).endsWith("/docs/");
        assertThat(browser.all(".opblock").size()).as("operations listed").isGreaterThan(40);
        assertThat(browser.all(".opblock-summary-path").stream().map(e -> e.getAttribute("data-path")).toList())
                .contains("/api/scheduler/jobs", "/api/scheduler/timers", "/api/users");
        browser.screenshot("docs");
        assertThat(browser.consoleErrors()).as("console errors (a CSP refusal shows here)").isEmpty();
    }

    @Test
    void try_it_out_calls_the_same_server_as_the_console_session_of_this_tab() {
        browser.open("");
        if (browser.all("[data-action=sign-out]").isEmpty()) {
            browser.type("username", "admin");
            browser.type("password", Api.ADMIN_PASSWORD);
            browser.click("[data-action=sign-in]");
            browser.await("[data-action=sign-out]");
        }
        browser.open("docs/");
        browser.await(".opblock");
        assertThat(browser.all(".auth-wrapper .authorize")).as("Authorize offered (security schemes declared)").isNotEmpty();
        new WebDriverWait(browser.driver(), Browser.WAIT)
                .until(d -> Long.valueOf(1).equals(browser.script("return window.ui.authSelectors.authorized().size")));
        String operation = "[id$='-listJobs']";
        browser.click(operation + " .opblock-summary-control");
        browser.click(operation + " .try-out__btn");
        browser.click(operation + " .execute");
        browser.await(operation + " .live-responses-table");
        browser.screenshot("try-it");
        var status = browser.awaitText(operation + " .live-responses-table tr.response .response-col_status", "200",
                Browser.WAIT);
        assertThat(status.getText()).as("listJobs with the console's session token, as Bearer").startsWith("200");
        assertThat(browser.consoleErrors()).as("console errors (a CSP refusal shows here)")
                .noneMatch(m -> m.contains("Content Security Policy"));
    }
}
