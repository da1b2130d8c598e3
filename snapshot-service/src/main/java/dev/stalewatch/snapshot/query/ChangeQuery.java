package dev.stalewatch.snapshot.query;

import java.sql.Connection;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.stalewatch.events.StageKey;
import dev.stalewatch.snapshot.rest.dto.ChangeDetail;
import dev.stalewatch.snapshot.rest.dto.SnapshotView;
import dev.stalewatch.snapshot.store.ChangeRecord;
import dev.stalewatch.snapshot.store.ChangeRepository;
import dev.stalewatch.snapshot.store.SnapshotRecord;
import dev.stalewatch.snapshot.store.SnapshotRepository;

/** One change with both versions, their diff and its history. */
@ApplicationScoped
public class ChangeQuery {

    @Inject
    DataSource dataSource;
    @Inject
    ChangeRepository changes;
    @Inject
    SnapshotRepository snapshots;

    public Optional<ChangeDetail> find(String changeId) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            Optional<ChangeRecord> found = changes.findByChangeId(c, changeId);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            ChangeRecord change = found.get();
            StageKey key = new StageKey(change.jobId(), change.stage());
            Optional<SnapshotRecord> before = snapshots.find(c, key, change.oldHash());
            Optional<SnapshotRecord> after = snapshots.find(c, key, change.newHash());
            String diff = before.isPresent() && after.isPresent() ? SourceDiff.unified(before.get(), after.get()) : null;
            return Optional.of(new ChangeDetail(change.changeId(), change.jobId(), change.stage(), change.oldHash(),
                    change.newHash(), change.state(), change.attempt(), change.verdict(), change.method(),
                    change.model(), change.reason(), change.author(), change.staleItems(), change.createdAt(),
                    change.decidedAt(), before.map(SnapshotView::of).orElse(null),
                    after.map(SnapshotView::of).orElse(null), diff, changes.history(c, changeId)));
        }
    }

    public Optional<SnapshotView> snapshot(StageKey key, String hash) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            return snapshots.find(c, key, hash).map(SnapshotView::of);
        }
    }
}
