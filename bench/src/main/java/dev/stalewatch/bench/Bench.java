package dev.stalewatch.bench;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code ./stalewatch bench [--quick]}: sets up its own data on the local stack, runs every scenario, prints one
 * table and writes it as Markdown to {@code bench/target/bench-results.md}.
 *
 * <p>Options: {@code --quick} (shrunk sizes, said so in the table), {@code --only a,b} (scenarios by name:
 * ingest, structural, semantic, fanin, query, triage; footprint comes with ingest), {@code --root DIR} (the
 * project, default: the working directory or its parent), {@code --out FILE}.
 */
public final class Bench {

    static final List<String> SCENARIOS = List.of("ingest", "structural", "semantic", "fanin", "query", "triage");

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        quietLogs();
        boolean quick = false;
        Set<String> only = new LinkedHashSet<>(SCENARIOS);
        Path root = defaultRoot();
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--only" -> only = new LinkedHashSet<>(Arrays.asList(args[++i].split(",")));
                case "--root" -> root = Path.of(args[++i]).toAbsolutePath();
                case "--out" -> out = Path.of(args[++i]).toAbsolutePath();
                case "-h", "--help" -> {
                    System.out.println("usage: bench [--quick] [--only " + String.join(",", SCENARIOS)
                            + "] [--root DIR] [--out FILE.md]");
                    return;
                }
                default -> {
                    System.err.println("bench: unknown argument '" + args[i] + "' (see --help)");
                    System.exit(2);
                }
            }
        }
        if (out == null) {
            out = root.resolve("bench/target/bench-results.md");
        }
        Sizes sizes = quick ? Sizes.quickRun() : Sizes.full();
        BenchTable table = new BenchTable();
        Progress.say("%s", sizes.describe());
        int status = 0;
        OfflineTriageScenario offlineTriage = new OfflineTriageScenario(root, sizes);
        status |= step("triage", only, offlineTriage::run);
        try (Stack stack = new Stack(root)) {
            FootprintScenario footprint = new FootprintScenario(stack, table);
            footprint.measureMinimalApp();
            stack.startServices();
            status |= step("ingest", only, () -> {
                IngestScenario ingest = new IngestScenario(stack, sizes, table);
                stack.snapshot.stop(); // the topic is loaded first; snapshot-service then starts on it
                ingest.run();
                ingest.check();
                footprint.sampleAfterIngest();
                ingest.runWithStaleResults();
            });
            status |= step("structural", only, () -> new StructuralPathScenario(stack, sizes, table).run());
            status |= step("semantic", only, () -> new SemanticPathScenario(stack, sizes, table).run());
            status |= step("fanin", only, () -> new FanInScenario(stack, sizes, table).run());
            status |= step("query", only, () -> new QueryAtScaleScenario(stack, sizes, table).run());
            offlineTriage.report(table);
            if (only.contains("ingest")) {
                footprint.report();
            }
            table.note(sizes.describe() + ".");
            table.note(String.format(Locale.ROOT, "machine: %s, %d cores, Java %s; run on %s, %.0f s in all; "
                    + "service logs in %s", hostname(), Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"), LocalDate.now(), Progress.elapsedSeconds(), stack.logs));
        }
        String heading = "## Stalewatch bench " + (quick ? "(--quick) " : "") + LocalDate.now();
        table.writeMarkdown(out, heading);
        System.out.println();
        System.out.print(table.text());
        System.out.println();
        System.out.println("written to " + out);
        System.exit(status);
    }

    interface Scenario {
        void run() throws Exception;
    }

    private static int step(String name, Set<String> only, Scenario scenario) {
        if (!only.contains(name)) {
            return 0;
        }
        try {
            scenario.run();
            return 0;
        } catch (Exception | AssertionError e) {
            Progress.say("scenario %s FAILED: %s", name, e);
            e.printStackTrace(System.err);
            return 1;
        }
    }

    private static Path defaultRoot() {
        Path here = Path.of("").toAbsolutePath();
        if (Files.isDirectory(here.resolve("snapshot-service"))) {
            return here;
        }
        return here.getParent() != null && Files.isDirectory(here.getParent().resolve("snapshot-service"))
                ? here.getParent() : here;
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "localhost";
        }
    }

    /** The broker, PostgreSQL and the clients log at WARN at most: the bench prints its table and progress. */
    private static void quietLogs() {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
        System.setProperty("org.slf4j.simpleLogger.log.kafka", "error");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.zookeeper", "error");
        System.setProperty("org.slf4j.simpleLogger.log.io.zonky", "error");
        System.setProperty("log4j2.level", "WARN");
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
    }
}
