package io.texium.scheduler.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Health, the MicroProfile probes and the OpenAPI document on the shared server. */
class HealthIT extends OnSharedServer {

    @Test
    void health_openapi_and_probes_answer() {
        var health = api.get("api/scheduler/health");
        assertThat(health.status()).as(health.text()).isEqualTo(200);
        assertThat(health.data().getBoolean("store_reachable")).isTrue();
        assertThat(health.data().getJsonArray("jobs_without_timer")).isEmpty();

        Api root = new Api(URI.create(base.getScheme() + "://" + base.getHost() + ":" + base.getPort() + "/"));
        assertThat(root.get("health/ready").status()).isEqualTo(200);
        assertThat(root.get("health/live").status()).isEqualTo(200);
        var openapi = root.get("openapi");
        assertThat(openapi.status()).isEqualTo(200);
        for (String path : List.of("/scheduler/jobs:", "/scheduler/jobs/{job_id}:", "/scheduler/jobs/{job_id}/pause:",
                "/scheduler/jobs/{job_id}/resume:", "/scheduler/jobs/{job_id}/run:", "/scheduler/executions:",
                "/scheduler/executions/{execution_id}:", "/scheduler/available-jobs:", "/scheduler/stats:",
                "/scheduler/health:", "/scheduler/timers:", "/scheduler/users/{user_id}/jobs:")) {
            assertThat(openapi.text()).contains(path);
        }
        assertThat(openapi.text()).as("examples of the answers").contains("total_executions").contains("success_rate")
                .contains("next_timeout").contains("execution_id").contains("application/problem+json");
    }
}
