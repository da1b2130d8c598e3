package dev.stalewatch.triageservice.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import dev.stalewatch.events.Dep;

/**
 * snapshot-service's read API on a local port (WireMock), answering the same JSON as the real
 * SnapshotResource and ChangeResource: what a test puts here is what triage-service reads.
 */
public final class SnapshotServiceStandIn implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer server;

    public SnapshotServiceStandIn() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(get(urlPathEqualTo("/q/health/live")).willReturn(okJson("{\"status\":\"UP\",\"checks\":[]}")));
        server.stubFor(get(urlPathMatching("/api/.*")).atPriority(100).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"detail\":\"not here\"}")));
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    public void put(String job, String stage, StageVersion version) {
        ObjectNode body = JSON.createObjectNode();
        body.put("jobId", job);
        body.put("stage", stage);
        body.put("versionHash", version.hash());
        body.put("hashAlgorithm", version.hashAlgorithm());
        body.put("language", version.language());
        body.putObject("source").put("name", version.source().name()).put("text", version.source().text());
        ArrayNode deps = body.putArray("deps");
        for (Dep dep : version.deps()) {
            ObjectNode node = deps.addObject().put("name", dep.name()).put("kind", dep.kind().wireName());
            if (dep.language() != null) {
                node.put("language", dep.language());
            }
            node.put("text", dep.text());
        }
        body.put("firstObservedAt", "2026-11-27T10:15:00Z");
        server.stubFor(get(urlPathEqualTo(snapshotPath(job, stage, version.hash()))).willReturn(okJson(body.toString())));
    }

    public void putDiff(String changeId, String diff) {
        ObjectNode body = JSON.createObjectNode();
        body.put("changeId", changeId);
        body.put("state", "TRIAGING");
        body.put("diff", diff);
        server.stubFor(get(urlPathEqualTo("/api/changes/" + changeId)).willReturn(okJson(body.toString())));
    }

    /** Every snapshot read of this job answers {@code status} until the returned mapping is removed. */
    public StubMapping failSnapshotsOf(String job, int status) {
        return server.stubFor(get(urlPathMatching("/api/snapshots/" + Pattern.quote(job) + "/.*")).atPriority(1)
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"status\":" + status + ",\"detail\":\"stand-in failure " + UUID.randomUUID() + "\"}")));
    }

    public void remove(StubMapping mapping) {
        server.removeStub(mapping);
    }

    public long snapshotReadsOf(String job) {
        return server.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().startsWith("/api/snapshots/" + job + "/"))
                .count();
    }

    public static String snapshotPath(String job, String stage, String hash) {
        return "/api/snapshots/" + job + "/" + stage + "/" + hash;
    }

    @Override
    public void close() {
        server.stop();
    }
}
