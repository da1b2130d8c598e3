package dev.stalewatch.notifier.client;

import jakarta.ws.rs.core.Response;

/** The generic JSON webhook: 2xx delivered; 429, 5xx and connection failures retried; other 4xx refused. */
public final class WebhookChannel implements Channel {

    public static final String NAME = "webhook";
    private static final int SNIPPET = 200;

    private final WebhookClient client;

    public WebhookChannel(WebhookClient client) {
        this.client = client;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DeliveryOutcome send(OutgoingPush push) {
        try (Response response = client.post("stalewatch-push-" + push.pushId(), WebhookPayload.of(push))) {
            int status = response.getStatus();
            if (status >= 200 && status < 300) {
                return new DeliveryOutcome.Sent(null);
            }
            String body = response.hasEntity() ? response.readEntity(String.class) : "";
            String text = "HTTP " + status + (body.isBlank() ? "" : ": " + snippet(body));
            if (status >= 400 && status < 500 && status != 429) {
                return new DeliveryOutcome.Rejected(text);
            }
            return new DeliveryOutcome.RetryLater(text);
        } catch (RuntimeException e) {
            return new DeliveryOutcome.RetryLater("no answer from the webhook: " + ChannelErrors.describe(e));
        }
    }

    private static String snippet(String body) {
        String text = body.strip();
        return text.length() <= SNIPPET ? text : text.substring(0, SNIPPET) + "…";
    }
}
