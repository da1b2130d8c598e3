package dev.stalewatch.testkit.stub;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Decodes the fields of an {@code application/x-www-form-urlencoded} body, or of a flat JSON object. */
final class FormBody {

    private FormBody() {
    }

    static Map<String, String> decode(String contentType, String body) {
        if (contentType != null && contentType.toLowerCase().startsWith("application/json")) {
            return fromJson(body);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return fields;
        }
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            fields.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return fields;
    }

    private static Map<String, String> fromJson(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        JsonNode node = Json.read(body).orElse(Json.object());
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            fields.put(field.getKey(), field.getValue().asText());
        }
        return fields;
    }
}
