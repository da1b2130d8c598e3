package dev.stalewatch.triageservice.support;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import dev.stalewatch.testkit.stub.AnthropicStub;
import dev.stalewatch.testkit.stub.OpenAiChatStub;

/**
 * Starts the Anthropic stub (behind {@link LlmFront}) and the snapshot-service stand-in, points the
 * application at them, and injects them into test fields of their types. Bounds and backoffs are short
 * so failure paths run in seconds.
 */
public class TriageStubsResource implements QuarkusTestResourceLifecycleManager {

    /** Looks like a real key so a leak into the log would be found by the log scan. */
    public static final String API_KEY = "sk-ant-api03-TESTKEY-4f9c1e0b7d2a-never-log-me";
    public static final String TOKEN = "triage-test-token";
    public static final String LOG_FILE = "target/triage-service-test.log";
    public static final int LLM_BOUND_SECONDS = 4;

    /** Init argument: {@code anthropic} (default) or {@code openai} for an OpenAI-compatible server. */
    public static final String LLM_ARG = "llm";

    private String llm = "anthropic";
    private AnthropicStub anthropic;
    private OpenAiChatStub openAi;
    private LlmFront front;
    private SnapshotServiceStandIn snapshots;

    @Override
    public void init(Map<String, String> initArgs) {
        llm = initArgs.getOrDefault(LLM_ARG, llm);
    }

    @Override
    public Map<String, String> start() {
        String llmBaseUrl;
        if ("openai".equals(llm)) {
            openAi = OpenAiChatStub.start();
            openAi.expectApiKey(API_KEY);
            llmBaseUrl = openAi.baseUrl();
        } else {
            anthropic = AnthropicStub.start();
            anthropic.expectApiKey(API_KEY);
            front = new LlmFront(anthropic.baseUrl());
            llmBaseUrl = front.baseUrl();
        }
        snapshots = new SnapshotServiceStandIn();
        return Map.ofEntries(
                Map.entry("stalewatch.triage.llm.provider", llm),
                Map.entry("stalewatch.triage.llm.base-url", llmBaseUrl),
                Map.entry("stalewatch.triage.llm.api-key", API_KEY),
                Map.entry("stalewatch.triage.llm.model", "claude-opus-5"),
                Map.entry("stalewatch.triage.llm.total-timeout", "PT" + LLM_BOUND_SECONDS + "S"),
                Map.entry("stalewatch.triage.llm.initial-backoff", "PT0.1S"),
                Map.entry("stalewatch.triage.llm.max-backoff", "PT0.5S"),
                Map.entry("stalewatch.triage.snapshot-service.url", snapshots.baseUrl()),
                Map.entry("stalewatch.triage.snapshot-service.token", TOKEN),
                Map.entry("stalewatch.triage.snapshot-service.read-timeout", "PT3S"),
                Map.entry("stalewatch.triage.consumers.initial-backoff", "PT0.2S"),
                Map.entry("stalewatch.triage.consumers.max-backoff", "PT1S"),
                Map.entry("stalewatch.triage.outbox.idle-wait", "PT0.2S"),
                Map.entry("quarkus.log.file.enabled", "true"),
                Map.entry("quarkus.log.file.path", LOG_FILE));
    }

    @Override
    public void inject(TestInjector injector) {
        if (anthropic != null) {
            injector.injectIntoFields(anthropic, new TestInjector.MatchesType(AnthropicStub.class));
            injector.injectIntoFields(front, new TestInjector.MatchesType(LlmFront.class));
        }
        if (openAi != null) {
            injector.injectIntoFields(openAi, new TestInjector.MatchesType(OpenAiChatStub.class));
        }
        injector.injectIntoFields(snapshots, new TestInjector.MatchesType(SnapshotServiceStandIn.class));
    }

    @Override
    public void stop() {
        if (anthropic != null) {
            anthropic.close();
        }
        if (openAi != null) {
            openAi.close();
        }
        if (front != null) {
            front.close();
        }
        if (snapshots != null) {
            snapshots.close();
        }
    }
}
