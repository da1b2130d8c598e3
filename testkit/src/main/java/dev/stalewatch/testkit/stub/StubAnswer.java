package dev.stalewatch.testkit.stub;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a stub sends back for one request: status, body, and headers beyond Content-Type. */
public record StubAnswer(int status, String contentType, String body, Map<String, String> headers) {

    public static StubAnswer json(int status, String body) {
        return new StubAnswer(status, "application/json", body, Map.of());
    }

    public StubAnswer withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new StubAnswer(status, contentType, body, more);
    }
}
