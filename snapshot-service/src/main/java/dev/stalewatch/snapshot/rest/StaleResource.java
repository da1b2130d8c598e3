package dev.stalewatch.snapshot.rest;

import java.time.Instant;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.stalewatch.events.WirePatterns;
import dev.stalewatch.snapshot.query.SinceParser;
import dev.stalewatch.snapshot.query.StageCursor;
import dev.stalewatch.snapshot.query.StaleQuery;
import dev.stalewatch.snapshot.rest.dto.StaleReport;

/** GET /api/stale: what a person has to decide, and what was decided for them. */
@Path("/api/stale")
public class StaleResource {

    private static final int MAX_LIMIT = 1000;

    @Inject
    StaleQuery query;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public StaleReport stale(@QueryParam("since") @DefaultValue("24h") String since, @QueryParam("job") String job,
            @QueryParam("limit") @DefaultValue("100") int limit, @QueryParam("cursor") String cursor)
            throws Exception {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        if (job != null && !WirePatterns.NAME.matcher(job).matches()) {
            throw new IllegalArgumentException("job must match " + WirePatterns.NAME.pattern() + ", was '" + job + "'");
        }
        Instant from = Instant.now().minus(SinceParser.parse(since));
        return query.stale(from, job, limit, cursor == null ? null : StageCursor.decode(cursor));
    }
}
