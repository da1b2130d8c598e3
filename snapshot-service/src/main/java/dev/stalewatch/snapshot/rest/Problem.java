package dev.stalewatch.snapshot.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.Response;

/**
 * RFC 9457 problem bodies, sent as {@code application/problem+json}. Extension members (e.g.
 * {@code field}) sit beside the standard ones, as the RFC puts them.
 */
public final class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";

    private Problem() {
    }

    public static Response response(Response.Status status, String detail) {
        return response(status, detail, Map.of());
    }

    public static Response response(Response.Status status, String detail, Map<String, Object> extensions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", status.getReasonPhrase());
        body.put("status", status.getStatusCode());
        body.put("detail", detail);
        body.putAll(extensions);
        return Response.status(status).type(MEDIA_TYPE).entity(body).build();
    }
}
