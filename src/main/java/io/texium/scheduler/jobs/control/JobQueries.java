package io.texium.scheduler.jobs.control;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.platform.Page;
import io.texium.scheduler.platform.PageRequest;
import io.texium.scheduler.platform.Paging;
import io.texium.scheduler.users.control.InactiveUsers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.eclipse.jnosql.databases.mongodb.mapping.MongoDBTemplate;

/** Filtered reads of {@code scheduler_jobs}: lists, counts, and the jobs that should have a timer. */
@ApplicationScoped
public class JobQueries {

    @Inject
    MongoDBTemplate template;

    @Inject
    io.texium.scheduler.platform.MongoStore store;

    /**
     * The filters of a job list; null means "any". {@code name} matches exactly (the old API's filter), {@code search}
     * is a case-insensitive part of the name.
     */
    public record Filter(String userId, Boolean enabled, String name, Boolean paused, String search) {

        /** Owner, enabled and exact name only. */
        public Filter(String userId, Boolean enabled, String name) {
            this(userId, enabled, name, null, null);
        }

        /** Whether it filters by owner at most: every job (of that owner) matches. */
        boolean byOwnerOnly() {
            return enabled == null && name == null && paused == null && search == null;
        }

        boolean matches(String entryUser, boolean entryEnabled, String entryName, boolean entryPaused) {
            return (userId == null || userId.equals(entryUser)) && (enabled == null || enabled == entryEnabled)
                    && (name == null || name.equals(entryName)) && (paused == null || paused == entryPaused)
                    && (search == null || (entryName != null && entryName.toLowerCase(Locale.ROOT).contains(search.toLowerCase(Locale.ROOT))));
        }

        Bson toBson() {
            List<Bson> parts = new ArrayList<>();
            if (userId != null) {
                parts.add(Filters.eq("user_id", userId));
            }
            if (enabled != null) {
                parts.add(Filters.eq("is_enabled", enabled));
            }
            if (name != null) {
                parts.add(Filters.eq("name", name));
            }
            if (paused != null) {
                parts.add(Filters.eq("is_paused", paused));
            }
            if (search != null) {
                parts.add(Filters.regex("name", Pattern.compile(Pattern.quote(search), Pattern.CASE_INSENSITIVE)));
            }
            return parts.isEmpty() ? Filters.empty() : Filters.and(parts);
        }
    }

    @Inject
    JobIndex index;

    @Inject
    InactiveUsers inactiveUsers;

    /** A page of jobs, newest first: the ids from the in-memory index, the jobs by id from the store. */
    public Page<Job> list(Filter filter, PageRequest page) {
        if (!index.loaded()) {
            return Paging.find(template, Job.class, filter.toBson(), Sorts.descending("_id"), page);
        }
        Page<String> ids = index.ids(filter, page);
        Map<String, Job> found = byIds(ids.items());
        return new Page<>(ids.items().stream().map(found::get).filter(java.util.Objects::nonNull).toList(),
                ids.total(), ids.page(), ids.pageSize());
    }

    /**
     * The version of every enabled, unpaused job whose owner is active, by id: what a reconcile compares the armed
     * timers with. The inactive owners are read afresh from the store (and kept for the timers and the claims).
     */
    public Map<String, Long> activeVersions() {
        Map<String, Long> versions = new java.util.HashMap<>();
        for (org.bson.Document d : store.database().getCollection(JobDocuments.COLLECTION)
                .find(Filters.and(Filters.eq("is_enabled", true), Filters.eq("is_paused", false),
                        Filters.nin("user_id", inactiveUsers.reload())))
                .projection(com.mongodb.client.model.Projections.include("_id", "version"))) {
            Number version = d.get("version", Number.class);
            versions.put(d.getObjectId("_id").toHexString(), version == null ? 0L : version.longValue());
        }
        return versions;
    }

    /** Enabled, unpaused jobs: the ones that ought to have a timer while their schedule has fires left. */
    public List<Job> active() {
        return template.<Job>select(Job.class, Filters.and(Filters.eq("is_enabled", true), Filters.eq("is_paused", false)))
                .toList();
    }

    /** Enabled, unpaused jobs of one user (null: everyone's) whose owner is active: the ones that will fire. */
    public List<Job> firing(String userId) {
        List<Bson> parts = new ArrayList<>(List.of(Filters.eq("is_enabled", true), Filters.eq("is_paused", false)));
        if (userId != null) {
            parts.add(Filters.eq("user_id", userId));
        }
        List<Job> jobs = new ArrayList<>();
        for (org.bson.Document d : store.database().getCollection(JobDocuments.COLLECTION).find(Filters.and(parts))) {
            Job job = JobDocuments.job(d);
            if (!inactiveUsers.contains(job.userId())) {
                jobs.add(job);
            }
        }
        return jobs;
    }

    /** Every job of the user, in one query. */
    public List<Job> ownedBy(String userId) {
        List<Job> owned = new ArrayList<>();
        for (org.bson.Document d : store.database().getCollection(JobDocuments.COLLECTION).find(Filters.eq("user_id", userId))) {
            owned.add(JobDocuments.job(d));
        }
        return owned;
    }

    /** The jobs with these ids, by id, in one query. */
    public Map<String, Job> byIds(Collection<String> ids) {
        List<ObjectId> keys = ids.stream().filter(ObjectId::isValid).distinct().map(ObjectId::new).toList();
        if (keys.isEmpty()) {
            return Map.of();
        }
        Map<String, Job> found = new java.util.HashMap<>();
        for (org.bson.Document d : store.database().getCollection(JobDocuments.COLLECTION).find(Filters.in("_id", keys))) {
            Job job = JobDocuments.job(d);
            found.put(job.id(), job);
        }
        return found;
    }

    /** How many of a user's (or, for null, all) jobs have these flags (null: either). */
    public long count(String userId, Boolean enabled, Boolean paused) {
        if (index.loaded()) {
            return index.count(userId, enabled, paused);
        }
        Bson filter = new Filter(userId, enabled, null).toBson();
        return template.count(Job.class, paused == null ? filter : Filters.and(filter, Filters.eq("is_paused", paused)));
    }
}
