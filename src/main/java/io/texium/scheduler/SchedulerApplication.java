package io.texium.scheduler;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The REST API root: every resource of the scheduler answers under {@code /api}. The OpenAPI document's tags and
 * security schemes are declared here, once; the shared schemas and answers in {@code META-INF/openapi.yaml}, and
 * {@code openapi.ApiDocumentFilter} gives every operation what they all share.
 */
@ApplicationPath("api")
@OpenAPIDefinition(info = @Info(title = "Texium Scheduler", version = "1.0",
        description = "Cron jobs backed by EJB calendar timers, persisted in MongoDB. "
                + "Paths and JSON follow the original scheduler service. Every operation needs credentials: "
                + "HTTP Basic (username and password) or an API token as 'Authorization: Bearer <token>'. "
                + "Errors are RFC 9457 application/problem+json."),
        // either scheme signs a call in: a client sends one of them
        security = {@SecurityRequirement(name = SchedulerApplication.BASIC), @SecurityRequirement(name = SchedulerApplication.BEARER)},
        tags = {
            @Tag(name = "jobs", description = "Scheduled jobs: create, list, change, pause, resume, run now, delete; "
                    + "the job classes on offer and a schedule's next fire times."),
            @Tag(name = "executions", description = "The runs of jobs: list, read (output, error, timings), cancel."),
            @Tag(name = "timers", description = "The EJB calendar timers behind the jobs, per instance (admin)."),
            @Tag(name = "dashboard", description = "Counts, rates, lag and lists for the console's dashboard."),
            @Tag(name = "stats", description = "Job and execution counts."),
            @Tag(name = "audit", description = "Who did what, newest first."),
            @Tag(name = "health", description = "The scheduler's health and metrics (admin)."),
            @Tag(name = "instances", description = "The scheduler instances sharing the store (admin)."),
            @Tag(name = "reports", description = "Reports made by the ReportGeneration job."),
            @Tag(name = "backups", description = "Backups of the store: list, make, download, restore (admin)."),
            @Tag(name = "users", description = "User accounts."),
            @Tag(name = "tokens", description = "A user's API tokens, sent as 'Authorization: Bearer <token>'."),
            @Tag(name = "session", description = "Signing in to the console: a short-lived session token."),
            @Tag(name = "servers", description = "The servers a team deploys to, and their checks.")})
@SecurityScheme(securitySchemeName = SchedulerApplication.BASIC, type = SecuritySchemeType.HTTP, scheme = "basic",
        description = "A user's username and password. Creating users, changing roles, passwords or the active flag, "
                + "and creating API tokens need it.")
@SecurityScheme(securitySchemeName = SchedulerApplication.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An API token (POST /api/users/{user_id}/tokens) or a console session token (POST /api/session).")
public class SchedulerApplication extends Application {

    /** The name of the HTTP Basic security scheme in the OpenAPI document. */
    public static final String BASIC = "basicAuth";

    /** The name of the Bearer (API token) security scheme in the OpenAPI document. */
    public static final String BEARER = "bearerAuth";
}
