package dev.stalewatch.ctl.client;

import com.fasterxml.jackson.databind.JsonNode;

/** A successful answer: the body as sent (for {@code --json}) and parsed. */
public record ApiResponse(int status, String body, JsonNode json) {}
