package dev.stalewatch.notifier.client;

import java.util.Optional;

import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.Response;

/**
 * Pushover through the Quarkus REST client. Holds the token and user key and nothing prints them: they
 * appear only in the form body, which the client never logs, and in no message or exception text.
 */
public final class PushoverChannel implements Channel {

    public static final String NAME = "pushover";

    private final PushoverClient client;
    private final PushoverAppLimits limits;
    private final String token;
    private final String user;
    private final int priority;
    private final Optional<String> device;
    private final Optional<String> sound;

    public PushoverChannel(PushoverClient client, PushoverAppLimits limits, String token, String user, int priority,
            Optional<String> device, Optional<String> sound) {
        this.client = client;
        this.limits = limits;
        this.token = token;
        this.user = user;
        this.priority = priority;
        this.device = device;
        this.sound = sound;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DeliveryOutcome send(OutgoingPush push) {
        Form form = new Form()
                .param("token", token)
                .param("user", user)
                .param("message", push.message())
                .param("title", push.title())
                .param("url", push.url())
                .param("url_title", push.urlTitle())
                .param("priority", Integer.toString(priority));
        device.ifPresent(name -> form.param("device", name));
        sound.ifPresent(name -> form.param("sound", name));
        try (Response response = client.send(form)) {
            limits.record(response.getHeaderString("X-Limit-App-Limit"),
                    response.getHeaderString("X-Limit-App-Remaining"),
                    response.getHeaderString("X-Limit-App-Reset"));
            String body = response.hasEntity() ? response.readEntity(String.class) : "";
            return PushoverAnswer.classify(response.getStatus(), body);
        } catch (RuntimeException e) {
            // connection refused or reset, timeout: Pushover may come back
            return new DeliveryOutcome.RetryLater("no answer from Pushover: " + ChannelErrors.describe(e));
        }
    }

    @Override
    public String toString() {
        return "PushoverChannel[credentials hidden]";
    }
}
