package dev.stalewatch.triageservice.llm;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;

/** OpenAI-compatible chat completions, {@code POST /v1/chat/completions}; a null authorization sends none. */
@Path("/v1/chat/completions")
public interface OpenAiChatResource {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> create(@HeaderParam("Authorization") String authorization, String body);
}
