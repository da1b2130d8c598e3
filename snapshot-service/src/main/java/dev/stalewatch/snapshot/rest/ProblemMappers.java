package dev.stalewatch.snapshot.rest;

import java.util.Map;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JacksonException;

import dev.stalewatch.events.EventValidationException;
import dev.stalewatch.messaging.failure.PoisonRecordException;
import dev.stalewatch.snapshot.decision.DecisionConflict;

/** Every error answers {@code application/problem+json}. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response invalidEvent(EventValidationException e) {
        return Problem.response(Response.Status.BAD_REQUEST, e.getMessage(), Map.of("field", e.path()));
    }

    @ServerExceptionMapper
    public Response rejected(PoisonRecordException e) {
        return Problem.response(Response.Status.BAD_REQUEST, e.getMessage());
    }

    @ServerExceptionMapper
    public Response badField(FieldProblem e) {
        return Problem.response(Response.Status.BAD_REQUEST, e.getMessage(), Map.of("field", e.field()));
    }

    @ServerExceptionMapper
    public Response badArgument(IllegalArgumentException e) {
        return Problem.response(Response.Status.BAD_REQUEST, e.getMessage());
    }

    @ServerExceptionMapper
    public Response unreadableBody(JacksonException e) {
        return Problem.response(Response.Status.BAD_REQUEST, "request body is not valid JSON: " + e.getOriginalMessage());
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundProblem e) {
        return Problem.response(Response.Status.NOT_FOUND, e.getMessage());
    }

    @ServerExceptionMapper
    public Response conflict(DecisionConflict e) {
        return Problem.response(Response.Status.CONFLICT, e.getMessage());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        Response.Status status = Response.Status.fromStatusCode(e.getResponse().getStatus());
        return Problem.response(status == null ? Response.Status.INTERNAL_SERVER_ERROR : status, e.getMessage());
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Exception e) {
        LOG.error("request failed", e);
        return Problem.response(Response.Status.INTERNAL_SERVER_ERROR,
                "internal error (" + e.getClass().getSimpleName() + "); see the service log");
    }
}
