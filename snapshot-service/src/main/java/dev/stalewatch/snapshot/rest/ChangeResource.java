package dev.stalewatch.snapshot.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.stalewatch.snapshot.query.ChangeQuery;
import dev.stalewatch.snapshot.rest.dto.ChangeDetail;

/** GET /api/changes/{id}: both sources, the unified diff, the verdict and the history. */
@Path("/api/changes/{changeId}")
public class ChangeResource {

    @Inject
    ChangeQuery query;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public ChangeDetail change(@PathParam("changeId") String changeId) throws Exception {
        return query.find(changeId).orElseThrow(() -> new NotFoundProblem("no change " + changeId));
    }
}
