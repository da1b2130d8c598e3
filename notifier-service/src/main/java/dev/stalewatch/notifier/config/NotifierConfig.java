package dev.stalewatch.notifier.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * notifier-service settings (docs/notifier.md lists the environment variables behind them).
 * Secrets live in {@link Pushover}; this interface is never logged.
 */
@ConfigMapping(prefix = "stalewatch.notifier")
public interface NotifierConfig {

    /** Names this service in dead-letter topics, advisory lock keys and client ids. */
    @WithDefault("notifier-service")
    String serviceName();

    /** Base of the links in pushes: {@code {publicUrl}/changes/{changeId}} (STALEWATCH_PUBLIC_URL). */
    String publicUrl();

    /** NO_BASELINE verdicts are listed by {@code jobctl stale} but pushed only when this is on. */
    @WithDefault("false")
    boolean pushNoBaseline();

    Digest digest();

    Pushover pushover();

    Webhook webhook();

    Delivery delivery();

    Consumers consumers();

    interface Digest {
        /** Semantic decisions of one job within this time from the first become one push; 0 sends each alone. */
        @WithDefault("PT30S")
        Duration window();
    }

    interface Pushover {
        /** STALEWATCH_PUSHOVER_BASE_URL; the API path {@code /1/messages.json} is appended. */
        @WithDefault("https://api.pushover.net")
        URI baseUrl();

        /** PUSHOVER_TOKEN; without token and user, pushes are only logged. */
        Optional<String> token();

        /** PUSHOVER_USER: the user or group key. */
        Optional<String> user();

        @WithDefault("0")
        int priority();

        Optional<String> device();

        Optional<String> sound();
    }

    interface Webhook {
        /** When set, every push is also POSTed there as JSON (STALEWATCH_NOTIFIER_WEBHOOK_URL). */
        Optional<URI> url();
    }

    interface Delivery {
        /** How often the worker looks for due deliveries and closed digest windows. */
        @WithDefault("PT0.25S")
        Duration pollInterval();

        @WithDefault("20")
        int batchSize();

        @WithDefault("PT5S")
        Duration connectTimeout();

        @WithDefault("PT10S")
        Duration readTimeout();

        /**
         * A delivery marked "sending" whose sender has not marked it within this time is taken to have
         * crashed and is sent again; keep it well above connect + read timeout.
         */
        @WithDefault("PT1M")
        Duration lease();

        @WithDefault("PT5S")
        Duration initialBackoff();

        @WithDefault("PT15M")
        Duration maxBackoff();

        /** A delivery still failing with retryable errors this long after it was queued is marked FAILED. */
        @WithDefault("P2D")
        Duration giveUpAfter();
    }

    interface Consumers {
        @WithDefault("notifier-service")
        String groupId();

        @WithDefault("PT0.5S")
        Duration pollTimeout();

        @WithDefault("PT0.2S")
        Duration initialBackoff();

        @WithDefault("PT30S")
        Duration maxBackoff();
    }
}
