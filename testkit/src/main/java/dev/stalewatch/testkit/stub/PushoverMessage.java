package dev.stalewatch.testkit.stub;

import java.util.Map;

/** One push as the Pushover stub received it, decoded from the form (or JSON) body. */
public record PushoverMessage(Map<String, String> fields, StubRequest raw) {

    public String field(String name) {
        return fields.get(name);
    }

    public String token() {
        return fields.get("token");
    }

    public String user() {
        return fields.get("user");
    }

    public String message() {
        return fields.get("message");
    }

    public String title() {
        return fields.get("title");
    }

    public String url() {
        return fields.get("url");
    }

    public String urlTitle() {
        return fields.get("url_title");
    }

    /** The priority sent, or null when the field was left out (Pushover then uses 0). */
    public Integer priority() {
        String priority = fields.get("priority");
        return priority == null ? null : Integer.valueOf(priority.trim());
    }
}
