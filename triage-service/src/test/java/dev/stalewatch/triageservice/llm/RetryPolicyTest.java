package dev.stalewatch.triageservice.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryPolicyTest {

    private static Attempt status(int status) {
        return new Attempt.HttpError(status, "", Optional.empty());
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 409, 429, 500, 502, 503, 504, 529})
    void transientStatusesAreRetried(int status) {
        assertTrue(RetryPolicy.retryable(status(status)));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 413, 422})
    void otherClientErrorsAreNot(int status) {
        assertFalse(RetryPolicy.retryable(status(status)));
    }

    @Test
    void connectionErrorsAreRetriedButUnusableAnswersAndTimeoutsAreNot() {
        assertTrue(RetryPolicy.retryable(new Attempt.ConnectionError("reset")));
        assertFalse(RetryPolicy.retryable(new Attempt.Unusable("max_tokens")));
        assertFalse(RetryPolicy.retryable(new Attempt.TimedOut()));
    }

    @Test
    void backoffDoublesWithJitterUpToTheCap() {
        RetryPolicy lowest = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(5), () -> 0.0);
        RetryPolicy highest = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(5), () -> 0.999999);
        assertEquals(500, lowest.delayBefore(1, Optional.empty()).toMillis());
        assertEquals(999, highest.delayBefore(1, Optional.empty()).toMillis());
        assertEquals(1000, lowest.delayBefore(2, Optional.empty()).toMillis());
        assertEquals(3999, highest.delayBefore(3, Optional.empty()).toMillis());
        assertEquals(4999, highest.delayBefore(10, Optional.empty()).toMillis(), "capped at 5 s");
    }

    @Test
    void retryAfterWinsOverBackoff() {
        RetryPolicy policy = new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.5);
        assertEquals(Duration.ofSeconds(7), policy.delayBefore(1, Optional.of(Duration.ofSeconds(7))));
    }

    @Test
    void retryAfterIsReadAsMillisecondsSecondsOrHttpDate() {
        Instant now = Instant.parse("2026-11-27T10:00:00Z");
        assertEquals(Optional.of(Duration.ofMillis(1500)), RetryAfter.parse("1500", "9", now));
        assertEquals(Optional.of(Duration.ofSeconds(2)), RetryAfter.parse(null, "2", now));
        assertEquals(Optional.of(Duration.ofSeconds(30)), RetryAfter.parse(null, "Fri, 27 Nov 2026 10:00:30 GMT", now));
        assertEquals(Optional.empty(), RetryAfter.parse(null, "soon", now));
        assertEquals(Optional.empty(), RetryAfter.parse(null, null, now));
    }

    @Test
    void aHugeOrFarRetryAfterReadsAsTheCeilingWithoutOverflow() {
        Instant now = Instant.parse("2026-11-27T10:00:00Z");
        Optional<Duration> ceiling = Optional.of(RetryAfter.CEILING);
        assertEquals(ceiling, RetryAfter.parse(null, "99999999999", now));
        assertEquals(ceiling, RetryAfter.parse("99999999999999999999", null, now));
        assertEquals(ceiling, RetryAfter.parse("1e400", null, now), "infinite");
        assertEquals(ceiling, RetryAfter.parse(null, "Fri, 31 Dec 9999 23:59:59 GMT", now));
        assertEquals(Optional.of(Duration.ofHours(23)), RetryAfter.parse(null, String.valueOf(23 * 3600), now));
        assertEquals(Optional.empty(), RetryAfter.parse("NaN", "-5", now));
        // what LlmClient does with it: compare with the time left, which must not overflow
        assertTrue(RetryAfter.CEILING.compareTo(Duration.ofSeconds(120)) > 0);
        assertEquals(RetryAfter.CEILING.toNanos(), Duration.ofDays(1).toNanos());
    }
}
