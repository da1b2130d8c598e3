package dev.stalewatch.snapshot.query;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.stalewatch.events.StageKey;

/** Opaque page cursor: the last stage of the page, so the next page starts after it. */
public final class StageCursor {

    private StageCursor() {
    }

    public static String encode(StageKey last) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(last.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException for a cursor this service did not hand out */
    public static StageKey decode(String cursor) {
        try {
            return StageKey.parse(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cursor is not one this service handed out: " + cursor);
        }
    }
}
