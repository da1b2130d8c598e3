package dev.stalewatch.triageservice.prompt;

import java.security.SecureRandom;
import java.util.Collection;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * Picks the random word that opens and closes every fenced block of a prompt. It must not occur in
 * any fenced text, or that text could close its own fence and speak as the prompt; candidates that
 * occur are thrown away.
 */
public final class FenceBoundary {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_CANDIDATES = 1000;

    private final Supplier<String> candidates;

    public FenceBoundary(Supplier<String> candidates) {
        this.candidates = candidates;
    }

    /** Candidates are {@code SWDATA-} and 24 random hex digits. */
    public static FenceBoundary random() {
        return new FenceBoundary(() -> {
            byte[] bytes = new byte[12];
            RANDOM.nextBytes(bytes);
            return "SWDATA-" + HexFormat.of().formatHex(bytes);
        });
    }

    public String absentFrom(Collection<String> texts) {
        for (int i = 0; i < MAX_CANDIDATES; i++) {
            String candidate = candidates.get();
            if (texts.stream().noneMatch(text -> text != null && text.contains(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no fence boundary absent from the text after " + MAX_CANDIDATES + " tries");
    }
}
