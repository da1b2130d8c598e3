package dev.stalewatch.snapshot.query;

import java.sql.Connection;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.stalewatch.events.ResetRequested;
import dev.stalewatch.snapshot.store.ResetRequestRepository;

/** A job's reset requests after a cursor. */
@ApplicationScoped
public class ResetQuery {

    @Inject
    DataSource dataSource;
    @Inject
    ResetRequestRepository resets;

    public ResetPage after(String jobId, String stage, long afterSeq, int limit) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            List<ResetPage.Reset> page = resets.after(c, jobId, stage, afterSeq, limit).stream()
                    .map(stored -> {
                        ResetRequested r = stored.request();
                        return new ResetPage.Reset(stored.seq(), r.eventId(), r.jobId(), r.stage(), r.currentHash(),
                                r.staleHashes(), r.requestedBy(), r.requestedAt());
                    })
                    .toList();
            return new ResetPage(page, page.isEmpty() ? afterSeq : page.get(page.size() - 1).seq());
        }
    }
}
