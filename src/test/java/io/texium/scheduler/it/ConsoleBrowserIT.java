package io.texium.scheduler.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console end to end in a real browser, as a person uses it: sign in, create a job through the form while the
 * preview shows its next fire times, run it and watch its execution succeed without reloading, read its output,
 * pause it and see its timer leave the Timers page (and come back on resume); another user cannot see the job; the
 * API docs load. Screenshots of each page go to {@code target/screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT extends InBrowser {

    static final String PASSWORD = "browser-test-password-1";
    static final Duration RUN = Duration.ofSeconds(30);

    /** The job the admin made through the form, shared by the tests that follow. */
    static String jobId;

    void signIn(String username, String password) {
        browser.open("");
        if (!browser.all("[data-action=sign-out]").isEmpty()) {
            browser.click("[data-action=sign-out]");
        }
        browser.type("username", username);
        browser.type("password", password);
        browser.click("[data-action=sign-in]");
        browser.await("[data-action=sign-out]");
    }

    List<String> previewTimes() {
        return browser.all("#schedule-preview ol.next-times li[data-time]").stream().map(li -> li.getAttribute("data-time"))
                .toList();
    }

    /** Goes to a console route in the page itself (a hash change: the page is not reloaded). */
    void show(String route) {
        browser.script("location.hash = arguments[0]", route);
    }

    @Test
    @Order(1)
    void an_admin_signs_in_and_sees_the_dashboard() {
        signIn("admin", Api.ADMIN_PASSWORD);
        browser.awaitText("h1", "Dashboard", Browser.WAIT);
        assertThat(browser.script("return Object.keys(localStorage).length")).as("nothing in localStorage").isEqualTo(0L);
        assertThat((String) browser.script("return sessionStorage.getItem('texium.session')")).doesNotContain(Api.ADMIN_PASSWORD);
        browser.screenshot("1-dashboard");
    }

    @Test
    @Order(2)
    void a_job_is_created_through_the_form_with_the_live_preview() {
        show("#/jobs/new");
        browser.awaitText("h1", "New job", Browser.WAIT);
        new Select(browser.await("select[name=job_class_string]")).selectByValue("jobs.echo.EchoJob");
        browser.type("name", "Browser job " + System.nanoTime());
        if (!browser.all("textarea[name=pub_args]").isEmpty()) {
            browser.type("pub_args", "[\"Hello\", \"Browser\"]");
        }
        browser.type("minute", "*/10");
        // the preview answers while typing: five next fire times, each at a minute divisible by 10
        new WebDriverWait(browser.driver(), Browser.WAIT).ignoring(StaleElementReferenceException.class).until(d -> {
            var times = previewTimes();
            return times.size() == 5 && times.stream().allMatch(t -> OffsetDateTime.parse(t).getMinute() % 10 == 0);
        });
        assertThat(previewTimes()).hasSize(5).isSorted();
        assertThat(browser.await("#schedule-preview [data-preview=description]").getText()).isNotBlank();
        browser.screenshot("2-job-form");

        browser.click("[data-action=save]");
        new WebDriverWait(browser.driver(), Browser.WAIT)
                .until(d -> d.getCurrentUrl().matches(".*#/jobs/[0-9a-f]{24}$"));
        String url = browser.driver().getCurrentUrl();
        jobId = url.substring(url.lastIndexOf('/') + 1);
        assertThat(api.get("api/scheduler/jobs/" + jobId).status()).isEqualTo(200);
    }

    @Test
    @Order(3)
    void running_it_shows_the_execution_turn_succeeded_without_a_reload_and_its_output() {
        show("#/jobs/" + jobId);
        browser.await("[data-action=run]");
        browser.script("window.__notReloaded = true");
        browser.click("[data-action=run]");
        browser.awaitText("table.data tbody", "succeeded", RUN);
        assertThat(browser.script("return window.__notReloaded === true")).as("the page was not reloaded").isEqualTo(true);
        assertThat(browser.all("span.status[data-status=succeeded]")).isNotEmpty();
        browser.screenshot("3-job-executed");

        browser.driver().findElement(By.cssSelector("table.data tbody tr[data-id] a[href^='#/executions/']")).click();
        browser.awaitText("h1", "Execution", Browser.WAIT);
        String output = browser.await("pre.code").getText();
        assertThat(output).contains("args");
        if (output.contains("Hello")) {
            assertThat(output).contains("Browser");
        }
        browser.screenshot("4-execution");
    }

    @Test
    @Order(4)
    void pausing_it_takes_its_timer_off_the_timers_page_and_resuming_brings_it_back() {
        show("#/timers");
        browser.awaitText("h1", "Timers", Browser.WAIT);
        browser.await("tr[data-id='" + jobId + "']");
        browser.screenshot("5-timers");

        show("#/jobs/" + jobId);
        browser.click("[data-action=pause]");
        browser.await("[data-action=resume]");
        browser.await("span.status[data-status=paused]");
        show("#/timers");
        browser.awaitText("h1", "Timers", Browser.WAIT);
        browser.await("table.data tbody tr");
        browser.awaitGone("tr[data-id='" + jobId + "']", Browser.WAIT);
        browser.screenshot("6-timers-paused");

        show("#/jobs/" + jobId);
        browser.click("[data-action=resume]");
        browser.await("[data-action=pause]");
        show("#/timers");
        browser.await("tr[data-id='" + jobId + "']");
    }

    @Test
    @Order(5)
    void the_admin_pages_render_without_errors() {
        for (String page : new String[] {"audit", "servers", "users", "tokens", "backups", "instances", "reports",
                "executions", "jobs", "dashboard", "timers"}) {
            show("#/" + page);
            browser.await("h1");
            new WebDriverWait(browser.driver(), Browser.WAIT)
                    .until(d -> d.findElements(By.cssSelector(".paged.loading, .loading-text")).isEmpty());
            assertThat(browser.all(".notice.error")).as(page + " shows an error").isEmpty();
            assertThat(browser.await("h1").getText()).as(page).isNotEqualTo("Page not available");
            browser.screenshot("7-" + page);
        }
        assertThat(browser.consoleErrors()).as("console errors (a CSP refusal shows here)")
                .noneMatch(m -> m.contains("Content Security Policy"));
    }

    @Test
    @Order(6)
    void another_user_cannot_see_the_admins_job() {
        String bob = "bob-" + System.nanoTime();
        api.createUser(bob, PASSWORD);
        signIn(bob, PASSWORD);
        show("#/jobs");
        browser.awaitText("h1", "Jobs", Browser.WAIT);
        new WebDriverWait(browser.driver(), Browser.WAIT)
                .until(d -> d.findElements(By.cssSelector(".paged.loading")).isEmpty());
        assertThat(browser.all("tr[data-id='" + jobId + "']")).isEmpty();
        show("#/jobs/" + jobId);
        browser.awaitText("main", "Not found", Browser.WAIT);
        assertThat(browser.all("[data-action=run]")).isEmpty();
        assertThat(browser.all("nav a[data-route='/timers']")).as("no Timers page for a user").isEmpty();
        browser.screenshot("8-other-user");
    }

    @Test
    @Order(7)
    void the_api_docs_load_and_list_the_endpoints() {
        browser.open("docs/");
        browser.await(".opblock");
        assertThat(browser.all(".opblock").size()).isGreaterThan(40);
        assertThat(browser.driver().findElement(By.cssSelector("body")).getText()).contains("/api/scheduler/jobs");
        browser.screenshot("9-docs");
    }
}
