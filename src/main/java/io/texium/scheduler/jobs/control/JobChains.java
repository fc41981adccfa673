package io.texium.scheduler.jobs.control;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.platform.MongoStore;
import io.texium.scheduler.problems.FieldProblem;
import io.texium.scheduler.users.control.Users;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * The save-time rules of a job's chains ({@code on_success}, {@code on_failure}) that need the store: each id names a
 * job the chaining job's owner may see (their own; any job for an administrator), and the chains of all jobs,
 * with this job's new ones, make no cycle.
 */
@ApplicationScoped
public class JobChains {

    @Inject
    MongoStore store;

    @Inject
    Users users;

    /** A job as the chain rules see it: who owns it, its name, and the jobs it chains to (both lists). */
    record Link(String id, String userId, String name, List<String> next) {
    }

    /**
     * Adds a problem for each chained id that is not a job the owner can see (unknown, malformed and another user's
     * ids get the same answer, so an answer tells nothing of other users' jobs), and for a cycle through this job.
     *
     * @param mayName which jobs the caller may see by name in a cycle's description
     */
    void check(Job job, Predicate<Link> mayName, List<FieldProblem> problems) {
        Map<String, List<String>> lists = new java.util.LinkedHashMap<>();
        lists.put(JobPolicyFields.ON_SUCCESS, job.onSuccess() == null ? List.of() : job.onSuccess());
        lists.put(JobPolicyFields.ON_FAILURE, job.onFailure() == null ? List.of() : job.onFailure());
        if (lists.values().stream().allMatch(List::isEmpty) || next(job.onSuccess(), job.onFailure()).contains(job.id())) {
            return; // a chain to the job itself is refused without the store
        }
        Map<String, Link> named = load(lists.values().stream().flatMap(List::stream).collect(Collectors.toSet()));
        boolean admin = users.isAdmin(job.userId());
        int before = problems.size();
        lists.forEach((field, ids) -> {
            for (int i = 0; i < ids.size(); i++) {
                Link target = named.get(ids.get(i));
                if (!ids.get(i).equals(job.id()) && (target == null || !admin && !target.userId().equals(job.userId()))) {
                    problems.add(new FieldProblem(field + "[" + i + "]", "'" + shortened(ids.get(i))
                            + "' is not a job the owner of this job can see"));
                }
            }
        });
        if (problems.size() > before) {
            return; // a cycle through jobs the owner may not name is beside the point
        }
        var start = new Link(job.id(), job.userId(), job.name(), next(job.onSuccess(), job.onFailure()));
        cycle(start, this::load).ifPresent(cycle -> {
            String field = lists.get(JobPolicyFields.ON_SUCCESS).contains(cycle.get(1).id()) ? JobPolicyFields.ON_SUCCESS
                    : JobPolicyFields.ON_FAILURE;
            problems.add(new FieldProblem(field, "would make a cycle: " + cycle.stream()
                    .map(link -> mayName.test(link) ? link.name() + " (" + link.id() + ")" : "a job you cannot see")
                    .collect(Collectors.joining(" → "))));
        });
    }

    /**
     * The shortest cycle through {@code start} (first and last element), following each job's chains as
     * {@code load} reads them one breadth of the graph at a time; {@code start}'s own links are the ones given, not
     * the stored ones. Ids that {@code load} does not know (deleted jobs) lead nowhere.
     */
    static Optional<List<Link>> cycle(Link start, Function<Collection<String>, Map<String, Link>> load) {
        Map<String, Link> seen = new HashMap<>();
        Map<String, String> reachedFrom = new HashMap<>();
        seen.put(start.id(), start);
        List<Link> frontier = List.of(start);
        while (!frontier.isEmpty()) {
            Set<String> wanted = new LinkedHashSet<>();
            for (Link link : frontier) {
                for (String next : link.next()) {
                    if (next.equals(start.id())) {
                        return Optional.of(path(start, link, seen, reachedFrom));
                    }
                    if (!seen.containsKey(next) && reachedFrom.putIfAbsent(next, link.id()) == null) {
                        wanted.add(next);
                    }
                }
            }
            Map<String, Link> loaded = wanted.isEmpty() ? Map.of() : load.apply(wanted);
            List<Link> following = new ArrayList<>();
            for (String id : wanted) {
                Link link = loaded.get(id);
                if (link != null) {
                    seen.put(id, link);
                    following.add(link);
                }
            }
            frontier = following;
        }
        return Optional.empty();
    }

