package dev.stalewatch.snapshot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.stalewatch.events.StageKey;
import dev.stalewatch.snapshot.it.SnapshotServiceTestResources;

@QuarkusTest
@SnapshotServiceTestResources
class HistogramRepositoryTest {

    @Inject
    DataSource dataSource;
    @Inject
    HistogramRepository histograms;

    @Test
    void replacingSeveralStagesAtOnceUpdatesInsertsAndDeletesAsReplacingEachWould() throws Exception {
        String job = "histograms-" + UUID.randomUUID().toString().substring(0, 8);
        StageKey changed = new StageKey(job, "changed");
        StageKey filled = new StageKey(job, "filled");
        StageKey emptied = new StageKey(job, "emptied");
        StageKey untouched = new StageKey(job, "untouched");
        try (Connection tx = dataSource.getConnection()) {
            tx.setAutoCommit(false);
            for (StageKey key : List.of(changed, filled, emptied, untouched)) {
                try (PreparedStatement insert = tx.prepareStatement(
                        "INSERT INTO snapshot.stage (job_id, stage) VALUES (?, ?)")) {
                    insert.setString(1, key.jobId());
                    insert.setString(2, key.stage());
                    insert.executeUpdate();
                }
            }
            histograms.replace(tx, changed, Map.of("hash-one-0", 1L, "hash-two-0", 2L));
            histograms.replace(tx, emptied, Map.of("hash-four-0", 4L));
            histograms.replace(tx, untouched, Map.of("hash-five-0", 5L));

            Map<StageKey, Map<String, Long>> replacements = new LinkedHashMap<>();
            replacements.put(changed, Map.of("hash-one-0", 10L, "hash-six-0", 6L));
            replacements.put(filled, Map.of("hash-three-0", 3L));
            replacements.put(emptied, Map.of());
            histograms.replaceAll(tx, replacements);

            Map<StageKey, Map<String, Long>> stored = histograms.findAll(tx, List.of(changed, filled, emptied, untouched));
            assertEquals(Map.of("hash-one-0", 10L, "hash-six-0", 6L), stored.get(changed), "updated, inserted, deleted");
            assertEquals(Map.of("hash-three-0", 3L), stored.get(filled));
            assertEquals(Map.of(), stored.get(emptied));
            assertEquals(Map.of("hash-five-0", 5L), stored.get(untouched), "a stage not named keeps its histogram");
            tx.rollback();
        }
    }
}
