package dev.stalewatch.triageservice.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The part of snapshot-service's REST API triage reads. A null {@code authorization} sends no header.
 * Non-2xx answers arrive as {@link jakarta.ws.rs.WebApplicationException}s (the default mapper).
 */
@Produces(MediaType.APPLICATION_JSON)
public interface SnapshotServiceApi {

    @GET
    @Path("/api/snapshots/{job}/{stage}/{hash}")
    SnapshotJson snapshot(@HeaderParam("Authorization") String authorization, @PathParam("job") String job,
            @PathParam("stage") String stage, @PathParam("hash") String hash);

    @GET
    @Path("/api/changes/{changeId}")
    ChangeJson change(@HeaderParam("Authorization") String authorization, @PathParam("changeId") String changeId);

    /** Liveness of snapshot-service, for this service's readiness. */
    @GET
    @Path("/q/health/live")
    String live();
}
