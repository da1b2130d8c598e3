package dev.stalewatch.snapshot.query;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.stalewatch.events.StageKey;
import dev.stalewatch.snapshot.rest.dto.StageHistory;
import dev.stalewatch.snapshot.store.ChangeRecord;
import dev.stalewatch.snapshot.store.ChangeRepository;
import dev.stalewatch.snapshot.store.EquivalenceRepository;
import dev.stalewatch.snapshot.store.StageRepository;
import dev.stalewatch.snapshot.store.StageRow;

/** Everything that happened to a stage's changes and equivalences, oldest first. */
@ApplicationScoped
public class HistoryQuery {

    @Inject
    DataSource dataSource;
    @Inject
    StageRepository stages;
    @Inject
    ChangeRepository changes;
    @Inject
    EquivalenceRepository equivalences;

    public Optional<StageHistory> of(StageKey key) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            Optional<StageRow> stage = stages.find(c, key.jobId()).stream()
                    .filter(s -> s.stage().equals(key.stage())).findFirst();
            if (stage.isEmpty()) {
                return Optional.empty();
            }
            List<StageHistory.ChangeHistory> history = new ArrayList<>();
            for (ChangeRecord change : changes.findByStage(c, key)) {
                history.add(new StageHistory.ChangeHistory(change.changeId(), change.oldHash(), change.newHash(),
                        change.state().name(), change.attempt(), changes.history(c, change.changeId())));
            }
            return Optional.of(new StageHistory(key.jobId(), key.stage(), stage.get().currentHash(), history,
                    equivalences.all(c, key)));
        }
    }
}
