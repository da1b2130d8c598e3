package dev.stalewatch.notifier.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** POSTs a push as JSON to the configured webhook URL (the client's base URI). */
public interface WebhookClient {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Response post(@HeaderParam("Idempotency-Key") String idempotencyKey, WebhookPayload payload);
}
