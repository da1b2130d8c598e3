package dev.stalewatch.snapshot.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.stalewatch.events.ChangeState;

class ReconcilerTest {

    private final Reconciler reconciler = new Reconciler();

    @Test
    void everyOldClassWithResultsGetsOneChangeTowardCurrent() {
        StageView stage = new StageBuilder().hash("A", 100).hash("B", 20).hash("C", 5).current("C").build();

        ReconcilePlan plan = reconciler.reconcile(stage);

        assertEquals(120, plan.staleItems());
        assertEquals(List.of(new NewChange("A", "C", 100, false, false), new NewChange("B", "C", 20, false, false)),
                plan.creations().stream().sorted(java.util.Comparator.comparing(NewChange::oldHash)).toList());
        assertTrue(plan.closures().isEmpty());
    }

    @Test
    void aClassOfTwoHashesGetsOneChangeComparedAgainstItsMostUsedMember() {
        StageView stage = new StageBuilder().hash("A", 100).hash("B", 20).hash("C", 0).edge("A", "B")
                .current("C").movedFrom("B").build();

        ReconcilePlan plan = reconciler.reconcile(stage);

        assertEquals(List.of(new NewChange("A", "C", 120, true, false)), plan.creations());
    }

    @Test
    void reconcilingTwiceCreatesNothingNew() {
        StageBuilder builder = new StageBuilder().hash("A", 100).hash("C", 5).current("C");
        builder.change("A", "C", ChangeState.TRIAGING);

        ReconcilePlan plan = reconciler.reconcile(builder.build());

        assertTrue(plan.creations().isEmpty());
        assertTrue(plan.closures().isEmpty());
        assertEquals(Map.of(1L, 100L), plan.staleItemsByOpenChange());
    }

    @Test
    void aCosmeticEdgeToCurrentImpliesTheChangeAndClearsItsStaleItems() {
        StageBuilder builder = new StageBuilder().hash("A", 100).hash("B", 20).hash("C", 5).current("C")
                .edge("B", "C");
        builder.change("A", "C", ChangeState.TRIAGING);
        ChangeFacts bToC = builder.change("B", "C", ChangeState.TRIAGING);

        ReconcilePlan plan = reconciler.reconcile(builder.build());

        assertEquals(100, plan.staleItems());
        assertEquals(List.of(new ChangeClosure(bToC, ChangeState.IMPLIED, "its class joined the current version")),
                plan.closures());
    }

    @Test
    void aClassThatLostAllResultsMakesItsChangeObsolete() {
        StageBuilder builder = new StageBuilder().hash("A", 0).hash("C", 5).current("C");
        ChangeFacts aToC = builder.change("A", "C", ChangeState.PENDING);

        ReconcilePlan plan = reconciler.reconcile(builder.build());

        assertEquals(0, plan.staleItems());
        assertEquals(ChangeState.OBSOLETE, plan.closures().get(0).to());
        assertEquals(aToC, plan.closures().get(0).change());
    }

    @Test
    void aDeployIsCreatedEvenWhenTheOldClassHasNoResultsAndOtherChangesWaitForIt() {
        StageBuilder builder = new StageBuilder().hash("A", 50).hash("B", 0).hash("N", 0).current("N")
                .movedFrom("B");
        builder.change("A", "B", ChangeState.PENDING);

        ReconcilePlan plan = reconciler.reconcile(builder.build());

        assertEquals(List.of(new NewChange("B", "N", 0, true, false)), plan.creations());
        assertTrue(plan.closures().isEmpty(), "A->B waits for the deploy B->N");
        assertEquals(Map.of(1L, 50L), plan.staleItemsByOpenChange());
    }

    @Test
    void aCosmeticDeployCarriesTheWaitingChangeOverUnchanged() {
        StageBuilder builder = new StageBuilder().hash("A", 50).hash("B", 0).hash("N", 0).current("N")
                .edge("B", "N");
        builder.change("A", "B", ChangeState.PENDING);
        builder.change("B", "N", ChangeState.AUTO_BLESSED, true);

        ReconcilePlan plan = reconciler.reconcile(builder.build());

        assertTrue(plan.creations().isEmpty());
        assertTrue(plan.closures().isEmpty());
    }

    @Test
    void aSemanticDeploySupersedesTheWaitingChangeAndItsClassGetsANewOne() {
        StageBuilder builder = new StageBuilder().hash("A", 50).hash("B", 10).hash("N", 0).current("N");
        ChangeFacts aToB = builder.change("A", "B", ChangeState.PENDING);
        builder.change("B", "N", ChangeState.PENDING, true);

        ReconcilePlan plan = reconciler.reconcile(builder.build());

        assertEquals(ChangeState.SUPERSEDED, plan.closures().get(0).to());
        assertEquals(aToB, plan.closures().get(0).change());
        assertEquals(List.of(new NewChange("A", "N", 50, false, false)), plan.creations());
    }

