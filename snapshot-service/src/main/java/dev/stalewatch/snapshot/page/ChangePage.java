package dev.stalewatch.snapshot.page;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import dev.stalewatch.snapshot.query.ChangeQuery;
import dev.stalewatch.snapshot.rest.NotFoundProblem;
import dev.stalewatch.snapshot.rest.dto.ChangeDetail;

/**
 * The read-only page a push links to. Qute escapes every expression in an HTML template, which
 * matters here: source code is untrusted input.
 */
@Path("/changes/{changeId}")
public class ChangePage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance change(ChangeDetail change, List<DiffLine> diff);
    }

    @Inject
    ChangeQuery query;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(@PathParam("changeId") String changeId) throws Exception {
        ChangeDetail change = query.find(changeId).orElseThrow(() -> new NotFoundProblem("no change " + changeId));
        return Templates.change(change, DiffLine.of(change.diff()));
    }
}
