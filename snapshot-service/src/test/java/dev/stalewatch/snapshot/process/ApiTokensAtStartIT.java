package dev.stalewatch.snapshot.process;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.stalewatch.testkit.postgres.TestDatabase;
import dev.stalewatch.testkit.postgres.TestPostgres;

/**
 * Author names come from STALEWATCH_API_TOKENS and are bounded there ({@code [A-Za-z0-9_.@-]{1,64}}):
 * a name over the limit stops the packaged service at start, naming the entry by position and never
 * showing a token.
 */
class ApiTokensAtStartIT {

    @Test
    void anAuthorNameOverSixtyFourCharactersStopsTheServiceAtStartNamingTheEntry() {
        PackagedSnapshotService.createTopics();
        TestDatabase database = TestPostgres.freshDatabase(ApiTokensAtStartIT.class);
        String tooLong = "a".repeat(65);

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> PackagedSnapshotService.start("snapshot-service-bad-tokens", database, "snapshot-service",
                        Map.of("STALEWATCH_API_TOKENS", "alice:alice-secret-token," + tooLong + ":second-secret-token"))
                        .close());

        String message = refused.getMessage();
        assertTrue(message.contains("exited"), message);
        assertTrue(message.contains("STALEWATCH_API_TOKENS entry 2 has a name outside [A-Za-z0-9_.@-]{1,64}"), message);
        assertFalse(message.contains("second-secret-token") || message.contains("alice-secret-token"),
                "a token is in the log: " + message);
    }
}
