package dev.stalewatch.notifier.rest;

import java.sql.SQLException;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.stalewatch.notifier.rest.dto.NotificationList;
import dev.stalewatch.notifier.service.NotificationQuery;
import dev.stalewatch.notifier.service.NotificationState;

/** {@code GET /api/notifications?state=failed&limit=100}: what was pushed, what waits, what failed and why. */
@Path("/api/notifications")
public class NotificationsResource {

    private static final int MAX_LIMIT = 1000;

    @Inject
    NotificationQuery query;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public NotificationList list(@QueryParam("state") String state, @QueryParam("limit") @DefaultValue("100") int limit)
            throws SQLException {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadQueryException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        Optional<NotificationState> wanted = Optional.empty();
        if (state != null && !state.isBlank()) {
            wanted = Optional.of(NotificationState.parse(state).orElseThrow(() -> new BadQueryException(
                    "state must be one of digesting, pending, sent, failed; was \"" + state + "\"")));
        }
        return new NotificationList(query.list(wanted, limit));
    }
}
