package dev.stalewatch.e2e.fault;

/** What the LLM stub answers in the fault tests: every change that reaches it is semantic. */
final class Answers {

    static final String SEMANTIC = "{\"verdict\":\"semantic\",\"reason\":\"the sampling temperature changed\"}";

    private Answers() {
    }
}
