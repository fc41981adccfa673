package io.texium.scheduler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.texium.scheduler.client.ApiClient;
import io.texium.scheduler.client.ApiException;
import io.texium.scheduler.client.api.ExecutionsApi;
import io.texium.scheduler.client.api.JobsApi;
import io.texium.scheduler.client.api.TokensApi;
import io.texium.scheduler.client.api.UsersApi;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's job scenario through a client that openapi-generator made from the OpenAPI document (Java, the JDK's
 * HttpClient; generated into {@code target/generated-test-sources/openapi} from the checked-in copy that
 * {@link OpenApiDocumentIT} keeps equal to {@code /openapi}): sign in, create a job, list, read, run it now, read the
 * execution, pause, resume, delete; then the same client with an API token it minted.
 */
class GeneratedClientIT extends OnSharedServer {

    @Test
    void the_readme_job_scenario_runs_through_the_generated_client() throws Exception {
        ApiClient admin = generated(basic("admin", Api.ADMIN_PASSWORD));
        var jobs = new JobsApi(admin);
        var executions = new ExecutionsApi(admin);
        String name = "Generated client " + System.nanoTime();

        Map<String, Object> created = object(jobs.createJob(Map.of("job_class_string", "jobs.echo.EchoJob", "name", name,
                "minute", "*/5", "pub_args", List.of("Hello", "World"))));
        String jobId = (String) created.get("job_id");
        assertThat(created).containsEntry("success", true);
        assertThat(object(created.get("data"))).containsEntry("name", name).containsEntry("minute", "*/5");

        Map<String, Object> listed = object(jobs.listJobs(null, "50", null, null, name, null, null));
        assertThat((List<?>) listed.get("data")).extracting(job -> object(job).get("job_id")).containsExactly(jobId);

        assertThat(data(jobs.getJob(jobId))).containsEntry("job_id", jobId).containsEntry("is_paused", false);

        Map<String, Object> run = object(jobs.runJob(jobId));
        String executionId = (String) run.get("execution_id");
        assertThat(executionId).isNotBlank();
        Map<String, Object> execution = awaitEnd(executions, executionId, Duration.ofSeconds(30));
        assertThat(execution).containsEntry("status", "succeeded").containsEntry("job_id", jobId);
        assertThat((String) execution.get("output")).contains("Hello", "World");

        assertThat(data(jobs.pauseJob(jobId, null))).containsEntry("is_paused", true);
        assertThat(data(jobs.resumeJob(jobId, null))).containsEntry("is_paused", false);
        assertThat(data(jobs.deleteJob(jobId, null))).containsEntry("job_id", jobId);

        var gone = catchThrowableOfType(ApiException.class, () -> jobs.getJob(jobId));
        assertThat(gone.getCode()).isEqualTo(404);
        assertThat(gone.getResponseHeaders().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    }

    @Test
    void the_client_signs_in_with_either_scheme_and_without_credentials_gets_401() throws Exception {
        var anonymous = catchThrowableOfType(ApiException.class, () -> new JobsApi(generated(null)).listJobs(null, null, null, null, null, null, null));
        assertThat(anonymous.getCode()).isEqualTo(401);

        ApiClient admin = generated(basic("admin", Api.ADMIN_PASSWORD));
        List<?> admins = (List<?>) new UsersApi(admin).listUsers(null, "500", "admin", null).getData();
        String adminId = admins.stream().map(GeneratedClientIT::object).filter(u -> "admin".equals(u.get("username")))
                .map(u -> (String) u.get("id")).findFirst().orElseThrow();
        var tokens = new TokensApi(admin);
        Map<String, Object> minted = object(tokens.createToken(adminId, Map.of("name", "generated client")));
        String token = (String) minted.get("token");
        String tokenId = (String) object(minted.get("data")).get("id");

        var withToken = new JobsApi(generated("Bearer " + token));
        assertThat(object(withToken.listJobs(null, "1", null, null, null, null, null))).containsEntry("success", true);

        tokens.revokeToken(adminId, tokenId);
        var revoked = catchThrowableOfType(ApiException.class, () -> withToken.listJobs(null, "1", null, null, null, null, null));
        assertThat(revoked.getCode()).isEqualTo(401);
    }

    /** The generated client against the shared server; each request carries {@code authorization} when given. */
    ApiClient generated(String authorization) {
        var client = new ApiClient();
        client.updateBaseUri(base.toString().replaceAll("/$", ""));
        client.setReadTimeout(Duration.ofSeconds(30));
        if (authorization != null) {
            // the native library leaves authentication to the caller: one header on every request
            client.setRequestInterceptor(request -> request.header("Authorization", authorization));
        }
        return client;
    }

    static String basic(String username, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    Map<String, Object> awaitEnd(ExecutionsApi executions, String executionId, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Object> execution = data(executions.getExecution(executionId));
        while (List.of("scheduled", "running").contains(execution.get("status")) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            execution = data(executions.getExecution(executionId));
        }
        return execution;
    }

    static Map<String, Object> data(Object answer) {
        return object(object(answer).get("data"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object json) {
        assertThat(json).isInstanceOf(Map.class);
        return (Map<String, Object>) json;
    }
}
