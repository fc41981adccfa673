package io.texium.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.classgraph.ClassGraph;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.junit.jupiter.api.Test;

/**
 * Everything the API allows can be done from the console: every operationId that a resource declares in
 * {@code @Operation(operationId = ...)} is named, as a string literal, by some page under
 * {@code src/main/webapp/js/pages/} (pages call the API only through {@code call('<operationId>', ...)}), or is
 * listed in {@code console/api-only.properties} as {@code operationId = reason}.
 */
class ConsoleCoverageTest {

    static final java.nio.file.Path PAGES = java.nio.file.Path.of("src/main/webapp/js/pages");

    static final java.nio.file.Path API_JS = java.nio.file.Path.of("src/main/webapp/js/api.js");

    /** One row of api.js's OPERATIONS table: {@code listJobs: ['GET', '/api/scheduler/jobs'],}. */
    static final Pattern TABLE_ROW = Pattern.compile("^\\s*(\\w+): \\['([A-Z]+)', '([^']+)'\\],", Pattern.MULTILINE);

    /** operationId -> the resource method that declares it, read by reflection over the JAX-RS resource classes. */
    static TreeMap<String, String> declaredOperations(List<String> withoutId) {
        var operations = new TreeMap<String, String>();
        try (var scan = new ClassGraph().enableClassInfo().enableAnnotationInfo().acceptPackages("io.texium.scheduler")
                .scan()) {
            for (Class<?> resource : scan.getClassesWithAnnotation(Path.class).loadClasses()) {
                for (Method method : resource.getDeclaredMethods()) {
                    if (!isResourceMethod(method)) {
                        continue;
                    }
                    Operation operation = method.getAnnotation(Operation.class);
                    String where = resource.getSimpleName() + "." + method.getName();
                    if (operation != null && operation.hidden()) {
                        continue;
                    }
                    if (operation == null || operation.operationId().isBlank()) {
                        withoutId.add(where);
                    } else {
                        operations.put(operation.operationId(), where);
                    }
                }
            }
        }
        return operations;
    }

    /** operationId -> "METHOD /api/path" of every resource method that declares one. */
    static TreeMap<String, String> declaredRoutes() {
        var routes = new TreeMap<String, String>();
        try (var scan = new ClassGraph().enableClassInfo().enableAnnotationInfo().acceptPackages("io.texium.scheduler")
                .scan()) {
            for (Class<?> resource : scan.getClassesWithAnnotation(Path.class).loadClasses()) {
                for (Method method : resource.getDeclaredMethods()) {
                    Operation operation = method.getAnnotation(Operation.class);
                    if (!isResourceMethod(method) || operation == null || operation.operationId().isBlank()) {
                        continue;
                    }
                    String verb = Stream.of(method.getAnnotations())
                            .map(a -> a.annotationType().getAnnotation(HttpMethod.class)).filter(java.util.Objects::nonNull)
                            .findFirst().orElseThrow().value();
                    Path sub = method.getAnnotation(Path.class);
                    String path = "/api/" + resource.getAnnotation(Path.class).value() + (sub == null ? "" : "/" + sub.value());
                    routes.put(operation.operationId(), verb + " " + path.replaceAll("/+", "/").replaceAll("/$", ""));
                }
            }
        }
        return routes;
    }

    private static boolean isResourceMethod(Method method) {
        return Stream.of(method.getAnnotations()).anyMatch(a -> a.annotationType().isAnnotationPresent(HttpMethod.class));
    }

    static String pagesText() throws IOException {
        var text = new StringBuilder();
        try (Stream<java.nio.file.Path> files = Files.list(PAGES)) {
            for (var file : files.filter(f -> f.toString().endsWith(".js")).sorted().toList()) {
                text.append(Files.readString(file)).append('\n');
            }
        }
        return text.toString();
    }

    static Properties apiOnly() throws IOException {
        var properties = new Properties();
        try (InputStream in = ConsoleCoverageTest.class.getResourceAsStream("/console/api-only.properties")) {
            assertThat(in).as("src/test/resources/console/api-only.properties").isNotNull();
            properties.load(in);
        }
        return properties;
    }

    @Test
    void every_operation_is_reached_from_a_console_page_or_listed_as_api_only_with_a_reason() throws IOException {
        List<String> withoutId = new ArrayList<>();
        var operations = declaredOperations(withoutId);
        assertThat(withoutId).as("resource methods without an operationId cannot be checked").isEmpty();
        assertThat(operations).as("operations found by reflection").hasSizeGreaterThan(40);

        String pages = pagesText();
        Properties apiOnly = apiOnly();
        Set<String> missing = new TreeSet<>();
        for (String id : operations.keySet()) {
            boolean named = Pattern.compile("['\"`]" + Pattern.quote(id) + "['\"`]").matcher(pages).find();
            if (!named && apiOnly.getProperty(id, "").isBlank()) {
                missing.add(id + " (" + operations.get(id) + ")");
            }
        }
        assertThat(missing).as("operations no console page calls (call('<operationId>', ...)) and not listed in "
                + "console/api-only.properties as 'operationId = reason'").isEmpty();
    }

    @Test
    void the_api_only_list_names_real_operations_each_with_a_reason() throws IOException {
        var operations = declaredOperations(new ArrayList<>());
        Properties apiOnly = apiOnly();
        for (String id : apiOnly.stringPropertyNames()) {
            assertThat(operations).as("api-only.properties names an operationId no resource declares").containsKey(id);
            assertThat(apiOnly.getProperty(id)).as("the reason for " + id).isNotBlank();
        }
    }

    @Test
    void the_console_calls_each_operation_with_its_method_and_path() throws IOException {
        var table = new TreeMap<String, String>();
        var row = TABLE_ROW.matcher(Files.readString(API_JS));
        while (row.find()) {
            table.put(row.group(1), row.group(2) + " " + row.group(3));
        }

        assertThat(table).as("api.js's OPERATIONS against the resources' @Path and HTTP method annotations")
                .isEqualTo(declaredRoutes());
    }
}
