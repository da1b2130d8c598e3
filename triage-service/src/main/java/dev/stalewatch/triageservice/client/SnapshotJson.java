package dev.stalewatch.triageservice.client;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import dev.stalewatch.events.Dep;
import dev.stalewatch.events.Source;

/** GET /api/snapshots/{job}/{stage}/{hash}: one stored version of a stage's code. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SnapshotJson(String jobId, String stage, String versionHash, String hashAlgorithm, String language,
        Source source, List<Dep> deps) {

    public List<Dep> depsOrEmpty() {
        return deps == null ? List.of() : deps;
    }
}
