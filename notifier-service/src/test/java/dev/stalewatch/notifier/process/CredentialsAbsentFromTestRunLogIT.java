package dev.stalewatch.notifier.process;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.stalewatch.notifier.support.TestCredentials;

/**
 * Runs after the @QuarkusTest suite (failsafe follows surefire): its whole log, every push sent, retried
 * and refused, never shows the Pushover token or user key.
 */
class CredentialsAbsentFromTestRunLogIT {

    @Test
    void theQuarkusTestRunLogNeverContainsTheTokenOrUserKey() throws Exception {
        Path log = Path.of("target", "quarkus-test.log");
        assertTrue(Files.isRegularFile(log), "the @QuarkusTest run writes " + log.toAbsolutePath());
        String text = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(text.contains("sent pushover push"), "the log covers sent pushes");
        assertTrue(text.contains("refused for good"), "the log covers refused pushes");
        assertFalse(text.contains(TestCredentials.TOKEN), "the token leaked into " + log);
        assertFalse(text.contains(TestCredentials.USER), "the user key leaked into " + log);
    }
}
