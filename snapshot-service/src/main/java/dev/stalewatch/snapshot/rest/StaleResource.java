package dev.stalewatch.snapshot.rest;

import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import dev.stalewatch.events.StageKey;
import dev.stalewatch.events.WirePatterns;
import dev.stalewatch.snapshot.query.SinceParser;
import dev.stalewatch.snapshot.query.StageCursor;
import dev.stalewatch.snapshot.query.StaleQuery;
import dev.stalewatch.snapshot.rest.dto.StaleReport;

/**
 * GET /api/stale: what a person has to decide, and what was decided for them. Every parameter is
 * taken as text and checked here, so a bad one is a 400 problem naming it (JAX-RS would answer a
 * non-numeric {@code limit} with 404).
 */
@Path("/api/stale")
public class StaleResource {

    static final int MAX_LIMIT = 1000;
    private static final int DEFAULT_LIMIT = 100;

    @Inject
    StaleQuery query;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "one page of stale stages, and what was auto-blessed")
    @APIResponse(responseCode = "400", description = "a parameter is malformed or out of range; the problem body's"
            + " `field` names it")
    public StaleReport stale(
            @Parameter(description = "how far back auto-blessed changes and older reports are listed: 30m, 24h, 7d"
                    + " or an ISO-8601 duration, at most 3650 days", schema = @Schema(type = SchemaType.STRING,
                            defaultValue = "24h", maxLength = 40))
            @QueryParam("since") String since,
            @Parameter(description = "only this job", schema = @Schema(type = SchemaType.STRING,
                    pattern = "[A-Za-z0-9_.-]{1,128}"))
            @QueryParam("job") String job,
            @Parameter(description = "stages per page", schema = @Schema(type = SchemaType.INTEGER, minimum = "1",
                    maximum = "1000", defaultValue = "100"))
            @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page")
            @QueryParam("cursor") String cursor) throws Exception {
        int pageSize = RequestFields.integer("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
        RequestFields.identifier("job", job, WirePatterns.NAME);
        Duration back;
        try {
            back = SinceParser.parse(since == null ? "24h" : since);
        } catch (IllegalArgumentException e) {
            throw new FieldProblem("since", e.getMessage());
        }
        StageKey after = null;
        if (cursor != null) {
            try {
                after = StageCursor.decode(cursor);
            } catch (IllegalArgumentException e) {
                throw new FieldProblem("cursor", "cursor is not one this service handed out: "
                        + RequestFields.quote(cursor));
            }
        }
        Instant from = Instant.now().minus(back);
        return query.stale(from, job, pageSize, after);
    }
}
