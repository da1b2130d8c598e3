package dev.stalewatch.triageservice.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * triage-service settings (prefix {@code stalewatch.triage}; the environment variables of docs/operations.md
 * reach it through application.properties). See docs/triage.md.
 */
@ConfigMapping(prefix = "stalewatch.triage")
public interface TriageConfig {

    /** Names this service in dead-letter topics, consumer groups and advisory lock keys. */
    @WithDefault("triage-service")
    String serviceName();

    @WithDefault("262144")
    int maxSourceBytes();

    /**
     * The structural proof rules allowed beyond equal syntax trees: docstrings, javadoc, annotations,
     * local-renames, or none. Turn one off where a library reads it through code no change shows (PLY
     * docstrings, typer or beartype annotations configured elsewhere).
     */
    @WithDefault("docstrings,javadoc,annotations,local-renames")
    String proofRules();

    Consumers consumers();

    Outbox outbox();

    SnapshotService snapshotService();

    LlmConfig llm();

    Testing testing();

    interface Consumers {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("triage-service")
        String groupId();

        @WithDefault("PT0.5S")
        Duration pollTimeout();

        @WithDefault("PT0.5S")
        Duration initialBackoff();

        @WithDefault("PT30S")
        Duration maxBackoff();

        /**
         * Changes of one poll decided side by side: snapshot fetches, structural proofs and LLM calls
         * overlap. Bounded by {@code kafka.max.poll.records} (10) and by the datasource pool.
         */
        @WithDefault("4")
        int concurrentDecisions();
    }

    interface Outbox {
        @WithDefault("100")
        int batchSize();

        @WithDefault("PT1S")
        Duration idleWait();

        @WithDefault("P7D")
        Duration retention();
    }

    interface SnapshotService {
        /** Base URL of snapshot-service ({@code STALEWATCH_URL}). */
        String url();

        /** Bearer token ({@code STALEWATCH_TOKEN}); reads need none, but it is sent when set. */
        Optional<String> token();

        @WithDefault("PT2S")
        Duration connectTimeout();

        @WithDefault("PT10S")
        Duration readTimeout();
    }

    /** Hooks only tests set. */
    interface Testing {
        /**
         * Pause between storing a verdict and publishing it, so a test can kill the process in that
         * window. Zero in production.
         */
        @WithDefault("PT0S")
        Duration pauseBeforePublish();
    }
}
