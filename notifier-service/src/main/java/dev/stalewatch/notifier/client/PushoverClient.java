package dev.stalewatch.notifier.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Pushover's message API. Answers come back as a raw {@link Response} (the default exception mapper is off)
 * because a 4xx body carries Pushover's {@code errors}, and a 5xx body is whatever a proxy sends.
 */
@Path("/1/messages.json")
public interface PushoverClient {

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    Response send(Form form);
}
