package dev.stalewatch.triage.corpus;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One pair of the rule corpus built by triage-core/corpus/make_rule_corpus.py. ruleEqual is the
 * oracle's verdict (CPython's ast with the rules applied in Python); rules are the ones it needed.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record RulePair(String id, String rule, String kind, String intent, String old, String neu, boolean ruleEqual,
        List<String> rules) {

    @JsonCreator
    static RulePair fromJson(@JsonProperty("id") String id, @JsonProperty("rule") String rule,
            @JsonProperty("kind") String kind, @JsonProperty("intent") String intent, @JsonProperty("old") String old,
            @JsonProperty("new") String neu, @JsonProperty("ruleEqual") boolean ruleEqual,
            @JsonProperty("rules") List<String> rules) {
        return new RulePair(id, rule, kind, intent, old, neu, ruleEqual, rules == null ? List.of() : rules);
    }
}
