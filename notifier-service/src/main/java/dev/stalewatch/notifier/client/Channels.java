package dev.stalewatch.notifier.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;

import dev.stalewatch.notifier.config.NotifierConfig;

/**
 * The channels this instance delivers on, decided once from configuration: Pushover (or its logging
 * stand-in when the credentials are missing) and, when a URL is set, the webhook.
 */
@ApplicationScoped
public class Channels {

    private static final Logger LOG = Logger.getLogger(Channels.class);

    private final Map<String, Channel> byName = new LinkedHashMap<>();

    @Inject
    public Channels(NotifierConfig config, PushoverAppLimits limits) {
        NotifierConfig.Pushover pushover = config.pushover();
        NotifierConfig.Delivery delivery = config.delivery();
        if (pushover.token().isPresent() && pushover.user().isPresent()) {
            PushoverClient client = restClient(pushover.baseUrl(), delivery).build(PushoverClient.class);
            add(new PushoverChannel(client, limits, pushover.token().get(), pushover.user().get(),
                    pushover.priority(), pushover.device(), pushover.sound()));
        } else {
            add(new LoggingPushoverChannel());
        }
        config.webhook().url().ifPresent(url -> add(new WebhookChannel(restClient(url, delivery).build(WebhookClient.class))));
        announce(pushover);
    }

    /** Every enabled channel; each push gets one delivery per channel. */
    public List<String> names() {
        return new ArrayList<>(byName.keySet());
    }

    public Optional<Channel> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    private void add(Channel channel) {
        byName.put(channel.name(), channel);
    }

    private static QuarkusRestClientBuilder restClient(java.net.URI baseUri, NotifierConfig.Delivery delivery) {
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(baseUri)
                .connectTimeout(delivery.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(delivery.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .disableDefaultMapper(true);
    }

    // says once at start what will happen to pushes; names missing settings, never their values
    private void announce(NotifierConfig.Pushover pushover) {
        if (byName.get(PushoverChannel.NAME) instanceof LoggingPushoverChannel) {
            List<String> missing = new ArrayList<>();
            if (pushover.token().isEmpty()) {
                missing.add("PUSHOVER_TOKEN");
            }
            if (pushover.user().isEmpty()) {
                missing.add("PUSHOVER_USER");
            }
            LOG.warnf("Pushover is not configured (%s not set): pushes are written to this log marked %s, not sent",
                    String.join(" and ", missing), LoggingPushoverChannel.MARK);
        } else {
            LOG.infof("Pushover pushes go to %s", pushover.baseUrl());
        }
        if (byName.containsKey(WebhookChannel.NAME)) {
            LOG.infof("Webhook channel enabled");
        }
    }
}
