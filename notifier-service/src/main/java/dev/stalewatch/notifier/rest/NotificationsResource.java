package dev.stalewatch.notifier.rest;

import java.sql.SQLException;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.stalewatch.notifier.rest.dto.NotificationList;
import dev.stalewatch.notifier.service.NotificationQuery;
import dev.stalewatch.notifier.service.NotificationState;

/**
 * {@code GET /api/notifications?state=failed&limit=100}: what was pushed, what waits, what failed and why.
 * Parameters are taken as text and checked here, so a bad one is a 400 problem naming it (JAX-RS would
 * answer a non-numeric {@code limit} with 404).
 */
@Path("/api/notifications")
public class NotificationsResource {

    private static final int MAX_LIMIT = 1000;
    private static final int DEFAULT_LIMIT = 100;
    private static final int QUOTED_MAX = 40;

    @Inject
    NotificationQuery query;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public NotificationList list(@QueryParam("state") String state, @QueryParam("limit") String limit)
            throws SQLException {
        int pageSize = limit(limit);
        Optional<NotificationState> wanted = Optional.empty();
        if (state != null && !state.isBlank()) {
            wanted = Optional.of(NotificationState.parse(state).orElseThrow(() -> new BadQueryException(
                    "state must be one of digesting, pending, sent, failed; was " + quote(state))));
        }
        return new NotificationList(query.list(wanted, pageSize));
    }

    private static int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_LIMIT;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(limit.strip());
        } catch (NumberFormatException e) {
            throw new BadQueryException("limit must be a whole number between 1 and " + MAX_LIMIT + ", was "
                    + quote(limit));
        }
        if (parsed < 1 || parsed > MAX_LIMIT) {
            throw new BadQueryException("limit must be between 1 and " + MAX_LIMIT + ", was " + parsed);
        }
        return parsed;
    }

    /** Quoted and shortened, control characters as {@code ?}: a query can be long, the answer stays small. */
    private static String quote(String value) {
        String shown = value.codePointCount(0, value.length()) <= QUOTED_MAX ? value
                : value.substring(0, value.offsetByCodePoints(0, QUOTED_MAX)) + "…";
        return "\"" + shown.replaceAll("[\\p{Cntrl}\\p{Cs}]", "?") + "\"";
    }
}
