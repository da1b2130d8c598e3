package dev.stalewatch.snapshot.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import dev.stalewatch.events.StageKey;
import dev.stalewatch.events.WirePatterns;
import dev.stalewatch.snapshot.auth.Author;
import dev.stalewatch.snapshot.decision.DecisionResult;
import dev.stalewatch.snapshot.decision.DecisionService;
import dev.stalewatch.snapshot.query.HistoryQuery;
import dev.stalewatch.snapshot.query.StageValidity;
import dev.stalewatch.snapshot.query.ValidityQuery;
import dev.stalewatch.snapshot.rest.dto.DecisionRequests;
import dev.stalewatch.snapshot.rest.dto.StageHistory;

/**
 * A person's decisions on one stage, its history, and which of its results are valid. Mutations need a
 * bearer token. Every field of a body is checked before anything is locked (RequestFields): a 400
 * problem names the field.
 */
@Path("/api/stages/{job}/{stage}")
@APIResponse(responseCode = "400", description = "a field is missing, malformed or too long; the problem body's"
        + " `field` names it")
@APIResponse(responseCode = "413", description = "the request body is larger than quarkus.http.limits.max-body-size"
        + " (2 MiB)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class StageResource {

    @Inject
    DecisionService decisions;
    @Inject
    HistoryQuery history;
    @Inject
    ValidityQuery validity;
    @Inject
    Author author;

    @POST
    @Path("bless")
    @APIResponse(responseCode = "200", description = "what the decision did")
    @APIResponse(responseCode = "400", description = "a field is missing, malformed or too long (a reason over "
            + RequestFields.MAX_REASON_CHARS + " characters, or with control characters); the problem body's"
            + " `field` names it")
    public DecisionResult bless(@PathParam("job") String job, @PathParam("stage") String stage,
            DecisionRequests.Bless body) throws Exception {
        require(body);
        RequestFields.requiredIdentifier("expectedCurrentHash", body.expectedCurrentHash(), WirePatterns.HASH);
        RequestFields.identifier("changeId", body.changeId(), WirePatterns.CHANGE_ID);
        RequestFields.text("reason", body.reason(), RequestFields.MAX_REASON_CHARS);
        return decisions.bless(key(job, stage), body.expectedCurrentHash(), body.changeId(), body.reason(),
                author.name());
    }

    @POST
    @Path("unbless")
    public DecisionResult unbless(@PathParam("job") String job, @PathParam("stage") String stage,
            DecisionRequests.Unbless body) throws Exception {
        require(body);
        RequestFields.identifier("changeId", body.changeId(), WirePatterns.CHANGE_ID);
        RequestFields.identifier("oldHash", body.oldHash(), WirePatterns.HASH);
        RequestFields.identifier("newHash", body.newHash(), WirePatterns.HASH);
        if (body.changeId() == null && (body.oldHash() == null || body.newHash() == null)) {
            throw new IllegalArgumentException("name the equivalence: {\"oldHash\",\"newHash\"} or {\"changeId\"}");
        }
        return decisions.unbless(key(job, stage), body.oldHash(), body.newHash(), body.changeId(), author.name());
    }

    @POST
    @Path("reset")
    public DecisionResult reset(@PathParam("job") String job, @PathParam("stage") String stage,
            DecisionRequests.Reset body) throws Exception {
        require(body);
        RequestFields.requiredIdentifier("expectedCurrentHash", body.expectedCurrentHash(), WirePatterns.HASH);
        return decisions.reset(key(job, stage), body.expectedCurrentHash(), author.name());
    }

    @POST
    @Path("retriage")
    public DecisionResult retriage(@PathParam("job") String job, @PathParam("stage") String stage,
            DecisionRequests.Retriage body) throws Exception {
        RequestFields.identifier("changeId", body == null ? null : body.changeId(), WirePatterns.CHANGE_ID);
        return decisions.retriage(key(job, stage), body == null ? null : body.changeId(), author.name());
    }

    @POST
    @Path("current")
    public DecisionResult current(@PathParam("job") String job, @PathParam("stage") String stage,
            DecisionRequests.Current body) throws Exception {
        require(body);
        RequestFields.requiredIdentifier("hash", body.hash(), WirePatterns.HASH);
        return decisions.current(key(job, stage), body.hash(), author.name());
    }

    /**
     * Which stored results of the stage are valid. Answers 304 to {@code If-None-Match} with the tag
     * of an unchanged answer, so a runner can ask at every start.
     */
    @GET
    @Path("validity")
    @Operation(summary = "Which stored results of the stage are valid",
            description = "The current hash, every hash of its equivalence class (identical, auto-blessed, blessed:"
                    + " their results are valid) and, for every known hash, its result count and state: VALID, STALE,"
                    + " TRIAGING, PENDING_DECISION or RESET_REQUESTED. Send the ETag back as If-None-Match: an"
                    + " unchanged answer is a 304.")
    @APIResponse(responseCode = "200", description = "the answer, with its ETag",
            content = @Content(schema = @Schema(implementation = StageValidity.class)))
    @APIResponse(responseCode = "304", description = "unchanged since the ETag sent as If-None-Match")
    @APIResponse(responseCode = "404", description = "the stage was never reported")
    public Response validity(@PathParam("job") String job, @PathParam("stage") String stage,
            @Context Request request) throws Exception {
        StageValidity answer = validity.of(key(job, stage))
                .orElseThrow(() -> new NotFoundProblem("no stage " + job + "/" + stage));
        EntityTag tag = new EntityTag(answer.tag());
        CacheControl revalidate = new CacheControl();
        revalidate.setNoCache(true);
        Response.ResponseBuilder unchanged = request.evaluatePreconditions(tag);
        if (unchanged != null) {
            return unchanged.tag(tag).cacheControl(revalidate).build();
        }
        return Response.ok(answer).tag(tag).cacheControl(revalidate).build();
    }

    @GET
    @Path("history")
    public StageHistory history(@PathParam("job") String job, @PathParam("stage") String stage) throws Exception {
        return history.of(key(job, stage)).orElseThrow(() -> new NotFoundProblem("no stage " + job + "/" + stage));
    }

    private static StageKey key(String job, String stage) {
        return StageKey.parse(job + "/" + stage);
    }

    private static void require(Object body) {
        if (body == null) {
            throw new IllegalArgumentException("a JSON body is required");
        }
    }
}
