package io.texium.scheduler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.texium.scheduler.platform.LocalHttp;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ReportGeneration job from the API: a user's Echo job that succeeds and Webhook job that fails, run for real,
 * then reported as CSV, HTML and xlsx; the numbers match the recorded executions, another user gets 404, and the
 * report is mailed through an SMTP server (GreenMail) in this JVM.
 */
class ReportsIT extends OnSharedServer {

    static final String PASSWORD = "reports-it-password-1";

    final LocalHttp target = new LocalHttp();
    String username;
    String userId;
    Api user;

    @BeforeEach
    void user() {
        username = "reports-it-" + System.nanoTime();
        userId = api.createUser(username, PASSWORD);
        user = new Api(base).as(username, PASSWORD);
    }

    @AfterEach
    void stop() {
        target.close();
    }

    String job(String clazz, String name, String kwargs) {
        var reply = user.post("api/scheduler/jobs", """
                {"job_class_string": "%s", "name": %s, "minute": "0", "hour": "3", "year": "2099", "pub_kwargs": %s}"""
                .formatted(clazz, Json.createValue(name).toString(), kwargs));
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.json().getString("job_id");
    }

    JsonObject runToEnd(String jobId) {
        var run = user.post("api/scheduler/jobs/" + jobId + "/run", null);
        assertThat(run.status()).as(run.text()).isEqualTo(202);
        return user.await("api/scheduler/executions/" + run.json().getString("execution_id"),
                r -> r.status() == 200 && !r.data().getString("status").matches("scheduled|running"),
                Duration.ofSeconds(30)).data();
    }

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    HttpResponse<byte[]> bytes(String path, String as, String password) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/?$", "/")).resolve(path.substring(1)))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((as + ":" + password)
                        .getBytes(StandardCharsets.UTF_8))).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void a_users_report_counts_the_runs_of_their_jobs_and_only_they_may_download_it() throws Exception {
        String echo = job("jobs.echo.EchoJob", "<script>alert(1)</script>, echo", "{\"n\": 1}");
        String hook = job("jobs.webhook.WebhookJob", "=hook", "{\"url\": \"%s\"}".formatted(target.url("/status/500")));
        List<Long> durations = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            var run = runToEnd(echo);
            assertThat(run.getString("status")).as(run.toString()).isEqualTo("succeeded");
            durations.add(run.getJsonNumber("duration_ms").longValue());
        }
        assertThat(runToEnd(hook).getString("status")).isEqualTo("failed");
        String report = job("jobs.report.ReportGenerationJob", "report", "{\"hours\": 1}");

        var execution = runToEnd(report);
        assertThat(execution.getString("status")).as(execution.toString()).isEqualTo("succeeded");
        var output = json(execution.getString("output"));
        String name = output.getString("name");
        assertThat(name).matches("report-\\d{8}T\\d{6}Z-[a-z0-9]{8}\\.csv");
        assertThat(output.getInt("rows")).as("echo, hook, and the report's own run, unfinished").isEqualTo(3);
        assertThat(output.getString("download")).isEqualTo("/api/scheduler/reports/" + name);

        var download = user.get("api/scheduler/reports/" + name);
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.contentType().replace(" ", "")).isEqualToIgnoringCase("text/csv;charset=utf-8");
        assertThat(download.header("Content-Disposition")).isEqualTo("attachment; filename=\"" + name + "\"");
        Map<String, List<String>> lines = new HashMap<>();
        String[] csv = download.text().split("\r\n");
        assertThat(csv[0]).isEqualTo("job_id,job_name,runs,succeeded,failed,missed,skipped,unfinished,success_rate,"
                + "mean_duration_ms,p95_duration_ms");
        for (String line : Arrays.copyOfRange(csv, 1, csv.length)) {
            lines.put(line.substring(0, line.indexOf(',')), List.of(line.split(",", -1)));
        }
        double mean = Math.round(durations.stream().mapToLong(Long::longValue).average().orElseThrow() * 10) / 10.0;
        long p95 = durations.stream().mapToLong(Long::longValue).max().orElseThrow(); // nearest rank of 3: the 3rd
        assertThat(download.text()).contains(echo + ",\"<script>alert(1)</script>, echo\",3,3,0,0,0,0,1.0,"
                + BigDecimal.valueOf(mean).toPlainString() + "," + p95 + "\r\n");
        assertSoftly(s -> {
            s.assertThat(lines.get(hook).subList(1, 9)).containsExactly("'=hook", "1", "0", "1", "0", "0", "0", "0.0");
            s.assertThat(lines.get(report).subList(1, 9)).containsExactly("report", "1", "0", "0", "0", "0", "1", "");
        });

        String otherName = "reports-other-" + System.nanoTime();
        api.createUser(otherName, PASSWORD);
        var other = new Api(base).as(otherName, PASSWORD);
        assertThat(other.get("api/scheduler/reports/" + name).status()).isEqualTo(404);
        assertThat(other.get("api/scheduler/reports").text()).doesNotContain(name);
        assertThat(api.get("api/scheduler/reports/" + name).status()).isEqualTo(200);
        var listed = user.get("api/scheduler/reports").json();
        assertThat(listed.getInt("total")).isEqualTo(1);
        var entry = listed.getJsonArray("data").getJsonObject(0);
        assertThat(entry.getString("name")).isEqualTo(name);
        assertThat(entry.getString("owner_id")).isEqualTo(userId);
        assertThat(entry.getString("job_id")).isEqualTo(report);
        assertThat(entry.getInt("rows")).isEqualTo(3);
        assertThat(user.get("api/scheduler/reports/texium-20261128T090000Z.jsonl.gz").status()).isEqualTo(404);
        assertThat(user.get("api/scheduler/reports/..%2Freport-20261128T090000Z-abc.csv").status()).isEqualTo(404);
    }

    @Test
    void html_is_served_sandboxed_and_xlsx_reads_back() throws Exception {
        String echo = job("jobs.echo.EchoJob", "<img src=x onerror=alert(1)>", "{}");
        runToEnd(echo);
        var html = json(runToEnd(job("jobs.report.ReportGenerationJob", "html", "{\"format\": \"html\"}")).getString("output"));
        var page = user.get("api/scheduler/reports/" + html.getString("name"));
        assertThat(page.contentType().replace(" ", "")).isEqualToIgnoringCase("text/html;charset=utf-8");
        assertThat(page.header("Content-Security-Policy")).contains("sandbox");
        assertThat(page.header("Content-Disposition")).startsWith("attachment;");
        assertThat(page.text()).doesNotContain("<img").contains("&lt;img src=x onerror=alert(1)&gt;");

        var xlsx = json(runToEnd(job("jobs.report.ReportGenerationJob", "xlsx", "{\"format\": \"xlsx\"}")).getString("output"));
        var file = bytes(xlsx.getString("download"), username, PASSWORD);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type")).contains(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat((long) file.body().length).isEqualTo(xlsx.getJsonNumber("size").longValue());
        try (var workbook = new ReadableWorkbook(new ByteArrayInputStream(file.body()))) {
            var rows = workbook.getFirstSheet().read();
            var echoRow = rows.stream().filter(r -> r.getCellAsString(0).orElse("").equals(echo)).findFirst().orElseThrow();
            assertThat(echoRow.getCellAsString(1)).contains("<img src=x onerror=alert(1)>");
            assertThat(echoRow.getCellAsNumber(2).map(BigDecimal::intValue)).contains(1);
            assertThat(echoRow.getCellAsNumber(3).map(BigDecimal::intValue)).contains(1);
        }
    }

    @Test
    void a_report_is_mailed_and_a_failed_mail_fails_the_run_but_keeps_the_report() throws Exception {
        runToEnd(job("jobs.echo.EchoJob", "mailed", "{}"));
        String report = job("jobs.report.ReportGenerationJob", "mail",
                "{\"mail_to\": [\"ops@example.com\"], \"mail_subject\": \"Daily jobs\"}");

        var failed = runToEnd(report); // no SMTP server listens yet
        assertThat(failed.getString("status")).isEqualTo("failed");
        assertThat(failed.getString("error")).contains("is stored (download /api/scheduler/reports/report-")
                .contains("but mailing it failed");
        String kept = failed.getString("error").replaceAll("(?s).*download /api/scheduler/reports/(\\S+)\\).*", "$1");
        assertThat(user.get("api/scheduler/reports/" + kept).status()).isEqualTo(200);

        var smtp = new GreenMail(new ServerSetup(SharedServer.MAIL_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            var sent = runToEnd(report);
            assertThat(sent.getString("status")).as(sent.toString()).isEqualTo("succeeded");
            var output = json(sent.getString("output"));
            assertThat(output.getJsonArray("mailed_to").getString(0)).isEqualTo("ops@example.com");
            assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
            var mail = smtp.getReceivedMessages()[0];
            assertThat(mail.getSubject()).isEqualTo("Daily jobs");
            var parts = (Multipart) mail.getContent();
            Part attachment = parts.getBodyPart(1);
            assertThat(attachment.getFileName()).isEqualTo(output.getString("name"));
            String attached = new String(attachment.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(attached).isEqualTo(user.get("api/scheduler/reports/" + output.getString("name")).text());
        } finally {
            smtp.stop();
        }
    }

    @Test
    void a_bad_period_format_or_address_is_refused_when_saved() {
        var reply = user.post("api/scheduler/jobs", """
                {"job_class_string": "jobs.report.ReportGenerationJob", "name": "bad", "minute": "0",
                 "pub_kwargs": {"since": "2026-11-02T00:00:00Z", "until": "2026-11-01T00:00:00Z",
                                "mail_to": ["not an address"]}}""");
        assertThat(reply.status()).as(reply.text()).isEqualTo(400);
        assertThat(reply.json().getJsonArray("errors").stream().map(e -> e.asJsonObject().getString("field")))
                .contains("pub_kwargs.since", "pub_kwargs.mail_to[0]");
        var format = user.post("api/scheduler/jobs", """
                {"job_class_string": "jobs.report.ReportGenerationJob", "name": "bad", "minute": "0",
                 "pub_kwargs": {"format": "pdf"}}""");
        assertThat(format.status()).as(format.text()).isEqualTo(400);
        assertThat(format.json().getJsonArray("errors").stream().map(e -> e.asJsonObject().getString("field")))
                .contains("pub_kwargs.format");
    }
}
