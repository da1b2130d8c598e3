package dev.stalewatch.snapshot.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.stalewatch.events.ChangeDecided;
import dev.stalewatch.events.ChangeState;
import dev.stalewatch.events.Topics;
import dev.stalewatch.events.Verdict;
import dev.stalewatch.events.VersionChanged;

/** The classes and changes of docs/architecture.md end to end: classes, representatives, deploys, verdicts, obsolescence. */
@QuarkusTest
@SnapshotServiceTestResources
class ClassesAndChangesTest {

    @Inject
    DataSource dataSource;

    private final String a = StageScenario.hashOf(1);
    private final String b = StageScenario.hashOf(2);
    private final String c = StageScenario.hashOf(3);

    @Test
    void eachOldClassGetsAChangeAndCosmeticVerdictsClearItsStaleItems() throws Exception {
        StageScenario s = new StageScenario("abc", dataSource);
        s.publish(s.report(3, 30, Map.of(c, 5L)));
        s.publish(s.report(1, 10, Map.of(c, 5L)));
        s.publish(s.report(2, 20, Map.of(c, 5L)));
        s.publish(s.histogramOnly(3, 40, Map.of(a, 100L, b, 20L, c, 5L)));
        StageScenario.await("two changes", () -> s.openChanges().size() == 2);
        assertEquals(120, s.staleItems());
        assertEquals(c, s.stale().get("currentHash"));

        s.publish(s.verdict(changeId(s, b), 1, Verdict.COSMETIC, b, c));
        StageScenario.await("B blessed", () -> s.staleItems() == 100);

        s.publish(s.verdict(changeId(s, a), 1, Verdict.COSMETIC, a, c));
        StageScenario.await("A blessed", () -> s.stale() == null);
        assertEquals(0, s.count("SELECT stale_items FROM snapshot.stage WHERE job_id = '" + s.jobId + "'"));
        List<ChangeState> states = s.eventsOn(Topics.CHANGE_DECISIONS).stream()
                .map(e -> ((ChangeDecided) e).state()).toList();
        assertEquals(List.of(ChangeState.TRIAGING, ChangeState.TRIAGING, ChangeState.AUTO_BLESSED,
                ChangeState.AUTO_BLESSED), states);
    }

    @Test
    void aClassOfTwoHashesGetsOneChangeComparedAgainstItsMostUsedMember() throws Exception {
        StageScenario s = new StageScenario("class", dataSource);
        s.publish(s.report(1, 0, Map.of(a, 100L)));
        s.publish(s.report(2, 10, Map.of(a, 100L)));
        StageScenario.await("deploy A->B", () -> s.openChangeFrom(a) != null);
        s.publish(s.verdict(changeId(s, a), 1, Verdict.COSMETIC, a, b));
        StageScenario.await("A and B one class", () -> s.stale() == null);
        s.publish(s.report(2, 15, Map.of(a, 100L, b, 20L)));

        s.publish(s.report(3, 20, Map.of(a, 100L, b, 20L)));

        StageScenario.await("one change for the class", () -> s.openChanges().size() == 1);
        Map<String, Object> change = s.openChanges().get(0);
        assertEquals(a, change.get("oldHash"));
        assertEquals(c, change.get("newHash"));
        assertEquals(120, ((Number) change.get("staleItems")).longValue());
    }

    @Test
    void aPendingChangeCarriesOverWhenTheNextDeployIsCosmeticWithoutANewTriage() throws Exception {
        StageScenario s = new StageScenario("carry", dataSource);
        s.publish(s.report(1, 0, Map.of(a, 50L)));
        s.publish(s.report(2, 10, Map.of(a, 50L)));
        StageScenario.await("A->B open", () -> s.openChangeFrom(a) != null);
        String aToB = changeId(s, a);
        s.publish(s.verdict(aToB, 1, Verdict.SEMANTIC, a, b));
        StageScenario.await("A->B pending", () -> "PENDING".equals(s.openChangeFrom(a).get("state")));

        s.publish(s.report(3, 20, Map.of(a, 50L)));
        StageScenario.await("deploy B->C open", () -> s.openChangeFrom(b) != null);
        s.publish(s.verdict(changeId(s, b), 1, Verdict.COSMETIC, b, c));
        StageScenario.await("B->C blessed", () -> s.openChangeFrom(b) == null);

        Map<String, Object> carried = s.openChangeFrom(a);
        assertNotNull(carried);
        assertEquals(aToB, carried.get("changeId"));
        assertEquals("PENDING", carried.get("state"));
        assertEquals(50, s.staleItems());
        long triagesOfA = s.eventsOn(Topics.VERSION_CHANGES).stream()
                .filter(e -> ((VersionChanged) e).oldHash().equals(a)).count();
        assertEquals(1, triagesOfA, "A is not triaged again");
    }

    @Test
    void aSemanticDeploySupersedesTheWaitingChangeAndTheClassGetsANewOne() throws Exception {
        StageScenario s = new StageScenario("supersede", dataSource);
        s.publish(s.report(1, 0, Map.of(a, 50L)));
        s.publish(s.report(2, 10, Map.of(a, 50L)));
        StageScenario.await("A->B open", () -> s.openChangeFrom(a) != null);
        String aToB = changeId(s, a);
        s.publish(s.verdict(aToB, 1, Verdict.SEMANTIC, a, b));
        StageScenario.await("A->B pending", () -> "PENDING".equals(s.openChangeFrom(a).get("state")));

        s.publish(s.report(3, 20, Map.of(a, 50L)));
        StageScenario.await("deploy B->C open", () -> s.openChangeFrom(b) != null);
        s.publish(s.verdict(changeId(s, b), 1, Verdict.SEMANTIC, b, c));

        StageScenario.await("A gets a new change toward C", () -> s.openChangeFrom(a) != null
                && c.equals(s.openChangeFrom(a).get("newHash")));
        assertEquals("SUPERSEDED", s.change(aToB).getString("state"));
        assertNull(s.openChangeFrom(b), "B has no results: its semantic deploy change is obsolete");
    }

    @Test
    void aClassThatLosesAllItsResultsMakesItsChangeObsolete() throws Exception {
        StageScenario s = new StageScenario("obsolete", dataSource);
        s.publish(s.report(1, 0, Map.of(a, 30L)));
        s.publish(s.report(2, 10, Map.of(a, 30L)));
        StageScenario.await("A->B open", () -> s.openChangeFrom(a) != null);
        String aToB = changeId(s, a);

        s.publish(s.histogramOnly(2, 20, Map.of(b, 30L)));

        StageScenario.await("obsolete", () -> "OBSOLETE".equals(s.change(aToB).getString("state")));
        assertEquals(0, s.staleItems());
    }

    private static String changeId(StageScenario s, String oldHash) {
        Map<String, Object> change = s.openChangeFrom(oldHash);
        assertNotNull(change, "no open change from " + oldHash);
        return (String) change.get("changeId");
    }
}
