package io.texium.scheduler.jobs.control;

import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.jobs.spi.Arguments;
import io.texium.scheduler.jobs.spi.JobDefinition;
import io.texium.scheduler.jobs.spi.ScheduledJob;
import io.texium.scheduler.platform.JsonValues;
import io.texium.scheduler.problems.FieldProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbProperty;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds job classes among the CDI beans by their {@code job_class_string} (deploy a bean and it is there), and
 * applies their descriptions to jobs: binds and checks arguments, masks the secret ones.
 */
@ApplicationScoped
public class JobCatalog {

    /** What a secret argument's value reads as in every answer; sent back unchanged, it keeps the stored value. */
    public static final String MASK = "********";

    @Inject
    @Any
    Instance<ScheduledJob> beans;

    private final Map<String, Optional<Class<?>>> types = new ConcurrentHashMap<>();
    private final Map<String, Optional<JobType>> described = new ConcurrentHashMap<>();

    /** A job class as the API lists it. */
    public record JobType(String jobClassString, String name, String description, List<Argument> arguments,
                          List<Object> examplePubArgs, Map<String, Object> examplePubKwargs, List<String> notes,
                          boolean adminOnly) {
    }

    /**
     * One argument a job class reads; {@code default} is the value taken when it is left out (null for none),
     * {@code minimum} and {@code maximum} bound a number (null for unbounded).
     */
    public record Argument(String name, String type, String description, boolean required,
                           @JsonbProperty("default") Object defaultValue, boolean secret, List<String> allowed,
                           Long minimum, Long maximum) {

        /** The bounds of a numeric argument, or null when it has none. */
        Arguments.Range range() {
            return minimum == null && maximum == null ? null : new Arguments.Range(
                    minimum == null ? Long.MIN_VALUE : minimum, maximum == null ? Long.MAX_VALUE : maximum);
        }
    }

    public List<JobType> all() {
        return beans.handlesStream()
                .map(h -> describe(h.getBean().getBeanClass()))
                .sorted(Comparator.comparing(JobType::jobClassString))
                .toList();
    }

    public Optional<JobType> find(String jobClassString) {
        if (jobClassString == null) {
            return Optional.empty();
        }
        return described.computeIfAbsent(jobClassString,
                s -> types.computeIfAbsent(s, this::typeOf).map(JobCatalog::describe));
    }

    /** A fresh instance of the job class; the caller destroys the handle after the run. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Optional<Instance.Handle<ScheduledJob>> instantiate(String jobClassString) {
        Optional<Class<?>> type = types.computeIfAbsent(jobClassString, this::typeOf);
        return type.map(c -> (Instance.Handle<ScheduledJob>) beans.select((Class) c).getHandle());
    }

    /** The job's arguments by the names its class gives them; what does not fit is left for the job to refuse. */
    public Arguments arguments(Job job) {
        return find(job.jobClassString())
                .map(t -> ArgumentBinder.bind(t, job.pubArgs(), job.pubKwargs()).arguments())
                .orElse(Arguments.EMPTY);
    }

    /**
     * What the job's class refuses in its arguments: what does not fit the description, and what the class itself
     * checks (on fields the description let through), so that a client sees every problem at once. Empty for an
     * unknown class (which is a problem of its own).
     */
    public List<FieldProblem> problems(Job job) {
        Optional<JobType> type = find(job.jobClassString());
        if (type.isEmpty()) {
            return List.of();
        }
        var handle = instantiate(job.jobClassString()).orElseThrow();
        try {
            return problems(type.get(), handle.get(), job.pubArgs(), job.pubKwargs());
        } finally {
            handle.destroy();
        }
    }

    /** What {@code job}'s class refuses in these arguments, as when a job naming it is saved. */
    public static List<FieldProblem> problems(ScheduledJob job, List<Object> args, Map<String, Object> kwargs) {
        return problems(describe(job.getClass()), job, args, kwargs);
    }

    private static List<FieldProblem> problems(JobType type, ScheduledJob job, List<Object> args, Map<String, Object> kwargs) {
        var bound = ArgumentBinder.bind(type, args, kwargs);
        List<FieldProblem> problems = new ArrayList<>(bound.problems());
        try {
            job.check(bound.arguments()).stream()
                    .filter(p -> problems.stream().noneMatch(known -> known.field().equals(p.field())))
                    .forEach(p -> problems.add(new FieldProblem(p.field(), p.reason())));
        } catch (IllegalArgumentException e) {
            // a typed getter met a value the description refuses: the binder has reported it
            if (problems.isEmpty()) {
                throw e;
            }
        }
        return problems;
    }

