package io.texium.scheduler.jobs.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JobFilterTest {

    @Test
    void searchFindsAPartOfTheNameWhateverItsCase() {
        var cut = new JobQueries.Filter(null, null, null, null, "NIGHT");

        assertTrue(cut.matches("u1", true, "Nightly backup", false));
        assertTrue(cut.matches("u1", true, "the overnight report", false));
        assertFalse(cut.matches("u1", true, "hourly report", false));
        assertFalse(cut.matches("u1", true, null, false));
    }

    @Test
    void searchIsLiteralNotAPattern() {
        var cut = new JobQueries.Filter(null, null, null, null, "a.c");

        assertTrue(cut.matches("u1", true, "xa.cx", false));
        assertFalse(cut.matches("u1", true, "abc", false));
    }

    @Test
    void filtersCombineWithAnd() {
        var cut = new JobQueries.Filter("u1", true, null, true, "report");

        assertTrue(cut.matches("u1", true, "report", true));
        assertFalse(cut.matches("u2", true, "report", true));
        assertFalse(cut.matches("u1", false, "report", true));
        assertFalse(cut.matches("u1", true, "report", false));
        assertFalse(cut.matches("u1", true, "backup", true));
    }

    @Test
    void theExactNameFilterOfTheOldApiStaysExact() {
        var cut = new JobQueries.Filter(null, null, "report");

        assertTrue(cut.matches("u1", false, "report", true));
        assertFalse(cut.matches("u1", false, "report 2", true));
    }
}
