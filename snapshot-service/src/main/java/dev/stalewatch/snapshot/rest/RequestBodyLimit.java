package dev.stalewatch.snapshot.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The whole request body is bounded by {@code quarkus.http.limits.max-body-size}. Quarkus itself answers
 * a declared {@code Content-Length} over it with a bare 413 and no body; this route runs just before
 * that check and answers the same 413 with a problem body saying what the limit is, without reading
 * any of the body. A chunked body (no {@code Content-Length}) is still cut off by Quarkus at the
 * same size.
 */
@ApplicationScoped
public class RequestBodyLimit {

    void install(@Observes Router router,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        long limit = maxBodySize.asLongValue();
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(context -> check(context, limit));
    }

    private static void check(RoutingContext context, long limit) {
        long declared = declaredLength(context.request().getHeader(HttpHeaderNames.CONTENT_LENGTH));
        if (declared <= limit) {
            context.next();
            return;
        }
        Response.Status status = Response.Status.REQUEST_ENTITY_TOO_LARGE;
        String problem = "{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase() + "\",\"status\":"
                + status.getStatusCode() + ",\"detail\":\"the request body has " + declared + " bytes; at most "
                + limit + " are accepted (quarkus.http.limits.max-body-size)\",\"maxBodyBytes\":" + limit + "}";
        HttpServerResponse response = context.response().setStatusCode(status.getStatusCode())
                .putHeader(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (context.request().version() == HttpVersion.HTTP_2) {
            // the stream ends here; closing the connection would end every other stream on it
            response.end(Buffer.buffer(problem));
            return;
        }
        // HTTP/1.1: the rest of the body is not read, so the connection closes once answered, as Quarkus does
        response.putHeader(HttpHeaderNames.CONNECTION, "close")
                .endHandler(done -> context.request().connection().close())
                .end(Buffer.buffer(problem));
    }

    private static long declaredLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
