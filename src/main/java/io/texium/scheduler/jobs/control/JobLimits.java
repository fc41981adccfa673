package io.texium.scheduler.jobs.control;

import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.problems.FieldProblem;
import io.texium.scheduler.schedule.ScheduleSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How big the parts of a job a client sends may be. A schedule is parsed on every fire, list and reconcile, so a
 * schedule value is checked for its length and its list items <em>before</em> it is parsed (a 2 MB {@code second}
 * field took 1.7 s to parse); {@code pub_args} and {@code pub_kwargs} are stored in the job and copied into every
 * fire, so each is capped in its JSON size. Each limit is a config key, and a value past it is a 400 naming the field
 * and the key.
 */
@ApplicationScoped
public class JobLimits {

    static final String CHARS_KEY = "texium.limits.schedule-value-chars";
    static final String ITEMS_KEY = "texium.limits.schedule-list-items";
    static final String ARGS_KEY = "texium.limits.job-arguments-bytes";

    @Inject
    @ConfigProperty(name = CHARS_KEY, defaultValue = "256")
    int scheduleValueChars;

    @Inject
    @ConfigProperty(name = ITEMS_KEY, defaultValue = "100")
    int scheduleListItems;

    @Inject
    @ConfigProperty(name = ARGS_KEY, defaultValue = "65536")
    int argumentsBytes;

    public JobLimits() {
    }

    JobLimits(int scheduleValueChars, int scheduleListItems, int argumentsBytes) {
        this.scheduleValueChars = scheduleValueChars;
        this.scheduleListItems = scheduleListItems;
        this.argumentsBytes = argumentsBytes;
    }

    /**
     * Adds a problem for each schedule value longer than the limit, and for each cron field (or part of a crontab
     * line) with more comma-separated items than the limit.
     *
     * @return whether the schedule is within the limits, and so may be parsed
     */
    public boolean scheduleFits(ScheduleSpec spec, List<FieldProblem> problems) {
        int before = problems.size();
        for (Map.Entry<String, String> value : spec.byName().entrySet()) {
            String name = value.getKey();
            String text = value.getValue();
            if (text == null) {
                continue;
            }
            if (text.length() > scheduleValueChars) {
                problems.add(new FieldProblem(name, "is " + text.length() + " characters long; at most " + scheduleValueChars
                        + " are allowed (" + CHARS_KEY + ")"));
            } else if (ScheduleSpec.isField(name) || name.equals("cron")) {
                int items = mostItems(text, name.equals("cron"));
                if (items > scheduleListItems) {
                    problems.add(new FieldProblem(name, "has " + items + " comma-separated items; at most " + scheduleListItems
                            + " are allowed (" + ITEMS_KEY + ")"));
                }
            }
        }
        return problems.size() == before;
    }

    /** The items of a cron field, or of the part of a crontab line that has the most. */
    private static int mostItems(String text, boolean crontabLine) {
        if (!crontabLine) {
            return text.split(",", -1).length;
        }
        int most = 0;
        for (String part : text.strip().split("\\s+")) {
            most = Math.max(most, part.split(",", -1).length);
        }
        return most;
    }

    /** Adds a problem for an argument field whose JSON is larger than the limit, or that holds what cannot be kept. */
    void checkArguments(Job job, List<FieldProblem> problems) {
        checkSize("pub_args", job.pubArgs(), problems);
        checkSize("pub_kwargs", job.pubKwargs(), problems);
        JobArguments.check(job, problems);
    }

    private void checkSize(String field, Object value, List<FieldProblem> problems) {
        long bytes = JobArguments.jsonBytes(value, argumentsBytes);
        if (bytes > argumentsBytes) {
            problems.add(new FieldProblem(field, "is larger than " + argumentsBytes + " bytes as JSON (" + ARGS_KEY + ")"));
        }
    }
}
