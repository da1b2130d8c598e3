package dev.stalewatch.snapshot.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.stalewatch.events.StageKey;
import dev.stalewatch.snapshot.query.ChangeQuery;
import dev.stalewatch.snapshot.rest.dto.SnapshotView;

/**
 * GET /api/snapshots/{job}/{stage}/{hash}. triage-service relies on the 404 for an unknown
 * version (NO_BASELINE); anything 5xx is an infrastructure failure to it.
 */
@Path("/api/snapshots/{job}/{stage}/{hash}")
public class SnapshotResource {

    @Inject
    ChangeQuery query;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public SnapshotView snapshot(@PathParam("job") String job, @PathParam("stage") String stage,
            @PathParam("hash") String hash) throws Exception {
        return query.snapshot(new StageKey(job, stage), hash).orElseThrow(
                () -> new NotFoundProblem("no snapshot of " + job + "/" + stage + " at " + hash));
    }
}
