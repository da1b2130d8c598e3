package dev.stalewatch.snapshot.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import dev.stalewatch.events.WirePatterns;
import dev.stalewatch.snapshot.query.ResetPage;
import dev.stalewatch.snapshot.query.ResetQuery;

/**
 * The reset requests of a job, for pipelines without access to Kafka: poll with the {@code nextAfter}
 * of the previous answer. The same requests, with the same event ids, are on
 * {@code stalewatch.reset-requested.v1}.
 */
@Path("/api/resets")
@Produces(MediaType.APPLICATION_JSON)
public class ResetResource {

    private static final int MAX_LIMIT = 1000;

    @Inject
    ResetQuery resets;

    @GET
    @Operation(summary = "A job's reset requests after a cursor, oldest first",
            description = "Poll with after = the previous answer's nextAfter (0 at first). The same requests, with"
                    + " the same eventId, are published on stalewatch.reset-requested.v1.")
    @APIResponse(responseCode = "200", description = "the requests after the cursor (at most limit)")
    @APIResponse(responseCode = "400", description = "job missing or malformed, after or limit not a whole number in range")
    public ResetPage resets(@QueryParam("job") String job, @QueryParam("stage") String stage,
            @QueryParam("after") String after, @QueryParam("limit") String limit) throws Exception {
        RequestFields.requiredIdentifier("job", job, WirePatterns.NAME);
        RequestFields.identifier("stage", stage, WirePatterns.NAME);
        return resets.after(job, stage, RequestFields.wholeNumber("after", after, 0, 0, Long.MAX_VALUE),
                RequestFields.integer("limit", limit, 100, 1, MAX_LIMIT));
    }
}
