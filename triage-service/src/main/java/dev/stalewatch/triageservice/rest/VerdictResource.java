package dev.stalewatch.triageservice.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.stalewatch.triageservice.store.StoredVerdict;
import dev.stalewatch.triageservice.store.VerdictRepository;

/** GET /api/verdicts/{changeId}: the stored verdict of the change's latest attempt. */
@Path("/api/verdicts/{changeId}")
public class VerdictResource {

    @Inject
    VerdictRepository verdicts;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public StoredVerdict latest(@PathParam("changeId") String changeId) throws Exception {
        return verdicts.latest(changeId).orElseThrow(() -> new NotFoundException("no verdict for change " + changeId));
    }
}
