package io.texium.scheduler.jobs.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import io.texium.scheduler.jobs.entity.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class JobVersionsTest {

    @Test
    void the_etag_is_the_version_as_a_strong_tag() {
        assertThat(JobVersions.etag(new Job().version(7))).isEqualTo("\"7\"");
        assertThat(JobVersions.expected("\"7\"")).isEqualTo(7L);
        assertThat(JobVersions.expected(" \"0\" ")).isZero();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"*", " * "})
    void no_if_match_or_a_star_asks_only_that_the_job_exists(String header) {
        assertThat(JobVersions.expected(header)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"W/\"7\"", "7", "\"\"", "\"-3\"", "\"x\"", "\"7\", \"8\"", "\"99999999999999999999\""})
    void anything_else_never_matches(String header) {
        assertThat(JobVersions.expected(header)).isEqualTo(JobVersions.NONE);
    }
}
