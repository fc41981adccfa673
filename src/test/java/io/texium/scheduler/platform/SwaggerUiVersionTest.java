package io.texium.scheduler.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** {@code /docs} loads Swagger UI from the webjar in WEB-INF/lib by a path that names its version: the two agree. */
class SwaggerUiVersionTest {

    @Test
    void the_docs_page_names_the_webjar_version_the_war_ships() throws IOException {
        var pom = new Properties();
        try (var in = getClass().getResourceAsStream("/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            assertThat(in).as("org.webjars:swagger-ui on the class path").isNotNull();
            pom.load(in);
        }
        String version = pom.getProperty("version");
        String page = Files.readString(Path.of("src/main/webapp/docs/index.html"));
        assertThat(page).contains("webjars/swagger-ui/" + version + "/swagger-ui-bundle.js")
                .doesNotContainPattern("webjars/swagger-ui/(?!" + version.replace(".", "\\.") + "/)");
        assertThat(getClass().getResource("/META-INF/resources/webjars/swagger-ui/" + version + "/swagger-ui-bundle.js"))
                .isNotNull();
    }
}
