package dev.stalewatch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.stalewatch.bench.BenchTable.Outcome;

class BenchTableTest {

    @Test
    void markdownHasOneRowPerFigureWithEscapedPipesAndDashesForEmptyCells() {
        BenchTable table = new BenchTable();
        table.add("ingest", "events/s", "12,000 ev/s", "(c) 25,000 rec/s", "0.48×", "≥ 0.5 × (c)", Outcome.MISSED);
        table.add("query", "a|b", "3 ms", "", "", "", Outcome.INFO);
        table.note("quick run");

        String md = table.markdown("## bench");

        String[] lines = md.split("\n");
        assertEquals("## bench", lines[0]);
        assertEquals("| scenario | figure | value | baseline (same run) | ratio | target | met? |", lines[2]);
        assertEquals("|---|---|---|---|---|---|---|", lines[3]);
        assertEquals("| ingest | events/s | 12,000 ev/s | (c) 25,000 rec/s | 0.48× | ≥ 0.5 × (c) | MISSED |", lines[4]);
        assertEquals("| query | a\\|b | 3 ms | — | — | — | — |", lines[5]);
        assertTrue(md.endsWith("- quick run\n"), md);
    }

    @Test
    void textColumnsAreAligned() {
        BenchTable table = new BenchTable();
        table.add("a", "long figure name", "1", "", "", "t", Outcome.MET);
        String[] lines = table.text().split("\n");
        assertEquals(lines[0].indexOf("value"), lines[2].indexOf(" 1 ") + 1);
    }

    @Test
    void percentilesUseNearestRank() {
        java.util.List<Long> values = new java.util.ArrayList<>();
        for (long i = 1; i <= 100; i++) {
            values.add(i);
        }
        assertEquals(50, Stats.percentile(values, 50));
        assertEquals(99, Stats.percentile(values, 99));
        assertEquals(100, Stats.percentile(values, 100));
    }
}