    @Test
    void aResetChangeStaysInForceWhileItsClassHasResults() {
        StageBuilder builder = new StageBuilder().hash("A", 30).hash("C", 5).current("C");
        builder.change("A", "C", ChangeState.RESET);

        ReconcilePlan plan = reconciler.reconcile(builder.build());

        assertTrue(plan.creations().isEmpty());
        assertEquals(30, plan.staleItems());
    }

    @Test
    void aVetoedPairIsCreatedForAPersonNotForTriage() {
        StageView stage = new StageBuilder().hash("A", 30).hash("C", 5).current("C").veto("A", "C").build();

        ReconcilePlan plan = reconciler.reconcile(stage);

        assertEquals(List.of(new NewChange("A", "C", 30, false, true)), plan.creations());
    }

    @Test
    void aClassWithoutAnySnapshotIsComparedAgainstItsMostUsedMember() {
        StageView stage = new StageBuilder().hashWithoutSnapshot("X", 3).hashWithoutSnapshot("Y", 9).edge("X", "Y")
                .hash("C", 1).current("C").build();

        assertEquals("Y", reconciler.reconcile(stage).creations().get(0).oldHash());
    }

    @Test
    void theRepresentativePrefersAMemberWithASnapshotOverOneWithMoreResults() {
        StageView stage = new StageBuilder().hashWithoutSnapshot("X", 90).hash("Y", 9).edge("X", "Y")
                .hash("C", 1).current("C").build();

        NewChange change = reconciler.reconcile(stage).creations().get(0);
        assertEquals("Y", change.oldHash());
        assertEquals(99, change.staleItems());
        assertFalse(change.deploy());
    }

    @Test
    void noCurrentVersionMeansNothingIsStale() {
        StageView stage = new StageBuilder().hashWithoutSnapshot("X", 3).build();
        assertEquals(0, reconciler.reconcile(stage).staleItems());
    }

    @Test
    void noDeployChangeIsMadeFromAClassWithoutResultsThatNothingWaitsOn() {
        StageView stage = new StageBuilder().hash("B", 0).hash("N", 0).current("N").movedFrom("B").build();

        assertTrue(reconciler.reconcile(stage).creations().isEmpty());
    }

    @Test
    void aTriagingDeployWhoseClassLostItsResultsAndHasNoWaitersIsObsolete() {
        StageBuilder builder = new StageBuilder().hash("A", 0).hash("B", 30).current("B");
        ChangeFacts deploy = builder.change("A", "B", ChangeState.TRIAGING, true);

        ReconcilePlan plan = reconciler.reconcile(builder.build());

        assertEquals(List.of(new ChangeClosure(deploy, ChangeState.OBSOLETE, "no stored results left in its class")),
                plan.closures());
    }

    @Test
    void aStageCertainlyIdleGetsAnEmptyPlanWhateverItsEdgesVetoesAndMoves() {
        java.util.Random random = new java.util.Random(11);
        List<String> names = List.of("A", "B", "C", "D", "E");
        int idleViews = 0;
        for (int n = 0; n < 5_000; n++) {
            StageBuilder builder = new StageBuilder();
            String current = random.nextInt(10) == 0 ? null : names.get(random.nextInt(names.size()));
            Map<String, Long> results = new java.util.HashMap<>();
            for (String hash : names) {
                if (random.nextBoolean()) {
                    long count = hash.equals(current) || random.nextInt(4) == 0 ? random.nextInt(3) : 0;
                    results.put(hash, count);
                    if (random.nextBoolean()) {
                        builder.hash(hash, count);
                    } else {
                        builder.hashWithoutSnapshot(hash, count);
                    }
                }
            }
            builder.current(current);
            if (random.nextBoolean()) {
                builder.movedFrom(names.get(random.nextInt(names.size())));
            }
            for (int e = random.nextInt(3); e > 0; e--) {
                builder.edge(names.get(random.nextInt(names.size())), names.get(random.nextInt(names.size())));
            }
            if (random.nextBoolean()) {
                builder.veto(names.get(random.nextInt(names.size())), names.get(random.nextInt(names.size())));
            }
            if (!Reconciler.certainlyIdle(current, false, results)) {
                continue;
            }
            idleViews++;
            ReconcilePlan plan = reconciler.reconcile(builder.build());
            assertEquals(new ReconcilePlan(List.of(), List.of(), Map.of(), 0), plan, "view " + n);
        }
        assertTrue(idleViews > 1_000, "enough idle views were tried: " + idleViews);
    }

    @Test
    void aStageWithAChangeOrResultsOutsideTheCurrentHashIsNotCertainlyIdle() {
        assertFalse(Reconciler.certainlyIdle("C", true, Map.of("C", 5L)));
        assertFalse(Reconciler.certainlyIdle("C", false, Map.of("C", 5L, "A", 1L)));
        assertFalse(Reconciler.certainlyIdle(null, false, Map.of("A", 1L)));
        assertTrue(Reconciler.certainlyIdle("C", false, Map.of("C", 5L, "A", 0L)));
    }
}
