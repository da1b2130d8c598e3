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
        if (job == null || !WirePatterns.NAME.matcher(job).matches()) {
            throw new IllegalArgumentException("job is required and must match " + WirePatterns.NAME.pattern());
        }
        if (stage != null && !WirePatterns.NAME.matcher(stage).matches()) {
            throw new IllegalArgumentException("stage must match " + WirePatterns.NAME.pattern() + ", was '" + stage + "'");
        }
        return resets.after(job, stage, number("after", after, 0, 0, Long.MAX_VALUE),
                (int) number("limit", limit, 100, 1, MAX_LIMIT));
    }

    private static long number(String name, String value, long absent, long min, long max) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            long n = Long.parseLong(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max + ", was '"
                + value + "'");
    }
}
