package dev.stalewatch.bench;

/** How big each scenario is: the sizes, or shrunk ones for {@code --quick}. */
record Sizes(boolean quick, int ingestEvents, int structuralChanges, int structuralPerSecond, int semanticChanges,
        int semanticPerSecond, int fanInWorkers, int queryStages, int changesPerStage, int histogramPerStage,
        int queryRequests, int jobctlRuns, int triagePairs) {

    static Sizes full() {
        return new Sizes(false, 50_000, 300, 50, 100, 10, 20, 10_000, 10, 100, 300, 5, 10_000);
    }

    static Sizes quickRun() {
        return new Sizes(true, 5_000, 100, 50, 30, 10, 20, 1_000, 10, 100, 100, 3, 3_000);
    }

    String describe() {
        return (quick ? "--quick (shrunk sizes)" : "full sizes") + ": " + Stats.count(ingestEvents)
                + " ingest events, " + structuralChanges + " structural and " + semanticChanges
                + " semantic changes, " + Stats.count(queryStages) + " stages / "
                + Stats.count((double) queryStages * changesPerStage) + " changes / "
                + Stats.count((double) queryStages * histogramPerStage) + " histogram rows, "
                + Stats.count(triagePairs) + " triage pairs";
    }
}
