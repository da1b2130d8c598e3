package dev.stalewatch.triage.corpus;

import dev.stalewatch.triage.python.PythonStructuralComparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Prints how many corpus pairs one thread decides per second (printed only: machines differ). */
class PythonThroughputTest {

    @Test
    void printsPairsPerSecondOnOneThreadWithoutCache() {
        measure("every text parsed", new PythonStructuralComparator(0));
    }

    @Test
    void printsPairsPerSecondOnOneThreadWithDefaultCache() {
        measure("default cache of recent texts", new PythonStructuralComparator());
    }

    private static void measure(String setting, PythonStructuralComparator comparator) {
        List<CorpusPair> pairs = Corpus.load(Corpus.PYTHON_PAIRS);
        int sink = runOnce(pairs, comparator); // warm-up: JIT and native library
        long start = System.nanoTime();
        int rounds = 3;
        for (int i = 0; i < rounds; i++) {
            sink += runOnce(pairs, comparator);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("Python throughput (" + setting + "): %.0f pairs/s on one thread (%d pairs x %d rounds in %.2f s, %d proven per round)%n",
                pairs.size() * rounds / seconds, pairs.size(), rounds, seconds, sink / (rounds + 1));
    }

    private static int runOnce(List<CorpusPair> pairs, PythonStructuralComparator comparator) {
        int proven = 0;
        for (CorpusPair pair : pairs) {
            if (comparator.firstDifference(pair.old(), pair.neu()).isEmpty()) {
                proven++;
            }
        }
        return proven;
    }
}
