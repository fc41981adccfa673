package io.texium.scheduler.platform;

import io.github.classgraph.ClassGraph;
import io.github.classgraph.ClassInfoList;
import io.github.classgraph.ScanResult;
import jakarta.data.repository.BasicRepository;
import jakarta.data.repository.CrudRepository;
import jakarta.data.repository.DataRepository;
import jakarta.data.repository.Repository;
import jakarta.nosql.Embeddable;
import jakarta.nosql.Entity;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.jnosql.mapping.NoSQLRepository;
import org.eclipse.jnosql.mapping.metadata.ClassScanner;

/**
 * Finds JNoSQL entities and repositories in this application's own package only. JNoSQL's default scanner
 * reads every class the server can see, which cost about nine seconds of each start on Payara Micro;
 * registered first through {@code META-INF/services}, this one takes a fraction of that.
 */
public final class ApplicationClassScanner implements ClassScanner {

    static final String ROOT_PACKAGE = "io.texium.scheduler";

    private final Set<Class<?>> entities;
    private final Set<Class<?>> embeddables;
    private final Set<Class<?>> repositories;
    private final Set<Class<?>> customRepositories;

    public ApplicationClassScanner() {
        ClassLoader loader = ApplicationClassScanner.class.getClassLoader();
        try (ScanResult scan = new ClassGraph().enableClassInfo().enableAnnotationInfo().enableExternalClasses()
                .overrideClasspath(classesRoot())
                .acceptPackages(ROOT_PACKAGE)
                .scan()) {
            entities = load(scan.getClassesWithAnnotation(Entity.class), loader);
            embeddables = load(scan.getClassesWithAnnotation(Embeddable.class), loader);
            // the Jakarta Data interfaces lie outside the scanned folder: their hierarchy is checked once loaded
            var annotated = load(scan.getClassesWithAnnotation(Repository.class).getInterfaces(), loader);
            repositories = annotated.stream().filter(DataRepository.class::isAssignableFrom)
                    .collect(Collectors.toUnmodifiableSet());
            customRepositories = annotated.stream().filter(c -> !DataRepository.class.isAssignableFrom(c))
                    .collect(Collectors.toUnmodifiableSet());
        }
        if (repositories.isEmpty()) {
            throw new IllegalStateException("no JNoSQL repository found under " + ROOT_PACKAGE + " at " + classesRoot());
        }
    }

    /** Where this application's classes are: WEB-INF/classes, or the jar holding them (servers differ in what a code source says). */
    static String classesRoot() {
        String self = ApplicationClassScanner.class.getName().replace('.', '/') + ".class";
        String url = ApplicationClassScanner.class.getClassLoader().getResource(self).toString();
        return url.substring(0, url.length() - self.length());
    }

    /** Loads the classes with the application's own loader, the one CDI sees them through. */
    private static Set<Class<?>> load(ClassInfoList classes, ClassLoader loader) {
        return classes.getNames().stream().map(name -> {
            try {
                return Class.forName(name, false, loader);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("cannot load " + name, e);
            }
        }).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public Set<Class<?>> entities() {
        return entities;
    }

    @Override
    public Set<Class<?>> repositories() {
        return repositories;
    }

    @Override
    public Set<Class<?>> embeddables() {
        return embeddables;
    }

    @Override
    public <T extends DataRepository<?, ?>> Set<Class<?>> repositories(Class<T> filter) {
        return repositories.stream()
                .filter(c -> Arrays.asList(c.getInterfaces()).contains(filter))
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public Set<Class<?>> repositoriesStandard() {
        var standard = List.of(CrudRepository.class, BasicRepository.class, NoSQLRepository.class, DataRepository.class);
        return repositories.stream()
                .filter(c -> Arrays.stream(c.getInterfaces()).anyMatch(standard::contains))
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public Set<Class<?>> customRepositories() {
        return customRepositories;
    }
}