    private static List<Link> path(Link start, Link last, Map<String, Link> seen, Map<String, String> reachedFrom) {
        ArrayDeque<Link> path = new ArrayDeque<>();
        path.addFirst(start);
        for (Link at = last; at != start; at = seen.get(reachedFrom.get(at.id()))) {
            path.addFirst(at);
        }
        path.addFirst(start);
        return List.copyOf(path);
    }

    /** The chain links of the stored jobs with these ids, by id; malformed and unknown ids are left out. */
    private Map<String, Link> load(Collection<String> ids) {
        List<ObjectId> keys = ids.stream().filter(ObjectId::isValid).map(ObjectId::new).distinct().toList();
        Map<String, Link> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        for (Document d : collection().find(Filters.in("_id", keys))
                .projection(Projections.include("_id", "user_id", "name", JobPolicyFields.ON_SUCCESS, JobPolicyFields.ON_FAILURE))) {
            Job job = JobDocuments.job(d);
            found.put(job.id(), new Link(job.id(), job.userId(), job.name(), next(job.onSuccess(), job.onFailure())));
        }
        return found;
    }

    /** The stored jobs whose {@code on_success} or {@code on_failure} names the job. */
    List<Job> chainingTo(String jobId) {
        List<Job> chaining = new ArrayList<>();
        for (Document d : collection().find(Filters.or(Filters.eq(JobPolicyFields.ON_SUCCESS, jobId),
                Filters.eq(JobPolicyFields.ON_FAILURE, jobId)))) {
            chaining.add(JobDocuments.job(d));
        }
        return chaining;
    }

    /** The job as it will be once {@link #unchain} took the id out of its chains. */
    static Job without(Job job, String jobId) {
        return JobDocuments.copy(job).onSuccess(without(job.onSuccess(), jobId)).onFailure(without(job.onFailure(), jobId));
    }

    private static List<String> without(List<String> ids, String jobId) {
        if (ids == null) {
            return null;
        }
        List<String> rest = ids.stream().filter(id -> !id.equals(jobId)).toList();
        return rest.isEmpty() ? null : rest;
    }

    /**
     * Takes the id out of every job's chains, raising the version of each job changed (as every change of a job
     * does, so a fire is not claimed against the copy from before). One update per list: {@code $pull} fails on a
     * field that holds null rather than an array, so each update matches only the jobs whose list names the id.
     *
     * @param chaining the jobs found chaining to it before, read back after the change
     * @return those jobs as stored now
     */
    List<Job> unchain(String jobId, List<Job> chaining, Instant now) {
        for (String field : List.of(JobPolicyFields.ON_SUCCESS, JobPolicyFields.ON_FAILURE)) {
            collection().updateMany(Filters.eq(field, jobId), Updates.combine(Updates.pull(field, jobId),
                    Updates.inc("version", 1L), Updates.set("updated_at", Date.from(now))));
        }
        List<ObjectId> keys = chaining.stream().map(job -> new ObjectId(job.id())).toList();
        List<Job> stored = new ArrayList<>();
        collection().find(Filters.in("_id", keys)).forEach(d -> stored.add(JobDocuments.job(d)));
        return stored;
    }

    private MongoCollection<Document> collection() {
        return store.database().getCollection(JobDocuments.COLLECTION);
    }

    private static List<String> next(List<String> onSuccess, List<String> onFailure) {
        List<String> next = new ArrayList<>(onSuccess == null ? List.of() : onSuccess);
        next.addAll(onFailure == null ? List.of() : onFailure);
        return next;
    }

    private static String shortened(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
