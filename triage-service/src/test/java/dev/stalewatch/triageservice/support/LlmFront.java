package dev.stalewatch.triageservice.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

/**
 * A pass-through in front of the testkit's Anthropic stub, for what the stub's knobs do not do: answer
 * only the next request itself with a 429 and {@code retry-after} (the API's rate-limit error body), or
 * a sequence of different failures; otherwise it forwards every request unchanged. (Headers on every
 * error answer are the stub's own {@code errorHeader} knob.)
 */
public final class LlmFront implements AutoCloseable {

    private final WireMockServer server;

    public LlmFront(String upstreamBaseUrl) {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(any(anyUrl()).atPriority(100).willReturn(aResponse().proxiedFrom(upstreamBaseUrl)));
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    /** The next request is answered 429 with {@code retry-after: seconds}; later ones pass through. */
    public StubMapping rateLimitOnce(int seconds) {
        server.resetScenarios();
        return server.stubFor(post(urlPathEqualTo("/v1/messages")).atPriority(1)
                .inScenario("rate-limit-once").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("passed")
                .willReturn(aResponse().withStatus(429).withHeader("retry-after", String.valueOf(seconds))
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\","
                                + "\"message\":\"Number of request tokens has exceeded your per-minute rate limit\"}}")));
    }

    /** The next requests fail with these statuses, one each, in order; later ones pass through. */
    public void failInOrder(int... statuses) {
        server.resetScenarios();
        String state = Scenario.STARTED;
        for (int i = 0; i < statuses.length; i++) {
            String next = "failed-" + (i + 1);
            server.stubFor(post(urlPathEqualTo("/v1/messages")).atPriority(1)
                    .inScenario("fail-in-order").whenScenarioStateIs(state).willSetStateTo(next)
                    .willReturn(aResponse().withStatus(statuses[i]).withHeader("Content-Type", "application/json")
                            .withBody("{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"front failure "
                                    + statuses[i] + "\"}}")));
            state = next;
        }
    }

    /** Back to passing everything through. */
    public void passThrough() {
        server.getStubMappings().stream().filter(m -> m.getPriority() != null && m.getPriority() == 1)
                .toList().forEach(server::removeStub);
        server.resetScenarios();
    }

    public void remove(StubMapping mapping) {
        server.removeStub(mapping);
    }

    /** Arrival times of the requests to /v1/messages, oldest first. */
    public List<Instant> messageRequestTimes() {
        return server.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().startsWith("/v1/messages"))
                .map(e -> e.getRequest().getLoggedDate().toInstant())
                .sorted(Comparator.naturalOrder())
                .toList();
    }

    public void clearRequests() {
        server.resetRequests();
    }

    @Override
    public void close() {
        server.stop();
    }
}
