package dev.stalewatch.snapshot.service;

import dev.stalewatch.events.VersionHash;
import dev.stalewatch.events.VersionObserved;
import dev.stalewatch.messaging.failure.PoisonRecordException;

/**
 * Under Stalewatch's own algorithm the hash is recomputed and must match: a mismatch means the
 * snapshot is not what produced the results (DESIGN.md §3). Other algorithms are taken on trust.
 */
public final class HashCheck {

    private HashCheck() {
    }

    public static void requireMatchingHash(VersionObserved report) {
        if (report.hasSource() && VersionHash.ALGORITHM.equals(report.hashAlgorithm())
                && !VersionHash.matches(report)) {
            throw new PoisonRecordException("versionHash " + report.versionHash() + " is not the "
                    + VersionHash.ALGORITHM + " hash of the reported source and deps (expected "
                    + VersionHash.compute(report) + ")");
        }
    }
}
