package dev.stalewatch.triageservice.service;

import java.util.Optional;

import dev.stalewatch.events.Dep;
import dev.stalewatch.triage.CodeSnapshot;
import dev.stalewatch.triage.DepKind;
import dev.stalewatch.triage.Unit;
import dev.stalewatch.triageservice.client.SnapshotJson;

/** snapshot-service's JSON to triage-core's model; empty when the snapshot lacks a part triage needs. */
final class CodeSnapshots {

    private CodeSnapshots() {
    }

    static Optional<CodeSnapshot> of(SnapshotJson json) {
        if (json.language() == null || json.source() == null || json.source().text() == null) {
            return Optional.empty();
        }
        var deps = new java.util.ArrayList<dev.stalewatch.triage.Dep>();
        for (Dep dep : json.depsOrEmpty()) {
            if (dep == null || dep.name() == null || dep.kind() == null || dep.text() == null) {
                return Optional.empty();
            }
            deps.add(new dev.stalewatch.triage.Dep(dep.name(),
                    dep.kind() == dev.stalewatch.events.DepKind.CODE ? DepKind.CODE : DepKind.TEXT, dep.language(),
                    dep.text()));
        }
        return Optional.of(new CodeSnapshot(json.language(), new Unit(json.source().name(), json.source().text()), deps));
    }
}
