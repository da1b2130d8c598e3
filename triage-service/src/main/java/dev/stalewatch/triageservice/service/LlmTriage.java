package dev.stalewatch.triageservice.service;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.stalewatch.events.VersionChanged;
import dev.stalewatch.triage.CodeSnapshot;
import dev.stalewatch.triage.Difference;
import dev.stalewatch.triageservice.client.SnapshotServiceClient;
import dev.stalewatch.triageservice.llm.LlmClient;
import dev.stalewatch.triageservice.llm.LlmOutcome;
import dev.stalewatch.triageservice.metrics.TriageMetrics;
import dev.stalewatch.triageservice.prompt.FenceBoundary;
import dev.stalewatch.triageservice.prompt.PromptInput;
import dev.stalewatch.triageservice.prompt.TriageAnswer;
import dev.stalewatch.triageservice.prompt.TriageAnswerParser;
import dev.stalewatch.triageservice.prompt.TriagePromptBuilder;
import dev.stalewatch.triageservice.prompt.UnusableAnswerException;
import dev.stalewatch.triageservice.store.SingleFlight;
import dev.stalewatch.triageservice.store.VerdictCacheRepository;

/**
 * The LLM step for a change the offline triage could not prove: the verdict cache first, then one
 * request per content pair across all replicas (single flight), and the safe side on any failure.
 */
@ApplicationScoped
public class LlmTriage {

    private final VerdictCacheRepository cache;
    private final SingleFlight singleFlight;
    private final SnapshotServiceClient snapshots;
    private final LlmClient llm;
    private final TriageMetrics metrics;
    private final TriagePromptBuilder prompts = new TriagePromptBuilder(FenceBoundary.random());

    @Inject
    public LlmTriage(VerdictCacheRepository cache, SingleFlight singleFlight, SnapshotServiceClient snapshots,
            LlmClient llm, TriageMetrics metrics) {
        this.cache = cache;
        this.singleFlight = singleFlight;
        this.snapshots = snapshots;
        this.llm = llm;
        this.metrics = metrics;
    }

    public Decision decide(VersionChanged change, CodeSnapshot oldVersion, CodeSnapshot newVersion,
            Optional<Difference> firstDifference) throws Exception {
        String key = CacheKey.of(oldVersion, newVersion);
        Optional<Decision> cached = cache.find(key);
        if (cached.isPresent()) {
            metrics.cacheHit();
            return cached.get();
        }
        if (!llm.configured()) {
            return askLlm(change, oldVersion, newVersion, firstDifference, Optional.empty());
        }
        Optional<String> diff = snapshots.diff(change.changeId());
        return singleFlight.underLock(key, () -> {
            // another replica may have answered while this one waited for the lock
            Optional<Decision> answeredMeanwhile = cache.find(key);
            if (answeredMeanwhile.isPresent()) {
                metrics.cacheHit();
                return answeredMeanwhile.get();
            }
            metrics.cacheMiss();
            Decision decision = askLlm(change, oldVersion, newVersion, firstDifference, diff);
            if (decision.method() == dev.stalewatch.events.Method.LLM) {
                cache.put(key, decision);
            }
            return decision;
        });
    }

    private Decision askLlm(VersionChanged change, CodeSnapshot oldVersion, CodeSnapshot newVersion,
            Optional<Difference> firstDifference, Optional<String> diff) {
        LlmOutcome outcome = llm.ask(prompts.build(new PromptInput(change.jobId(), change.stage(), oldVersion,
                newVersion, diff, firstDifference)));
        if (outcome instanceof LlmOutcome.Failure failure) {
            return Decision.fallback(failure.reason());
        }
        LlmOutcome.Answer answer = (LlmOutcome.Answer) outcome;
        try {
            TriageAnswer parsed = TriageAnswerParser.parse(answer.text());
            return Decision.byLlm(parsed.verdict(), answer.model(), JobNames.removeFrom(parsed.reason(), change.jobId()));
        } catch (UnusableAnswerException e) {
            return Decision.fallback(e.getMessage());
        }
    }
}
