package dev.stalewatch.notifier.it;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

import dev.stalewatch.notifier.support.WebhookReceiver;

/** No Pushover account, the webhook channel on, and no digest window (each change pushed alone). */
public class NoCredentialsWithWebhookProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "stalewatch.notifier.pushover.token", "",
                "stalewatch.notifier.pushover.user", "",
                "stalewatch.notifier.webhook.url", WebhookReceiver.shared().url(),
                "stalewatch.notifier.digest.window", "PT0S");
    }
}
