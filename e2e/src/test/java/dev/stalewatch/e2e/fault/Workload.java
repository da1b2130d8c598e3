package dev.stalewatch.e2e.fault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.stalewatch.e2e.StageCode;
import dev.stalewatch.events.Source;
import dev.stalewatch.worker.VersionReporter;

/**
 * The reports of one fault test: jobs of a few stages each, every stage first reported at its original code,
 * then a stream in which each stage changes semantically once and is reported again and again (more
 * workers starting on the new code). Names carry a run id, so the checks read only this test's rows.
 */
final class Workload {

    static final long ITEMS = 25;

    record Stage(String job, String stage) {
        Source original() {
            return StageCode.original(stage);
        }

        Source changed() {
            return StageCode.semantic(stage);
        }

        String key() {
            return job + "/" + stage;
        }
    }

    private final String jobPrefix;
    private final List<Stage> stages = new ArrayList<>();

    private Workload(String hint, int jobs, int stagesPerJob) {
        this.jobPrefix = hint + "-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        for (int j = 0; j < jobs; j++) {
            for (int s = 0; s < stagesPerJob; s++) {
                stages.add(new Stage(jobPrefix + "j" + j, "st" + s + "-" + UUID.randomUUID().toString().substring(0, 6)));
            }
        }
    }

    static Workload of(String hint, int jobs, int stagesPerJob) {
        return new Workload(hint, jobs, stagesPerJob);
    }

    String jobPrefix() {
        return jobPrefix;
    }

    List<Stage> stages() {
        return stages;
    }

    long jobs() {
        return stages.stream().map(Stage::job).distinct().count();
    }

    /** A reporter whose producer keeps retrying through a broker outage of a minute or two. */
    static VersionReporter reporter(String bootstrapServers, String worker) {
        return VersionReporter.builder().bootstrapServers(bootstrapServers).workerId(worker)
                .producerProperty("delivery.timeout.ms", "180000")
                .producerProperty("request.timeout.ms", "10000")
                .producerProperty("max.block.ms", "180000")
                .build();
    }

    void reportOriginals(VersionReporter reporter) {
        List<VersionReporter.Report> sent = new ArrayList<>();
        for (Stage stage : stages) {
            sent.add(reporter.report(stage.job(), stage.stage(), "python", stage.original(), StageCode.DEPS,
                    Map.of(StageCode.hash(stage.original()), ITEMS)));
        }
        sent.forEach(VersionReporter.Report::await);
    }

    /**
     * Publishes {@code count} reports of the changed code, spread over the stages, at about {@code perSecond};
     * calls {@code afterEach} with how many went out so far (a test injects its fault there).
     */
    List<VersionReporter.Report> streamChanges(VersionReporter reporter, int count, int perSecond,
            java.util.function.IntConsumer afterEach) {
        List<VersionReporter.Report> sent = new ArrayList<>();
        long start = System.nanoTime();
        long nanosPerReport = Duration.ofSeconds(1).toNanos() / perSecond;
        for (int i = 0; i < count; i++) {
            Stage stage = stages.get(i % stages.size());
            sent.add(reporter.report(stage.job(), stage.stage(), "python", stage.changed(), StageCode.DEPS,
                    Map.of(StageCode.hash(stage.original()), ITEMS)));
            afterEach.accept(i + 1);
            long due = start + (i + 1) * nanosPerReport;
            long wait = due - System.nanoTime();
            if (wait > 1_000_000) {
                try {
                    Thread.sleep(wait / 1_000_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        return sent;
    }
}
