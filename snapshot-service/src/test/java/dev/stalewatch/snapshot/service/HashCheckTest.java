package dev.stalewatch.snapshot.service;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.stalewatch.events.Dep;
import dev.stalewatch.events.Source;
import dev.stalewatch.events.VersionHash;
import dev.stalewatch.events.VersionObserved;
import dev.stalewatch.messaging.failure.PoisonRecordException;

class HashCheckTest {

    private static final List<Dep> DEPS = List.of(Dep.text("prompt.txt", "Summarise {x}."));

    private static VersionObserved report(String hash, String sourceText) {
        return new VersionObserved(UUID.randomUUID().toString(), 1, Instant.parse("2026-11-27T10:00:00Z"), "job",
                "stage", hash, VersionHash.ALGORITHM, "python", new Source("run", sourceText), DEPS,
                Map.of(hash, 1L), "w1");
    }

    private static String hashOf(String sourceText) {
        return VersionHash.compute("python", new Source("run", sourceText), DEPS);
    }

    @Test
    void aReportRepeatingAVerifiedHashWithOtherSourceIsStillRejected() {
        HashCheck check = new HashCheck();
        String hash = hashOf("def run():\n    return 1\n");
        check.requireMatchingHash(report(hash, "def run():\n    return 1\n"));

        assertDoesNotThrow(() -> check.requireMatchingHash(report(hash, "def run():\n    return 1\n")));
        assertThrows(PoisonRecordException.class,
                () -> check.requireMatchingHash(report(hash, "def run():\n    return 2\n")));
    }

    @Test
    void aWrongHashIsRejectedTheFirstTimeItIsSeen() {
        assertThrows(PoisonRecordException.class, () -> new HashCheck()
                .requireMatchingHash(report(hashOf("def run():\n    return 1\n"), "def run():\n    return 3\n")));
    }

    @Test
    void rememberedInputsStayWithinTheirBound() {
        HashCheck check = new HashCheck();
        String padding = "#".repeat(100_000);
        for (int i = 0; i < 60; i++) {
            String text = "def run():\n    return " + i + "\n" + padding + "\n";
            check.requireMatchingHash(report(hashOf(text), text));
        }
        assertTrue(check.rememberedChars() <= HashCheck.MEMORY_CHARS, "remembered " + check.rememberedChars());
        assertTrue(check.rememberedChars() > HashCheck.MEMORY_CHARS / 2, "still remembers recent inputs");
    }
}
