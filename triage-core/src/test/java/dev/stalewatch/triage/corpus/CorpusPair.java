package dev.stalewatch.triage.corpus;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** One labelled pair of the corpus; astEqual is CPython's verdict (ast.dump, Constant.kind cleared). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CorpusPair(String id, String kind, String intent, String old, String neu, boolean astEqual) {

    @com.fasterxml.jackson.annotation.JsonCreator
    static CorpusPair fromJson(
            @com.fasterxml.jackson.annotation.JsonProperty("id") String id,
            @com.fasterxml.jackson.annotation.JsonProperty("kind") String kind,
            @com.fasterxml.jackson.annotation.JsonProperty("intent") String intent,
            @com.fasterxml.jackson.annotation.JsonProperty("old") String old,
            @com.fasterxml.jackson.annotation.JsonProperty("new") String neu,
            @com.fasterxml.jackson.annotation.JsonProperty("astEqual") boolean astEqual) {
        return new CorpusPair(id, kind, intent, old, neu, astEqual);
    }
}
