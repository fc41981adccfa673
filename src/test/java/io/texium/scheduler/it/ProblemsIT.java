package io.texium.scheduler.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Bad input and unknown ids on the shared server: RFC 9457 problems naming the field, and nothing saved. */
class ProblemsIT extends OnSharedServer {

    @Test
    void bad_input_is_a_400_problem_naming_the_field_and_saves_nothing() {
        long before = api.get("api/scheduler/jobs?page_size=1").json().getInt("total");
        expectProblem(api.post("api/scheduler/jobs", "{not json"), 400, "body");
        expectProblem(api.post("api/scheduler/jobs", "[1,2]"), 400, "body");
        expectProblem(api.post("api/scheduler/jobs", EXAMPLE.replace("\"name\": \"Test Job\",", "")), 400, "name");
        expectProblem(api.post("api/scheduler/jobs", EXAMPLE.replace("*/5", "61")), 400, "minute");
        expectProblem(api.post("api/scheduler/jobs", EXAMPLE.replace("jobs.echo.EchoJob", "jobs.nope.Nope")), 400, "job_class_string");
        expectProblem(api.post("api/scheduler/jobs", EXAMPLE.replace("\"minute\"", "\"timezone\": \"Mars/Base\", \"minute\"")), 400, "timezone");
        expectProblem(api.post("api/scheduler/jobs", EXAMPLE.replace("\"minute\"", "\"minutes\"")), 400, "minutes");
        expectProblem(api.post("api/scheduler/jobs", EXAMPLE.replace("[\"Hello\", \"World\"]", "\"Hello\"")), 400, "pub_args");
        expectProblem(api.post("api/scheduler/jobs", EXAMPLE.replace("\"*/5\"", "\"0\", \"day_of_month\": \"30\", \"month\": \"feb\"")), 400, null);
        assertThat(api.get("api/scheduler/jobs?page_size=1").json().getInt("total")).as("nothing saved").isEqualTo(before);

        String id = create(EXAMPLE);
        expectProblem(api.put("api/scheduler/jobs/" + id, "{\"hour\": \"25\"}"), 400, "hour");
        assertThat(api.get("api/scheduler/jobs/" + id).data().isNull("hour")).as("nothing half-saved").isTrue();
        assertThat(timerOf(id).getJsonObject("expression").getString("hour")).isEqualTo("*");
        api.delete("api/scheduler/jobs/" + id);

        expectProblem(api.get("api/scheduler/jobs/0123456789abcdef01234567"), 404, null);
        expectProblem(api.get("api/scheduler/jobs/not-an-id"), 404, null);
        expectProblem(api.put("api/scheduler/jobs/not-an-id", "{}"), 404, null);
        expectProblem(api.delete("api/scheduler/jobs/0123456789abcdef01234567"), 404, null);
        expectProblem(api.post("api/scheduler/jobs/0123456789abcdef01234567/run", null), 404, null);
        expectProblem(api.get("api/scheduler/executions/nope"), 404, null);
        expectProblem(api.get("api/scheduler/jobs?page_size=501"), 400, "page_size");
        expectProblem(api.get("api/scheduler/jobs?page=0"), 400, "page");
        expectProblem(api.get("api/scheduler/executions?page=5000000&page_size=500"), 400, "page");
        expectProblem(api.post("api/scheduler/jobs", EXAMPLE.replace("[\"Hello\", \"World\"]", "[18446744073709551616]")), 400, "pub_args");
        expectProblem(api.get("api/scheduler/users/not-an-id/jobs"), 404, null);
        expectProblem(api.get("api/scheduler/jobs?is_enabled=maybe"), 400, "is_enabled");
        expectProblem(api.get("api/scheduler/executions?status=lost"), 400, "status");
        expectProblem(api.get("api/scheduler/executions?since=yesterday"), 400, "since");
        expectProblem(api.get("api/scheduler/executions?before=yesterday"), 400, "before");
        expectProblem(api.get("api/scheduler/nothing-here"), 404, null);
    }

    @Test
    void a_schedule_value_or_arguments_past_their_limit_are_a_400_naming_the_field() {
        long before = api.get("api/scheduler/jobs?page_size=1").json().getInt("total");
        String longSecond = "\"" + "0,".repeat(200) + "*\"";
        expectProblem(api.post("api/scheduler/schedules/preview", "{\"second\": " + longSecond + "}"), 400, "second");
        expectProblem(api.post("api/scheduler/jobs", EXAMPLE.replace("\"*/5\"", longSecond)), 400, "minute");
        String bigArgs = "[\"" + "x".repeat(70_000) + "\"]";
        expectProblem(api.post("api/scheduler/jobs", EXAMPLE.replace("[\"Hello\", \"World\"]", bigArgs)), 400, "pub_args");
        assertThat(api.get("api/scheduler/jobs?page_size=1").json().getInt("total")).as("nothing saved").isEqualTo(before);
    }

    private void expectProblem(Api.Reply reply, int status, String field) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        var problem = reply.json();
        assertThat(problem.getInt("status")).isEqualTo(status);
        assertThat(problem.getString("title")).isNotBlank();
        assertThat(problem.getString("detail")).isNotBlank();
        if (field != null) {
            assertThat(problem.getJsonArray("errors").stream().map(e -> e.asJsonObject().getString("field")))
                    .as(reply.text()).contains(field);
        }
    }
}
