package dev.stalewatch.triageservice.llm;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;

/** Anthropic Messages API, {@code POST /v1/messages}; the body is JSON text built by {@link AnthropicMessagesClient}. */
@Path("/v1/messages")
public interface AnthropicMessagesResource {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> create(@HeaderParam("x-api-key") String apiKey,
            @HeaderParam("anthropic-version") String anthropicVersion, String body);
}
