package io.texium.scheduler.jobs.control;

import io.texium.scheduler.jobs.spi.JobDefinition;
import io.texium.scheduler.jobs.spi.ScheduledJob;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Finds job classes among the CDI beans by their {@code job_class_string}: deploy a bean and it is there. */
@ApplicationScoped
public class JobCatalog {

    @Inject
    @Any
    Instance<ScheduledJob> beans;

    /** A job class as the API lists it. */
    public record JobType(String jobClassString, String name, String description, List<Argument> arguments) {
    }

    /** One argument a job class reads. */
    public record Argument(String name, String type, String description, boolean required) {
    }

    public List<JobType> all() {
        return beans.handlesStream()
                .map(h -> describe(h.getBean().getBeanClass()))
                .sorted(Comparator.comparing(JobType::jobClassString))
                .toList();
    }

    public Optional<JobType> find(String jobClassString) {
        return all().stream().filter(t -> t.jobClassString().equals(jobClassString)).findFirst();
    }

    /** A fresh instance of the job class; the caller destroys the handle after the run. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Optional<Instance.Handle<ScheduledJob>> instantiate(String jobClassString) {
        Optional<Class<?>> type = types.computeIfAbsent(jobClassString, this::typeOf);
        return type.map(c -> (Instance.Handle<ScheduledJob>) beans.select((Class) c).getHandle());
    }

    /** The bean class behind a job class string, looked up once per class string: the deployed beans do not change. */
    private Optional<Class<?>> typeOf(String jobClassString) {
        return beans.handlesStream()
                .<Class<?>>map(h -> h.getBean().getBeanClass())
                .filter(c -> classString(c).equals(jobClassString))
                .findFirst();
    }

    private final java.util.Map<String, Optional<Class<?>>> types = new java.util.concurrent.ConcurrentHashMap<>();

    private static JobType describe(Class<?> type) {
        var definition = type.getAnnotation(JobDefinition.class);
        if (definition == null) {
            return new JobType(type.getName(), type.getSimpleName(), "", List.of());
        }
        return new JobType(definition.value(), definition.name(), definition.description(),
                java.util.Arrays.stream(definition.arguments())
                        .map(a -> new Argument(a.name(), a.type(), a.description(), a.required()))
                        .toList());
    }

    private static String classString(Class<?> type) {
        var definition = type.getAnnotation(JobDefinition.class);
        return definition == null ? type.getName() : definition.value();
    }
}
