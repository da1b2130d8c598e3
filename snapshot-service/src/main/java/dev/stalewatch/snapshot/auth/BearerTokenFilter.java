package dev.stalewatch.snapshot.auth;

import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.stalewatch.snapshot.rest.Problem;

/** Every mutation (any method but GET, HEAD, OPTIONS under /api) needs a named bearer token. */
public class BearerTokenFilter {

    private static final String BEARER = "Bearer ";

    @Inject
    Author author;

    private final ApiTokens tokens;

    @Inject
    public BearerTokenFilter(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @ServerRequestFilter
    public Optional<Response> authenticate(ContainerRequestContext request) {
        String method = request.getMethod();
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")
                || !request.getUriInfo().getPath().startsWith("/api/")) {
            return Optional.empty();
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.startsWith(BEARER)) {
            return Optional.of(unauthorized(tokens.isEmpty()
                    ? "no API tokens are configured (STALEWATCH_API_TOKENS), so changes are refused"
                    : "this request changes state and needs 'Authorization: Bearer <token>'"));
        }
        Optional<String> name = tokens.author(header.substring(BEARER.length()).trim());
        if (name.isEmpty()) {
            return Optional.of(unauthorized("the bearer token is not one of STALEWATCH_API_TOKENS"));
        }
        author.set(name.get());
        return Optional.empty();
    }

    private static Response unauthorized(String detail) {
        Response problem = Problem.response(Response.Status.UNAUTHORIZED, detail, Map.of());
        return Response.fromResponse(problem).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"stalewatch\"")
                .build();
    }
}
