package dev.stalewatch.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.stalewatch.bench.BenchTable.Outcome;

/**
 * Query at scale: S stages (100 per job), 10 changes and 100 histogram entries per stage, loaded with SQL into
 * snapshot-service's schema so that they are consistent: per stage ten versions with snapshots, a chain of
 * auto-blessed changes with their ACTIVE edges, 90 older hashes without snapshots joined to the oldest
 * version, and a last change v8 → v9 that is PENDING (even stages, whose stale items are then the whole old
 * class) or AUTO_BLESSED (odd stages, nothing stale). Then {@code GET /api/stale} (first page) and
 * {@code jobctl stale --job J} are timed.
 */
final class QueryAtScaleScenario {

    static final String JOB_PREFIX = "bq-";
    private static final int STAGES_PER_JOB = 100;

    private final Stack stack;
    private final Sizes sizes;
    private final BenchTable table;

    QueryAtScaleScenario(Stack stack, Sizes sizes, BenchTable table) {
        this.stack = stack;
        this.sizes = sizes;
        this.table = table;
    }

    void run() throws Exception {
        load();
        String base = stack.snapshot.baseUrl();
        String job = JOB_PREFIX + "0000";
        List<Long> all = time(base + "/api/stale?limit=100");
        List<Long> oneJob = time(base + "/api/stale?limit=100&job=" + job);
        List<Long> jobctl = jobctl(job);
        // a runner's question at stage start, about a stage with 10 versions and 100 histogram hashes
        String validity = base + "/api/stages/" + job + "/s000/validity";
        String tag = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(validity)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).headers().firstValue("ETag").orElseThrow();
        List<Long> valid = time(validity, null, 200);
        List<Long> unchanged = time(validity, tag, 304);
        String label = "query at scale: " + Stats.count(sizes.queryStages()) + " stages, "
                + Stats.count((double) sizes.queryStages() * sizes.changesPerStage()) + " changes, "
                + Stats.count((double) sizes.queryStages() * sizes.histogramPerStage()) + " histogram rows";
        long p99All = Stats.percentile(all, 99);
        long p99Job = Stats.percentile(oneJob, 99);
        table.add(label, "GET /api/stale?limit=100 (first page) p50", Stats.ms(Stats.percentile(all, 50)), "", "", "",
                Outcome.INFO);
        table.add(label, "GET /api/stale?limit=100 (first page) p99", Stats.ms(p99All), "", "", "p99 ≤ 50 ms",
                Outcome.of(p99All <= 50));
        table.add(label, "GET /api/stale?job=J&limit=100 p50", Stats.ms(Stats.percentile(oneJob, 50)), "", "", "",
                Outcome.INFO);
        table.add(label, "GET /api/stale?job=J&limit=100 p99", Stats.ms(p99Job), "", "", "p99 ≤ 50 ms",
                Outcome.of(p99Job <= 50));
        long p99Valid = Stats.percentile(valid, 99);
        long p99Unchanged = Stats.percentile(unchanged, 99);
        table.add(label, "GET /api/stages/J/S/validity p50", Stats.ms(Stats.percentile(valid, 50)), "", "", "",
                Outcome.INFO);
        table.add(label, "GET /api/stages/J/S/validity p99", Stats.ms(p99Valid), "", "", "p99 ≤ 20 ms",
                Outcome.of(p99Valid <= 20));
        table.add(label, "GET …/validity with its ETag (304) p99", Stats.ms(p99Unchanged), "", "", "p99 ≤ 20 ms",
                Outcome.of(p99Unchanged <= 20));
        long median = Stats.percentile(jobctl, 50);
        long max = Stats.percentile(jobctl, 100);
        table.add(label, "jobctl stale --job J wall time (median of " + jobctl.size() + ", max)",
                Stats.ms(median) + " (max " + Stats.ms(max) + ")", "", "", "≤ 1 s", Outcome.of(max <= 1000));
    }

    private void load() throws Exception {
        int n = sizes.queryStages();
        long t = System.nanoTime();
        String g = "generate_series(0, " + (n - 1) + ") g";
        String job = "'" + JOB_PREFIX + "' || lpad((g / " + STAGES_PER_JOB + ")::text, 4, '0')";
        String stage = "'s' || lpad((g % " + STAGES_PER_JOB + ")::text, 3, '0')";
        String v = "('v' || v || '-' || md5(g || '-' || v))";
        String vi = "('v' || i || '-' || md5(g || '-' || i))";
        String vnext = "('v' || (i + 1) || '-' || md5(g || '-' || (i + 1)))";
        String o = "('o' || k || '-' || md5(g || '-o' || k))";
        int extra = sizes.histogramPerStage() - 10;
        List<String> sql = List.of(
                "INSERT INTO snapshot.stage (job_id, stage, current_hash, histogram_observed_at, stale_items,"
                        + " created_at, updated_at)"
                        + " SELECT " + job + ", " + stage + ", 'v9-' || md5(g || '-9'), now() - interval '1 hour',"
                        + " CASE WHEN g % 2 = 0 THEN 450 + " + (extra * (extra + 1) / 2) + " ELSE 0 END,"
                        + " now() - interval '30 days', now() - interval '1 hour' FROM " + g,
                "INSERT INTO snapshot.snapshot (job_id, stage, version_hash, hash_algorithm, language, source_name,"
                        + " source_text, deps, first_observed_at, worker_id)"
                        + " SELECT " + job + ", " + stage + ", " + v + ", 'bench-v1', 'python',"
                        + " '_stage_' || " + stage + ", 'def _stage_' || " + stage
                        + " || '(item_key, data, stage, job):' || chr(10) || '    return ' || v || chr(10),"
                        + " '[]'::jsonb, now() - ((10 - v) || ' days')::interval, 'bench'"
                        + " FROM " + g + " CROSS JOIN generate_series(0, 9) v",
                "INSERT INTO snapshot.result_count (job_id, stage, version_hash, items)"
                        + " SELECT " + job + ", " + stage + ", " + v + ", CASE WHEN v = 9 THEN 1000 ELSE (v + 1) * 10 END"
                        + " FROM " + g + " CROSS JOIN generate_series(0, 9) v",
                "INSERT INTO snapshot.result_count (job_id, stage, version_hash, items)"
                        + " SELECT " + job + ", " + stage + ", " + o + ", k + 1"
                        + " FROM " + g + " CROSS JOIN generate_series(0, " + (extra - 1) + ") k",
                // i = 0..7 auto-blessed chain; i = 8 v8 -> v9 pending (even) or auto-blessed (odd)
                "INSERT INTO snapshot.change (change_id, job_id, stage, old_hash, new_hash, state, attempt, deploy,"
                        + " verdict, method, model, reason, stale_items, created_at, decided_at, updated_at)"
                        + " SELECT 'cb-' || g || '-' || i, " + job + ", " + stage + ", " + vi + ", " + vnext + ","
                        + " CASE WHEN i = 8 AND g % 2 = 0 THEN 'PENDING' ELSE 'AUTO_BLESSED' END, 1, true,"
                        + " CASE WHEN i = 8 AND g % 2 = 0 THEN 'SEMANTIC' ELSE 'COSMETIC' END,"
                        + " CASE WHEN i = 8 AND g % 2 = 0 THEN 'LLM' ELSE 'STRUCTURAL' END,"
                        + " CASE WHEN i = 8 AND g % 2 = 0 THEN 'bench-model' END,"
                        + " CASE WHEN i = 8 AND g % 2 = 0 THEN 'the threshold changed' ELSE 'same syntax tree' END,"
                        + " CASE WHEN i = 8 AND g % 2 = 0 THEN 450 + " + (extra * (extra + 1) / 2) + " ELSE 0 END,"
                        + " now() - ((9 - i) || ' days')::interval,"
                        + " CASE WHEN i = 8 THEN now() - ((g % 48) || ' hours')::interval"
                        + "      ELSE now() - ((9 - i) || ' days')::interval END,"
                        + " now() - ((9 - i) || ' days')::interval"
                        + " FROM " + g + " CROSS JOIN generate_series(0, 8) i",
                "INSERT INTO snapshot.change (change_id, job_id, stage, old_hash, new_hash, state, attempt, deploy,"
                        + " stale_items, created_at, decided_at, updated_at)"
                        + " SELECT 'cb-' || g || '-s', " + job + ", " + stage + ", 'v0-' || md5(g || '-0'),"
                        + " 'v8-' || md5(g || '-8'), 'SUPERSEDED', 1, false, 0, now() - interval '3 days',"
                        + " now() - interval '2 days', now() - interval '2 days' FROM " + g,
                "INSERT INTO snapshot.equivalence (job_id, stage, old_hash, new_hash, state, method, reason, change_id,"
                        + " created_at, updated_at)"
                        + " SELECT job_id, stage, old_hash, new_hash, 'ACTIVE', method, reason, change_id, decided_at,"
                        + " decided_at FROM snapshot.change WHERE change_id LIKE 'cb-%' AND state = 'AUTO_BLESSED'",
                "INSERT INTO snapshot.equivalence (job_id, stage, old_hash, new_hash, state, method, reason, author,"
                        + " created_at, updated_at)"
                        + " SELECT " + job + ", " + stage + ", " + o + ", 'v0-' || md5(g || '-0'), 'ACTIVE', 'MANUAL',"
                        + " 'results from before Stalewatch', 'bench', now() - interval '20 days',"
                        + " now() - interval '20 days' FROM " + g + " CROSS JOIN generate_series(0, " + (extra - 1)
                        + ") k",
                "ANALYZE snapshot.stage", "ANALYZE snapshot.snapshot", "ANALYZE snapshot.result_count",
                "ANALYZE snapshot.change", "ANALYZE snapshot.equivalence");
        try (Connection c = stack.connect(); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        }
        Progress.say("query at scale: loaded %,d stages, %,d changes, %,d histogram rows in %.1f s", n,
                (long) n * sizes.changesPerStage(), (long) n * sizes.histogramPerStage(),
                (System.nanoTime() - t) / 1e9);
    }

    private List<Long> time(String url) throws Exception {
        return time(url, null, 200);
    }

    private List<Long> time(String url, String ifNoneMatch, int expectedStatus) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json").GET();
        if (ifNoneMatch != null) {
            builder.header("If-None-Match", ifNoneMatch);
        }
        HttpRequest request = builder.build();
        List<Long> latencies = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < 20 + sizes.queryRequests(); i++) {
            long t = System.nanoTime();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            long ms = (System.nanoTime() - t) / 1_000_000;
            if (response.statusCode() != expectedStatus) {
                throw new IllegalStateException(url + " answered " + response.statusCode() + ": "
                        + new String(response.body()));
            }
            bytes = response.body().length;
            if (i >= 20) {
                latencies.add(ms);
            }
        }
        Progress.say("GET %s%s: p50 %d ms, p99 %d ms, max %d ms (%,d B)", url.replaceFirst("^http://[^/]+", ""),
                ifNoneMatch == null ? "" : " (If-None-Match)",
                Stats.percentile(latencies, 50), Stats.percentile(latencies, 99), Stats.percentile(latencies, 100),
                bytes);
        return latencies;
    }

    private List<Long> jobctl(String job) throws Exception {
        List<Long> times = new ArrayList<>();
        Path out = stack.logs.resolve("jobctl-stale.txt");
        for (int i = 0; i < sizes.jobctlRuns(); i++) {
            ProcessBuilder builder = new ProcessBuilder(stack.root.resolve("jobctl").toString(), "stale", "--job", job)
                    .redirectErrorStream(true).redirectOutput(out.toFile());
            builder.environment().put("STALEWATCH_URL", stack.snapshot.baseUrl());
            builder.environment().put("STALEWATCH_TOKEN", Stack.TOKEN);
            builder.environment().put("NO_COLOR", "1");
            long t = System.nanoTime();
            Process p = builder.start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("jobctl stale did not finish");
            }
            times.add((System.nanoTime() - t) / 1_000_000);
            if (p.exitValue() != 0) {
                throw new IllegalStateException("jobctl stale exited " + p.exitValue() + ", see " + out);
            }
        }
        Progress.say("jobctl stale --job %s: %s ms", job, times);
        return times;
    }
}
