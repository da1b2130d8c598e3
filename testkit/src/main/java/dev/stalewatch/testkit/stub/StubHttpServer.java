package dev.stalewatch.testkit.stub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A local HTTP server (WireMock) standing in for one endpoint of an external API, on a free port of
 * 127.0.0.1. Subclasses say what a correct answer looks like; this class adds the records of what arrived and
 * the knobs that make the answer late, failed or broken, so retry and error paths can be tested against the
 * production HTTP client.
 */
public abstract class StubHttpServer implements AutoCloseable {

    private final WireMockServer server;
    private final String path;
    private final ResponseKnobs knobs = new ResponseKnobs();

    private volatile Consumer<StubRequest> beforeAnswer = request -> { };

    protected StubHttpServer(String path) {
        this.path = path;
        this.server = new WireMockServer(options()
            .dynamicPort()
            .bindAddress("127.0.0.1")
            .extensions(new KnobbedAnswers()));
        server.start();
        server.stubFor(any(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200)));
    }

    /** The correct answer to one request, including the API's own refusals (bad key, missing field). */
    protected abstract StubAnswer answer(StubRequest request);

    /** The body the real API sends with an error status. */
    protected abstract StubAnswer errorAnswer(int status);

    /** Scheme, host and port, without a trailing slash: what a client's base-URL setting takes. */
    public String baseUrl() {
        return server.baseUrl();
    }

    /** The full URL of the stubbed endpoint. */
    public URI endpoint() {
        return URI.create(baseUrl() + path);
    }

    public int port() {
        return server.port();
    }

    // ---- knobs --------------------------------------------------------------------------------------

    /** Back to correct, prompt answers. */
    public void answerNormally() {
        knobs.normal();
    }

    /** Every request fails with this status and the API's error body, until {@link #answerNormally()}. */
    public void failWith(int status) {
        knobs.failAlways(status);
    }

    /** The next {@code count} requests fail with this status; later ones get the standing answer. */
    public void failNext(int count, int status) {
        knobs.failNext(count, status);
    }

    /**
     * Every error answer ({@link #failWith}, {@link #failNext}) from now on also carries this header, e.g.
     * {@code retry-after}, until {@link #answerNormally()}.
     */
    public void errorHeader(String name, String value) {
        knobs.errorHeader(name, value);
    }

    /** Every answer waits this long before it is sent (combine with any other knob). */
    public void delayAnswers(Duration delay) {
        knobs.delay(delay);
    }

    /** 200 with a body that is not JSON at all, as a misbehaving proxy might send. */
    public void answerMalformed() {
        knobs.mode(ResponseKnobs.Mode.MALFORMED);
    }

    /** 200 with the correct JSON cut off halfway. */
    public void answerTruncated() {
        knobs.mode(ResponseKnobs.Mode.TRUNCATED);
    }

    /** The connection is reset instead of answered. */
    public void dropConnections() {
        knobs.mode(ResponseKnobs.Mode.DROP_CONNECTION);
    }

    // ---- records ------------------------------------------------------------------------------------

    /** Every request that reached the endpoint, oldest first, answered or not. */
    public List<StubRequest> requests() {
        List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
        List<StubRequest> requests = new ArrayList<>();
        for (int i = events.size() - 1; i >= 0; i--) {
            LoggedRequest logged = events.get(i).getRequest();
            if (path.equals(URI.create(logged.getUrl()).getPath())) {
                requests.add(toStubRequest(logged));
            }
        }
        return requests;
    }

    /** Waits until at least {@code count} requests arrived (for clients that call asynchronously). */
    public List<StubRequest> awaitRequests(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<StubRequest> seen = requests();
        while (seen.size() < count && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(50));
            seen = requests();
        }
        if (seen.size() < count) {
            throw new AssertionError("expected " + count + " requests to " + endpoint() + " within " + timeout
                + " but " + seen.size() + " arrived");
        }
        return seen;
    }

    public void clearRequests() {
        server.resetRequests();
    }

    @Override
    public void close() {
        server.stop();
    }

    private static StubRequest toStubRequest(LoggedRequest logged) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpHeader header : logged.getHeaders().all()) {
            headers.put(header.key().toLowerCase(Locale.ROOT), List.copyOf(header.values()));
        }
        return new StubRequest(logged.getMethod().getName(), URI.create(logged.getUrl()).getPath(),
            Map.copyOf(headers), logged.getBodyAsString(),
            logged.getLoggedDate() == null ? null : logged.getLoggedDate().toInstant());
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs {@code action} on each request after the stub decided its answer and before a byte of it is sent:
     * a test can kill the client there, which then never learns that the request was accepted.
     */
    public void beforeEachAnswer(Consumer<StubRequest> action) {
        beforeAnswer = action;
    }

    private ResponseDefinition respond(StubRequest request) {
        ResponseKnobs.Decision decision = knobs.decide();
        ResponseDefinitionBuilder response = switch (decision.mode()) {
            case NORMAL -> toResponse(answer(request));
            case FAIL -> toResponse(withErrorHeaders(errorAnswer(decision.status())));
            case MALFORMED -> aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("<html><body>502 Bad Gateway</body></html>");
            case TRUNCATED -> truncated(answer(request));
            case DROP_CONNECTION -> aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER);
        };
        long delayMillis = knobs.delay().toMillis();
        if (delayMillis > 0) {
            response.withFixedDelay((int) delayMillis);
        }
        beforeAnswer.accept(request);
        return response.build();
    }

    private StubAnswer withErrorHeaders(StubAnswer error) {
        StubAnswer answer = error;
        for (Map.Entry<String, String> header : knobs.errorHeaders().entrySet()) {
            answer = answer.withHeader(header.getKey(), header.getValue());
        }
        return answer;
    }

    private static ResponseDefinitionBuilder truncated(StubAnswer whole) {
        StubAnswer cut = new StubAnswer(200, whole.contentType(), whole.body().substring(0, whole.body().length() / 2),
            whole.headers());
        return toResponse(cut);
    }

    private static ResponseDefinitionBuilder toResponse(StubAnswer answer) {
        ResponseDefinitionBuilder response = aResponse()
            .withStatus(answer.status())
            .withHeader("Content-Type", answer.contentType())
            .withBody(answer.body());
        answer.headers().forEach((name, value) -> response.withHeader(name, value));
        return response;
    }

    /** Routes every request of the stubbed path through the knobs and the subclass's answer. */
    private final class KnobbedAnswers implements ResponseDefinitionTransformerV2 {

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            LoggedRequest logged = serveEvent.getRequest();
            if (!path.equals(URI.create(logged.getUrl()).getPath())) {
                return serveEvent.getResponseDefinition();
            }
            return respond(toStubRequest(logged));
        }

        @Override
        public String getName() {
            return "stalewatch-knobbed-answers";
        }
    }
}
