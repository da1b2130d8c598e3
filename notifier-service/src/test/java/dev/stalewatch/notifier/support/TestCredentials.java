package dev.stalewatch.notifier.support;

/**
 * The Pushover credentials every test run uses (also in application.properties under %test). Distinctive
 * strings, so a scan of the logs finds them if they ever leak.
 */
public final class TestCredentials {

    public static final String TOKEN = "aTstTokenQ7vX2mKp9LrW4sZ8nB3cD";
    public static final String USER = "uTstUserH5jN1qF6tY0eG9wR2kV7xM";

    private TestCredentials() {
    }
}
