package dev.stalewatch.snapshot.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** snapshot-service settings; see docs/operations.md. */
@ConfigMapping(prefix = "stalewatch.snapshot")
public interface SnapshotConfig {

    /** Names this service in dead-letter topics, consumer groups and advisory lock keys. */
    @WithDefault("snapshot-service")
    String serviceName();

    /** Largest accepted source + deps, in UTF-8 bytes. */
    @WithDefault("262144")
    int maxSourceBytes();

    /** {@code name:token,…} from {@code STALEWATCH_API_TOKENS}; see ApiTokens. */
    java.util.Optional<String> apiTokens();

    Consumers consumers();

    Outbox outbox();

    interface Consumers {
        /** Off only for tests that drive the services by hand. */
        @WithDefault("true")
        boolean enabled();

        @WithDefault("snapshot-service")
        String groupId();

        @WithDefault("PT0.5S")
        Duration pollTimeout();

        @WithDefault("PT0.2S")
        Duration initialBackoff();

        @WithDefault("PT30S")
        Duration maxBackoff();
    }

    interface Outbox {
        @WithDefault("500")
        int batchSize();

        /** Upper bound on the delay for rows another replica committed (their wake-up is not seen here). */
        @WithDefault("PT1S")
        Duration idleWait();

        @WithDefault("P7D")
        Duration retention();
    }
}
