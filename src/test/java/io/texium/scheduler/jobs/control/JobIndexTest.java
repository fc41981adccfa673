package io.texium.scheduler.jobs.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.platform.PageRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The in-memory job index answers lists and counts exactly as a walk over every job would, per owner too. */
class JobIndexTest {

    final JobIndex index = new JobIndex();
    /** What the index should hold, by id. */
    final Map<String, Job> jobs = new LinkedHashMap<>();

    void put(Job job) {
        index.put(job);
        jobs.put(job.id(), job);
    }

    void remove(String id) {
        index.remove(id);
        jobs.remove(id);
    }

    /** The page a walk over every job gives, newest (greatest id) first. */
    List<String> walk(JobQueries.Filter filter, PageRequest page) {
        return matching(filter).stream().skip((long) (page.page() - 1) * page.size()).limit(page.size()).toList();
    }

    List<String> matching(JobQueries.Filter filter) {
        return jobs.values().stream().filter(j -> filter.matches(j.userId(), j.enabled(), j.name(), j.paused()))
                .map(Job::id).sorted(Comparator.reverseOrder()).toList();
    }

    void assertSameAsAWalk() {
        for (String user : new String[] {null, "alice", "bob", "carol"}) {
            for (JobQueries.Filter filter : List.of(new JobQueries.Filter(user, null, null),
                    new JobQueries.Filter(user, true, null), new JobQueries.Filter(user, null, null, true, null),
                    new JobQueries.Filter(user, null, null, null, "JOB 1"))) {
                for (int page = 1; page <= 3; page++) {
                    var got = index.ids(filter, new PageRequest(page, 7));
                    assertThat(got.items()).as(filter + " page " + page).isEqualTo(walk(filter, new PageRequest(page, 7)));
                    assertThat(got.total()).as(filter + " total").isEqualTo(matching(filter).size());
                }
            }
            assertThat(index.count(user, null, null)).as("count of " + user).isEqualTo(matching(new JobQueries.Filter(user, null, null)).size());
            assertThat(index.count(user, true, false)).isEqualTo(matching(new JobQueries.Filter(user, true, null, false, null)).size());
        }
    }

    @Test
    void creates_changes_of_owner_and_flags_and_deletes_keep_every_list_and_count_exact() {
        Random random = new Random(7);
        String[] owners = {"alice", "bob", "carol"};
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String id = "%024x".formatted(i);
            ids.add(id);
            put(new Job().id(id).userId(owners[i % 3]).name("job " + i).enabled(i % 4 != 0).paused(i % 5 == 0));
        }
        assertSameAsAWalk();

        for (int step = 0; step < 500; step++) {
            String id = ids.get(random.nextInt(ids.size()));
            switch (random.nextInt(3)) {
                case 0 -> remove(id);
                case 1 -> put(new Job().id(id).userId(owners[random.nextInt(3)]).name("job " + step)
                        .enabled(random.nextBoolean()).paused(random.nextBoolean()));
                default -> put(new Job().id(id).userId(jobs.containsKey(id) ? jobs.get(id).userId() : "alice")
                        .name("renamed " + step).enabled(true).paused(false));
            }
        }
        assertSameAsAWalk();
    }

    @Test
    void removing_an_unknown_job_or_putting_one_twice_counts_it_once() {
        put(new Job().id("%024x".formatted(1)).userId("alice").name("a").enabled(true).paused(false));
        put(new Job().id("%024x".formatted(1)).userId("alice").name("a2").enabled(true).paused(false));
        remove("%024x".formatted(99));
        assertThat(index.count(null, null, null)).isEqualTo(1);
        assertThat(index.count("alice", null, null)).isEqualTo(1);
        assertThat(index.ids(new JobQueries.Filter(null, null, null), new PageRequest(1, 10)).total()).isEqualTo(1);
    }
}
