package dev.stalewatch.notifier.client;

import org.jboss.logging.Logger;

/**
 * Stands in for Pushover when no credentials are configured (the one-machine stack): every push is
 * written to the log, clearly marked as not sent, and counts as delivered.
 */
public final class LoggingPushoverChannel implements Channel {

    private static final Logger LOG = Logger.getLogger(LoggingPushoverChannel.class);
    public static final String MARK = "[PUSHOVER NOT CONFIGURED - NOT SENT]";

    @Override
    public String name() {
        return PushoverChannel.NAME;
    }

    @Override
    public DeliveryOutcome send(OutgoingPush push) {
        LOG.infof("%s would push: title=\"%s\" message=\"%s\" url=%s", MARK, push.title(),
                push.message().replace("\n", "\\n"), push.url());
        return new DeliveryOutcome.Sent("logged-only");
    }
}
