package dev.stalewatch.notifier.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.stalewatch.notifier.client.ChangeSummary;

class PushComposerTest {

    private final PushComposer composer = new PushComposer("https://stalewatch.example/");

    @Test
    void oneChangeGetsTheSingleChangeTitleMessageAndLink() {
        ComposedPush push = composer.compose(List.of(change("c-1", "extract", "Prompt changed.", 1200)));

        assertEquals("jobs: vic_ideas/extract changed (semantic)", push.title());
        assertEquals("1200 stale items. Prompt changed.", push.message());
        assertEquals("https://stalewatch.example/changes/c-1", push.url());
        assertEquals("Review change", push.urlTitle());
    }

    @Test
    void aDigestNamesEveryStageBeforeTheReasonsSoTruncationCannotHideOne() {
        String longReason = "r".repeat(3000);
        ComposedPush push = composer.compose(List.of(change("c-1", "extract", longReason, 10),
                change("c-2", "score", longReason, 20), change("c-3", "rank", longReason, 30)));

        assertEquals("jobs: vic_ideas: 3 stages changed (semantic)", push.title());
        assertTrue(push.message().startsWith("Changed: extract, score, rank. 60 stale items.\nextract: rrr"));
        assertEquals(PushoverLimits.MESSAGE, push.message().length());
        assertEquals("https://stalewatch.example/changes/c-1", push.url());
    }

    @Test
    void everyFieldIsCutToPushoversLimitWithAnEllipsis() {
        String job = "j".repeat(128);
        String stage = "s".repeat(128);
        ComposedPush push = new PushComposer("https://x.example/" + "p".repeat(600))
                .compose(List.of(new ChangeSummary("c-1", job, stage, "a", "b", "LLM", "why", 1)));

        assertEquals(PushoverLimits.TITLE, push.title().length());
        assertTrue(push.title().endsWith("…"));
        assertEquals(PushoverLimits.URL, push.url().length());
    }

    @Test
    void truncationNeverSplitsASurrogatePair() {
        String emoji = "😀".repeat(1100); // 2 UTF-16 units each

        String cut = PushoverLimits.truncate(emoji, PushoverLimits.MESSAGE);

        assertEquals(PushoverLimits.MESSAGE, cut.codePointCount(0, cut.length()));
        assertTrue(cut.endsWith("😀…"));
        assertEquals("short", PushoverLimits.truncate("short", 10));
    }

    private static ChangeSummary change(String id, String stage, String reason, long stale) {
        return new ChangeSummary(id, "vic_ideas", stage, "5b0d77aa", "9a4e1c0b", "LLM", reason, stale);
    }
}
