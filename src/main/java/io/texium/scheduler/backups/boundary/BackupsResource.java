package io.texium.scheduler.backups.boundary;

import io.texium.scheduler.access.Caller;
import io.texium.scheduler.backups.control.BackupFormat;
import io.texium.scheduler.backups.control.Backups;
import io.texium.scheduler.backups.control.Manifest;
import io.texium.scheduler.backups.control.Restores;
import io.texium.scheduler.platform.ApiExamples;
import io.texium.scheduler.platform.JsonValues;
import io.texium.scheduler.problems.InvalidRequestException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The backups of the store, for administrators: list, make one now, download, restore. */
@Path("admin/backups")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "backups")
public class BackupsResource {

    @Inject
    Backups backups;

    @Inject
    Restores restores;

    @Inject
    Caller caller;

    /** The list of backups, newest first. */
    public record Listed(boolean success, List<Backups.Backup> data, int total) {
    }

    /** A backup just made. */
    public record Made(boolean success, String name, Manifest data) {
    }

    /** What a restore wrote. */
    public record RestoreAnswer(boolean success, Restores.Restored data) {
    }

    @GET
    @Operation(operationId = "listBackups", summary = "List the backups (admin only)",
            description = "Newest first: name, size, when made, and the manifest (documents per collection, SHA-256,"
                    + " schema version, instance).")
    @APIResponse(responseCode = "200", description = "The backups", content = @Content(mediaType = "application/json",
            examples = @ExampleObject(name = "200", value = ApiExamples.BACKUPS)))
    @APIResponse(responseCode = "403", description = "Not an admin (application/problem+json)")
    public Listed list() {
        caller.requireAdmin();
        var all = backups.list();
        return new Listed(true, all, all.size());
    }

    @POST
    @Operation(operationId = "createBackup", summary = "Make a backup now (admin only)",
            description = "Writes every Texium collection into texium-<UTC time>.jsonl.gz and answers its manifest. It"
                    + " deletes no older backup: the DataBackup job's keep argument does.")
    @APIResponse(responseCode = "201", description = "Made; Location names the download", content = @Content(
            mediaType = "application/json", examples = @ExampleObject(name = "201", value = ApiExamples.BACKUP_MADE)))
    @APIResponse(responseCode = "403", description = "Not an admin (application/problem+json)")
    public Response create(@Context UriInfo uri) {
        caller.requireAdmin();
        Manifest manifest = backups.create();
        return Response.created(uri.getBaseUriBuilder().path(BackupsResource.class).path(manifest.name()).build())
                .entity(new Made(true, manifest.name(), manifest)).build();
    }

    @GET
    @Path("{name}")
    @Produces({BackupFormat.CONTENT_TYPE, "application/problem+json"})
    @Operation(operationId = "downloadBackup", summary = "Download a backup (admin only)",
            description = "application/gzip, as an attachment. Only names of backups (texium-<yyyyMMdd'T'HHmmss'Z'>"
                    + ".jsonl.gz) are looked up; anything else is 404.")
    @APIResponse(responseCode = "200", description = "The gzip file: MongoDB Extended JSON (canonical), one line per document")
    @APIResponse(responseCode = "403", description = "Not an admin (application/problem+json)")
    @APIResponse(responseCode = "404", description = "No such backup (application/problem+json)")
    public Response download(@PathParam("name") String name) {
        caller.requireAdmin();
        var backup = backups.require(name);
        StreamingOutput body = out -> backups.download(backup.name(), out);
        return Response.ok(body, BackupFormat.CONTENT_TYPE).header("Content-Length", backup.size())
                .header("Content-Disposition", "attachment; filename=\"" + backup.name() + "\"").build();
    }

    @POST
    @Path("{name}/restore")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "restoreBackup", summary = "Restore a backup (admin only)",
            description = "mode replace: every backed-up collection is emptied and holds exactly the backup afterwards;"
                    + " merge: each document of the backup is written over the local one with its _id, other local"
                    + " documents stay. The SHA-256 is checked first, and the backup must be of the store's schema"
                    + " version (else 409, nothing written). Every instance then rebuilds its timers.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = {@ExampleObject(name = "merge", value = "{\"mode\": \"merge\"}"),
                    @ExampleObject(name = "replace", value = "{\"mode\": \"replace\"}")}))
    @APIResponse(responseCode = "200", description = "Restored: the documents written per collection",
            content = @Content(mediaType = "application/json",
                    examples = @ExampleObject(name = "200", value = ApiExamples.BACKUP_RESTORED)))
    @APIResponse(responseCode = "400", description = "mode missing or not merge/replace (application/problem+json)")
    @APIResponse(responseCode = "403", description = "Not an admin (application/problem+json)")
    @APIResponse(responseCode = "404", description = "No such backup (application/problem+json)")
    @APIResponse(responseCode = "409", description = "Damaged, or of another schema version (application/problem+json)")
    public RestoreAnswer restore(@PathParam("name") String name, String body) {
        caller.requireAdmin();
        Restores.Mode mode = mode(JsonValues.object(body));
        backups.require(name);
        return new RestoreAnswer(true, restores.restore(name, mode));
    }

    private static Restores.Mode mode(JsonObject body) {
        JsonValue value = body.get("mode");
        if (value instanceof JsonString s) {
            for (Restores.Mode mode : Restores.Mode.values()) {
                if (mode.value().equals(s.getString().trim().toLowerCase(Locale.ROOT))) {
                    return mode;
                }
            }
        }
        throw new InvalidRequestException("mode", "must be \"merge\" or \"replace\"");
    }
}
