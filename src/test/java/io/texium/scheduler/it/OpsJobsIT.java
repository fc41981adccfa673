package io.texium.scheduler.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The CustomScript and EmailNotification jobs run for real from the API: a script from the shared server's
 * {@code texium.scripts.dir}, a mail through an SMTP server (GreenMail) in this JVM at the server's
 * {@code texium.mail.port}. CustomScript is for administrators only.
 */
class OpsJobsIT extends OnSharedServer {

    static final String PASSWORD = "ops-it-password-1";

    static String scriptJob(String script) {
        return """
                {"job_class_string": "jobs.script.CustomScriptJob", "name": "script", "minute": "0", "year": "2099",
                 "pub_kwargs": {"script": "%s", "args": ["from the API"], "env": {"GREETING": "hello"}}}"""
                .formatted(script);
    }

    static Path script(String name, String body) throws Exception {
        Path file = SharedServer.scriptsDir().resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    JsonObject runToEnd(String jobId) {
        var run = api.post("api/scheduler/jobs/" + jobId + "/run", null);
        assertThat(run.status()).as(run.text()).isEqualTo(202);
        var done = api.await("api/scheduler/executions/" + run.json().getString("execution_id"),
                r -> r.status() == 200 && !r.data().getString("status").matches("scheduled|running"),
                Duration.ofSeconds(30));
        return done.data();
    }

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    static void assertProblemNames(Api.Reply reply, String field) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(400);
        assertThat(reply.json().getJsonArray("errors").stream().map(e -> e.asJsonObject().getString("field")))
                .as(reply.text()).contains(field);
    }

    @Test
    void an_admin_runs_a_script_from_the_scripts_dir_and_sees_its_output() throws Exception {
        script("it-hello.sh", "echo \"$GREETING $1\"; echo note >&2");
        String id = create(scriptJob("it-hello.sh"));

        var execution = runToEnd(id);
        assertThat(execution.getString("status")).as(execution.toString()).isEqualTo("succeeded");
        var output = json(execution.getString("output"));
        assertThat(output.getInt("exit_code")).isZero();
        assertThat(output.getString("stdout")).isEqualTo("hello from the API\n");
        assertThat(output.getString("stderr")).isEqualTo("note\n");
    }

    @Test
    void a_failing_script_fails_the_run_with_its_exit_code() throws Exception {
        script("it-fail.sh", "echo 'no such table' >&2; exit 4");
        var execution = runToEnd(create(scriptJob("it-fail.sh")));
        assertThat(execution.getString("status")).isEqualTo("failed");
        assertThat(execution.getString("error")).contains("exited with code 4").contains("no such table");
    }

    @Test
    void a_script_that_is_not_there_or_a_path_is_refused_when_saved() {
        assertProblemNames(api.post("api/scheduler/jobs", scriptJob("it-missing.sh")), "pub_kwargs.script");
        assertProblemNames(api.post("api/scheduler/jobs", scriptJob("../../bin/sh")), "pub_kwargs.script");
    }

    @Test
    void a_user_may_not_create_a_script_job_nor_may_an_admin_create_one_for_a_user() throws Exception {
        script("it-user.sh", "echo should not run");
        String username = "ops-it-" + System.nanoTime();
        String userId = api.createUser(username, PASSWORD);
        var asUser = new Api(base).as(username, PASSWORD);

        assertProblemNames(asUser.post("api/scheduler/jobs", scriptJob("it-user.sh")), "job_class_string");
        assertProblemNames(api.post("api/scheduler/jobs", forUser(userId, scriptJob("it-user.sh"))), "job_class_string");
        assertThat(asUser.get("api/scheduler/jobs").json().getInt("total")).isZero();
    }

    @Test
    void an_email_job_delivers_its_mail_through_the_configured_smtp_server() throws Exception {
        var smtp = new GreenMail(new ServerSetup(SharedServer.MAIL_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            String user = newUser("mail");
            String id = create(forUser(user, """
                    {"job_class_string": "jobs.email.EmailNotificationJob", "name": "mail", "minute": "0", "year": "2099",
                     "pub_kwargs": {"to": ["ops@example.com"], "cc": ["lead@example.com"], "subject": "From the IT",
                                    "body": "<p>sent by Payara</p>", "html": true}}"""));

            var execution = runToEnd(id);
            assertThat(execution.getString("status")).as(execution.toString()).isEqualTo("succeeded");
            assertThat(smtp.waitForIncomingEmail(10_000, 2)).isTrue();
            MimeMessage mail = smtp.getReceivedMessages()[0];
            assertThat(mail.getSubject()).isEqualTo("From the IT");
            assertThat(mail.getFrom()[0].toString()).isEqualTo(SharedServer.MAIL_FROM);
            assertThat(mail.getContentType()).startsWith("text/html");
            assertThat((String) mail.getContent()).isEqualTo("<p>sent by Payara</p>");
            var output = json(execution.getString("output"));
            assertThat(output.getString("message_id")).isEqualTo(mail.getMessageID());
            assertThat(output.getJsonArray("cc").getString(0)).isEqualTo("lead@example.com");
        } finally {
            smtp.stop();
        }
    }

    @Test
    void both_are_described_in_available_jobs_and_the_script_job_for_admins_only() {
        var classes = api.get("api/scheduler/available-jobs").json().getJsonArray("data").stream()
                .map(v -> v.asJsonObject()).toList();
        var script = classes.stream().filter(c -> c.getString("job_class_string").equals("jobs.script.CustomScriptJob"))
                .findFirst().orElseThrow();
        var mail = classes.stream().filter(c -> c.getString("job_class_string").equals("jobs.email.EmailNotificationJob"))
                .findFirst().orElseThrow();
        assertThat(script.getBoolean("admin_only")).as(script.toString()).isTrue();
        assertThat(mail.getBoolean("admin_only")).isFalse();
        assertThat(script.getJsonArray("arguments").stream().map(a -> a.asJsonObject().getString("name")))
                .containsExactly("script", "args", "env", "max_seconds");
        assertThat(mail.getJsonArray("arguments").stream().map(a -> a.asJsonObject().getString("name")))
                .containsExactly("to", "subject", "body", "cc", "html");
    }

    @Test
    void a_bad_address_or_a_subject_with_a_line_break_is_refused_when_saved() {
        var reply = api.post("api/scheduler/jobs", """
                {"job_class_string": "jobs.email.EmailNotificationJob", "name": "mail", "minute": "0",
                 "pub_kwargs": {"to": ["not an address"], "subject": "Hi\\r\\nBcc: x@example.com", "body": "b"}}""");
        assertProblemNames(reply, "pub_kwargs.to[0]");
        assertProblemNames(reply, "pub_kwargs.subject");
    }
}