    public boolean adminOnly(String jobClassString) {
        return find(jobClassString).map(JobType::adminOnly).orElse(false);
    }

    /** The job's {@code pub_args} with each secret argument's value replaced by {@link #MASK}. */
    public List<Object> maskedArgs(Job job) {
        List<String> secrets = secretPositions(job.jobClassString());
        List<Object> args = new ArrayList<>(job.pubArgs());
        for (int i = 0; i < args.size() && i < secrets.size(); i++) {
            if (secrets.get(i) != null) {
                args.set(i, MASK);
            }
        }
        return args;
    }

    /** The job's {@code pub_kwargs} with each secret argument's value replaced by {@link #MASK}. */
    public Map<String, Object> maskedKwargs(Job job) {
        Map<String, Object> kwargs = new LinkedHashMap<>(job.pubKwargs());
        secretNames(job.jobClassString()).forEach(name -> kwargs.computeIfPresent(name, (k, v) -> MASK));
        return kwargs;
    }

    /** A secret argument that a client sent back as {@link #MASK} keeps the value {@code previous} holds. */
    public void keepSecrets(Job previous, Job job) {
        List<String> secrets = secretPositions(job.jobClassString());
        List<Object> args = new ArrayList<>(job.pubArgs());
        for (int i = 0; i < args.size() && i < secrets.size(); i++) {
            if (secrets.get(i) != null && MASK.equals(args.get(i)) && i < previous.pubArgs().size()) {
                args.set(i, previous.pubArgs().get(i));
            }
        }
        Map<String, Object> kwargs = new LinkedHashMap<>(job.pubKwargs());
        for (String name : secretNames(job.jobClassString())) {
            if (MASK.equals(kwargs.get(name)) && previous.pubKwargs().containsKey(name)) {
                kwargs.put(name, previous.pubKwargs().get(name));
            }
        }
        job.pubArgs(args).pubKwargs(kwargs);
    }

    private List<String> secretNames(String jobClassString) {
        return find(jobClassString).map(t -> t.arguments().stream().filter(Argument::secret).map(Argument::name).toList())
                .orElse(List.of());
    }

    /** By position, the secret argument's name, or null for one that is not secret. */
    private List<String> secretPositions(String jobClassString) {
        return find(jobClassString).map(t -> t.arguments().stream()
                        .filter(a -> !a.name().startsWith("*"))
                        .map(a -> a.secret() ? a.name() : null).toList())
                .orElse(List.of());
    }

    /** The bean class behind a job class string, looked up once per class string: the deployed beans do not change. */
    private Optional<Class<?>> typeOf(String jobClassString) {
        return beans.handlesStream()
                .<Class<?>>map(h -> h.getBean().getBeanClass())
                .filter(c -> classString(c).equals(jobClassString))
                .findFirst();
    }

    static JobType describe(Class<?> type) {
        var definition = type.getAnnotation(JobDefinition.class);
        if (definition == null) {
            return new JobType(type.getName(), type.getSimpleName(), "", List.of(), List.of(), Map.of(), List.of(), false);
        }
        return new JobType(definition.value(), definition.name(), definition.description(),
                Arrays.stream(definition.arguments()).map(JobCatalog::describe).toList(),
                JsonValues.list(JsonValues.parse(definition.exampleArgs()).asJsonArray()),
                JsonValues.map(JsonValues.object(definition.exampleKwargs())),
                List.of(definition.notes()), definition.adminOnly());
    }

    private static Argument describe(JobDefinition.Argument a) {
        Object defaultValue = a.defaultValue().isEmpty() ? null : JsonValues.toJava(JsonValues.parse(a.defaultValue()));
        return new Argument(a.name(), a.type(), a.description(), a.required(), defaultValue, a.secret(),
                List.of(a.allowed()), a.min() == Long.MIN_VALUE ? null : a.min(), a.max() == Long.MAX_VALUE ? null : a.max());
    }

    private static String classString(Class<?> type) {
        var definition = type.getAnnotation(JobDefinition.class);
        return definition == null ? type.getName() : definition.value();
    }
}
