package dev.stalewatch.testkit.stub;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request as the stub received it, whatever the stub answered. Header names are lower case;
 * {@code receivedAt} is when it arrived (null only for a request not yet in the stub's journal).
 */
public record StubRequest(String method, String path, Map<String, List<String>> headers, String body,
        Instant receivedAt) {

    /** The first value of a header, or null; the name is matched case-insensitively. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
