package dev.stalewatch.snapshot.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.stalewatch.events.Verdict;

/** A verdict applies only to a change in TRIAGING with the same attempt. */
@QuarkusTest
@SnapshotServiceTestResources
class VerdictTest {

    @Inject
    DataSource dataSource;

    private final String a = StageScenario.hashOf(1);
    private final String b = StageScenario.hashOf(2);

    @Test
    void aVerdictForAnotherAttemptIsIgnored() throws Exception {
        StageScenario s = new StageScenario("attempt", dataSource);
        String changeId = openChange(s);

        s.publish(s.verdict(changeId, 2, Verdict.COSMETIC, a, b));
        s.publish(s.verdict("c-999999", 1, Verdict.COSMETIC, a, b));
        // A later valid verdict proves the earlier ones were consumed, and ignored.
        s.publish(s.verdict(changeId, 1, Verdict.SEMANTIC, a, b));

        StageScenario.await("pending", () -> "PENDING".equals(s.change(changeId).getString("state")));
        assertEquals("SEMANTIC", s.change(changeId).getString("verdict"));
        assertEquals(0, s.count("SELECT count(*) FROM snapshot.equivalence WHERE job_id = '" + s.jobId + "'"));
    }

    @Test
    void aVerdictForAChangeNoLongerTriagingIsIgnored() throws Exception {
        StageScenario s = new StageScenario("decided", dataSource);
        String changeId = openChange(s);
        s.publish(s.verdict(changeId, 1, Verdict.SEMANTIC, a, b));
        StageScenario.await("pending", () -> "PENDING".equals(s.change(changeId).getString("state")));

        s.publish(s.verdict(changeId, 1, Verdict.COSMETIC, a, b));
        s.publish(s.report(1, 30, Map.of(a, 31L)));
        StageScenario.await("the later report applied", () -> s.staleItems() == 31);

        assertEquals("PENDING", s.change(changeId).getString("state"));
        assertEquals(2, s.change(changeId).getList("history").size(), "TRIAGING, PENDING and nothing else");
    }

    private String openChange(StageScenario s) throws Exception {
        s.publish(s.report(1, 0, Map.of(a, 30L)));
        s.publish(s.report(2, 10, Map.of(a, 30L)));
        StageScenario.await("A->B open", () -> s.openChangeFrom(a) != null);
        return (String) s.openChangeFrom(a).get("changeId");
    }
}
