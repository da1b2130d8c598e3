package dev.stalewatch.triageservice.metrics;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import dev.stalewatch.events.Method;
import dev.stalewatch.events.Verdict;

/** The service's own meters, exported at /q/metrics. */
@ApplicationScoped
public class TriageMetrics {

    private final MeterRegistry registry;

    @Inject
    public TriageMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** One verdict decided (not counted again when a stored verdict is re-published). */
    public void decided(Method method, Verdict verdict) {
        registry.counter("stalewatch.triage.decisions", "method", method.name(), "verdict", verdict.name()).increment();
    }

    /** One HTTP request to the LLM, with what came of it ({@code answered}, {@code http_529}, {@code timeout}, ...). */
    public void llmRequest(String outcome, Duration latency) {
        registry.counter("stalewatch.triage.llm.requests", "outcome", outcome).increment();
        Timer.builder("stalewatch.triage.llm.latency").tag("outcome", outcome).register(registry).record(latency);
    }

    public void cacheHit() {
        registry.counter("stalewatch.triage.cache.hits").increment();
    }

    public void cacheMiss() {
        registry.counter("stalewatch.triage.cache.misses").increment();
    }
}
