package io.texium.scheduler;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/** The REST API root: every resource of the scheduler answers under {@code /api}. */
@ApplicationPath("api")
@OpenAPIDefinition(info = @Info(title = "Texium Scheduler", version = "1.0",
        description = "Cron jobs backed by EJB calendar timers, persisted in MongoDB. "
                + "Paths and JSON follow the original scheduler service."))
public class SchedulerApplication extends Application {
}
