package dev.stalewatch.triageservice.llm;

import java.time.Duration;
import java.util.Optional;

/** What one HTTP request to an LLM API came to. */
public sealed interface Attempt {

    /** The API finished its turn and sent this text. */
    record Answered(String text, String model) implements Attempt {
    }

    /** 200, but no usable turn: truncated, refused, malformed body. Asking again would not help. */
    record Unusable(String why) implements Attempt {
    }

    /** An HTTP error status with the API's message and its {@code retry-after}, if any. */
    record HttpError(int status, String message, Optional<Duration> retryAfter) implements Attempt {
    }

    /** No HTTP answer at all: refused or reset connection. */
    record ConnectionError(String message) implements Attempt {
    }

    /** No answer before this attempt's share of the total time bound ran out. */
    record TimedOut() implements Attempt {
    }
}
