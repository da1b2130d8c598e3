package dev.stalewatch.notifier.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.stalewatch.events.ChangeDecided;
import dev.stalewatch.notifier.config.NotifierConfig;

/** The consumer's handler: keeps the decisions that deserve a push and records them. */
@ApplicationScoped
public class DecisionIntake {

    // sorted so that two replicas lock digest windows in the same order and cannot deadlock
    private static final Comparator<ChangeDecided> LOCK_ORDER = Comparator.comparing(ChangeDecided::jobId)
            .thenComparing(ChangeDecided::stage).thenComparing(ChangeDecided::changeId);

    private final DecisionFilter filter;
    private final NotificationStore store;

    @Inject
    public DecisionIntake(NotifierConfig config, NotificationStore store) {
        this.filter = new DecisionFilter(config.pushNoBaseline());
        this.store = store;
    }

    public void apply(Connection tx, List<ChangeDecided> decisions) throws SQLException {
        List<ChangeDecided> pushed = decisions.stream().filter(filter::deservesPush).sorted(LOCK_ORDER).toList();
        for (ChangeDecided decision : pushed) {
            store.record(tx, decision);
        }
    }
}
