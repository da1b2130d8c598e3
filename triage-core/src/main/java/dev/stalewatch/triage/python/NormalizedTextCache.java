package dev.stalewatch.triage.python;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the normalized form of recently compared texts. The old side of a change is typically
 * compared again and again (every new version of a stage against the same representative), and
 * parsing through the native binding dominates the cost. Results are immutable, so sharing is safe.
 */
final class NormalizedTextCache {

    /** Either the normalized text or why the text cannot be proven; both are worth remembering. */
    record Entry(NormalizedText text, UnprovableException unprovable) {}

    private static final int MAX_TEXT_CHARS = 64 * 1024;

    private final Map<String, Entry> entries;

    NormalizedTextCache(int capacity) {
        this.entries = new LinkedHashMap<>(capacity * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > capacity;
            }
        };
    }

    NormalizedText normalize(String text) throws UnprovableException {
        if (text.length() > MAX_TEXT_CHARS) {
            return PythonParsing.normalize(text);
        }
        Entry entry;
        synchronized (entries) {
            entry = entries.get(text);
        }
        if (entry == null) {
            try {
                entry = new Entry(PythonParsing.normalize(text), null);
            } catch (UnprovableException e) {
                entry = new Entry(null, e);
            }
            synchronized (entries) {
                entries.put(text, entry);
            }
        }
        if (entry.unprovable() != null) {
            throw entry.unprovable();
        }
        return entry.text();
    }
}
