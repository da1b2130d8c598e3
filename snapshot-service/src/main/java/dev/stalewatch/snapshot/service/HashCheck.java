package dev.stalewatch.snapshot.service;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.stalewatch.events.Dep;
import dev.stalewatch.events.Source;
import dev.stalewatch.events.VersionHash;
import dev.stalewatch.events.VersionObserved;
import dev.stalewatch.messaging.failure.PoisonRecordException;

/**
 * Under Stalewatch's own algorithm the hash is recomputed and must match: a mismatch means the
 * snapshot is not what produced the results (docs/events.md). Other algorithms are taken on trust.
 *
 * <p>Most reports repeat a version already seen: their inputs are compared with those of the last
 * verified report of the same hash (string equality, far cheaper than SHA-256 over the source), and
 * only reports with new or different inputs are hashed. Equal inputs have the same hash, so this
 * skips no check. The remembered inputs are bounded by their total text length.
 */
@ApplicationScoped
public class HashCheck {

    /** Characters of remembered source and dep text; a few MB of heap. */
    static final long MEMORY_CHARS = 2_000_000;

    private record Inputs(String language, Source source, List<Dep> deps) {

        static Inputs of(VersionObserved report) {
            return new Inputs(report.language(), report.source(), report.deps() == null ? List.of() : report.deps());
        }

        long chars() {
            long chars = source.text() == null ? 0 : source.text().length();
            for (Dep dep : deps) {
                chars += dep.text() == null ? 0 : dep.text().length();
            }
            return chars;
        }
    }

    private final Map<String, Inputs> verified = new LinkedHashMap<>(256, 0.75f, true);
    private long rememberedChars;

    synchronized long rememberedChars() {
        return rememberedChars;
    }

    public void requireMatchingHash(VersionObserved report) {
        if (!report.hasSource() || !VersionHash.ALGORITHM.equals(report.hashAlgorithm())) {
            return;
        }
        Inputs inputs = Inputs.of(report);
        if (inputs.equals(rememberedFor(report.versionHash()))) {
            return;
        }
        String computed = VersionHash.compute(report);
        if (!computed.equals(report.versionHash())) {
            throw new PoisonRecordException("versionHash " + report.versionHash() + " is not the "
                    + VersionHash.ALGORITHM + " hash of the reported source and deps (expected " + computed + ")");
        }
        remember(report.versionHash(), inputs);
    }

    private synchronized Inputs rememberedFor(String hash) {
        return verified.get(hash);
    }

    private synchronized void remember(String hash, Inputs inputs) {
        long chars = inputs.chars();
        if (chars > MEMORY_CHARS / 4) {
            return;
        }
        Inputs replaced = verified.put(hash, inputs);
        rememberedChars += chars - (replaced == null ? 0 : replaced.chars());
        while (rememberedChars > MEMORY_CHARS) {
            Iterator<Inputs> eldest = verified.values().iterator();
            rememberedChars -= eldest.next().chars();
            eldest.remove();
        }
    }
}
