package io.texium.scheduler.reports.boundary;

import io.texium.scheduler.access.Caller;
import io.texium.scheduler.platform.ApiExamples;
import io.texium.scheduler.platform.Envelopes;
import io.texium.scheduler.platform.PageRequest;
import io.texium.scheduler.reports.control.ReportFormat;
import io.texium.scheduler.reports.control.Reports;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The reports the ReportGeneration job stored: a user lists and downloads their own, an administrator anyone's. */
@Path("scheduler/reports")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "reports")
public class ReportsResource {

    /**
     * A downloaded HTML report is a document of our origin: sandboxed (no script, no same-origin rights) and allowed
     * to load nothing, besides being an attachment.
     */
    static final String HTML_POLICY = "sandbox; default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    @Inject
    Reports reports;

    @Inject
    Caller caller;

    @GET
    @Operation(operationId = "listReports", summary = "List the stored reports, newest first",
            description = "A user's own reports (those of their jobs); an administrator's list holds everyone's. Each"
                    + " names its format, size, job, period (since inclusive, until exclusive), rows and download path.")
    @APIResponse(responseCode = "200", description = "A page of reports", content = @Content(
            mediaType = "application/json", examples = @ExampleObject(name = "200", value = ApiExamples.REPORT_LIST)))
    @APIResponse(responseCode = "400", description = "page or page_size out of range (application/problem+json)")
    public Envelopes.Many<Reports.Report> list(@QueryParam("page") String page, @QueryParam("page_size") String pageSize) {
        PageRequest request = PageRequest.of(page, pageSize);
        return Envelopes.many(reports.list(caller.admin() ? null : caller.id(), request));
    }

    @GET
    @Path("{name}")
    @Produces({"text/csv", "text/html", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/problem+json"})
    @Operation(operationId = "downloadReport", summary = "Download a report",
            description = "As an attachment, with the content type of its format: text/csv; charset=utf-8 (RFC 4180),"
                    + " text/html; charset=utf-8 (sandboxed by Content-Security-Policy) or the xlsx type. Only report"
                    + " names (report-<yyyyMMdd'T'HHmmss'Z'>-<job>.<csv|html|xlsx>) are looked up; another user's report"
                    + " and anything else is 404.")
    @APIResponse(responseCode = "200", description = "The report file")
    @APIResponse(responseCode = "404", description = "No such report of yours (application/problem+json)")
    public Response download(@PathParam("name") String name) {
        var report = reports.require(name, caller.admin() ? null : caller.id());
        ReportFormat format = ReportFormat.of(report.format()).orElse(ReportFormat.CSV);
        StreamingOutput body = out -> reports.copy(report.name(), out);
        var answer = Response.ok(body, format.contentType()).header("Content-Length", report.size())
                .header("Content-Disposition", "attachment; filename=\"" + report.name() + "\"");
        if (format == ReportFormat.HTML) {
            answer.header("Content-Security-Policy", HTML_POLICY);
        }
        return answer.build();
    }
}
