package io.texium.scheduler.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.texium.scheduler.platform.LocalHttp;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A job's {@code notify} on the shared server: a run that fails is told by mail (GreenMail at the server's
 * {@code texium.mail.port}) and by webhook (an HTTP server in this JVM; the shared server allows 127.0.0.1), and the
 * execution lists both attempts; a run that succeeds is told only when {@code succeeded} is listed.
 */
class NotificationsIT extends OnSharedServer {

    final LocalHttp receiver = new LocalHttp();
    final LocalHttp failing = new LocalHttp();
    GreenMail smtp;

    @BeforeEach
    void start() {
        smtp = new GreenMail(new ServerSetup(SharedServer.MAIL_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterEach
    void stop() {
        smtp.stop();
        receiver.close();
        failing.close();
    }

    String webhookJob(String user, String url, String notify) {
        return create(forUser(user, """
                {"job_class_string": "jobs.webhook.WebhookJob", "name": "notified", "minute": "0", "hour": "3", "year": "2099",
                 "pub_kwargs": {"url": "%s"}, "notify": %s}""".formatted(url, notify)));
    }

    String runNow(String jobId) {
        var run = api.post("api/scheduler/jobs/" + jobId + "/run", null);
        assertThat(run.status()).as(run.text()).isEqualTo(202);
        return run.json().getString("execution_id");
    }

    JsonObject awaitNotifications(String executionId, int count) {
        return api.await("api/scheduler/executions/" + executionId, r -> r.status() == 200
                && !r.data().isNull("notifications") && r.data().getJsonArray("notifications").size() >= count,
                Duration.ofSeconds(30)).data();
    }

    @Test
    void a_failed_run_is_mailed_and_posted_and_the_execution_lists_both() throws Exception {
        String user = newUser("notify");
        String hook = receiver.url("/echo?token=IT-SECRET");
        String id = webhookJob(user, failing.url("/status/500"), """
                {"on": ["failed"], "emails": ["ops@example.com"], "webhooks": ["%s"]}""".formatted(hook));
        var view = api.get("api/scheduler/jobs/" + id).data();
        assertThat(view.getJsonObject("notify").getJsonArray("webhooks").getString(0))
                .isEqualTo("http://127.0.0.1:" + receiver.port() + "/***");
        assertThat(view.toString()).doesNotContain("IT-SECRET");

        String executionId = runNow(id);
        var execution = awaitNotifications(executionId, 2);

        assertThat(execution.getString("status")).isEqualTo("failed");
        var attempts = execution.getJsonArray("notifications");
        assertThat(attempts.getJsonObject(0).getString("channel")).isEqualTo("email");
        assertThat(attempts.getJsonObject(0).getString("target")).isEqualTo("ops@example.com");
        assertThat(attempts.getJsonObject(0).getBoolean("ok")).as(attempts.toString()).isTrue();
        assertThat(attempts.getJsonObject(1).getString("channel")).isEqualTo("webhook");
        assertThat(attempts.getJsonObject(1).getBoolean("ok")).as(attempts.toString()).isTrue();
        assertThat(attempts.toString()).doesNotContain("IT-SECRET");

        assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
        var mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo("[Texium] notified failed");
        assertThat(GreenMailUtil.getBody(mail)).contains(executionId).contains("HTTP 500");

        assertThat(receiver.seen()).singleElement().satisfies(seen -> {
            var json = Json.createReader(new StringReader(seen.body())).readObject();
            assertThat(json.getString("text")).startsWith("Texium: job \"notified\" failed");
            assertThat(json.getJsonObject("execution").getString("execution_id")).isEqualTo(executionId);
            assertThat(json.getJsonObject("execution").getString("status")).isEqualTo("failed");
        });
    }

    @Test
    void a_succeeded_run_is_told_only_when_succeeded_is_listed_and_a_failing_target_is_recorded() throws Exception {
        String user = newUser("notify-ok");
        String quiet = webhookJob(user, receiver.url("/ok"), """
                {"on": ["failed"], "webhooks": ["%s"]}""".formatted(receiver.url("/echo")));
        String loud = webhookJob(user, receiver.url("/ok"), """
                {"on": ["succeeded"], "webhooks": ["%s"]}""".formatted(failing.url("/status/503")));

        String quietRun = runNow(quiet);
        api.await("api/scheduler/executions/" + quietRun, r -> r.status() == 200
                && !r.data().getString("status").matches("scheduled|running"), Duration.ofSeconds(30));
        String loudRun = runNow(loud);
        var told = awaitNotifications(loudRun, 1);
        assertThat(told.getString("status")).isEqualTo("succeeded");
        var attempt = told.getJsonArray("notifications").getJsonObject(0);
        assertThat(attempt.getBoolean("ok")).isFalse();
        assertThat(attempt.getString("error")).isEqualTo("the webhook answered HTTP 503");

        var untold = api.get("api/scheduler/executions/" + quietRun).data();
        assertThat(untold.getString("status")).isEqualTo("succeeded");
        assertThat(untold.isNull("notifications")).isTrue();
        // the two runs called /ok; no notification went to /echo
        assertThat(receiver.seen()).extracting(LocalHttp.Seen::path).containsOnly("/ok");
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void a_notify_the_rules_refuse_is_a_400_naming_the_entry() {
        var reply = api.post("api/scheduler/jobs", """
                {"job_class_string": "jobs.echo.EchoJob", "name": "bad", "hour": "3",
                 "notify": {"on": ["failed", "sometimes"], "emails": ["ops@example.com", "x"], "webhooks": ["http://169.254.169.254/"]}}""");
        assertThat(reply.status()).as(reply.text()).isEqualTo(400);
        assertThat(reply.text()).contains("notify.on", "notify.emails[1]", "notify.webhooks[0]");
    }
}
