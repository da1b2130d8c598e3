package dev.stalewatch.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** jobctl run as a process, the way a person runs it. */
final class Jobctl {

    record Result(int exitCode, String out, String err) {
    }

    private final String url;

    Jobctl(String url) {
        this.url = url;
    }

    Result run(String... args) throws IOException, InterruptedException {
        Path jar = RunningSystem.root().resolve("ctl/target/jobctl.jar");
        List<String> command = new ArrayList<>(List.of("java", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("STALEWATCH_URL", url);
        builder.environment().put("STALEWATCH_TOKEN", RunningSystem.TOKEN);
        builder.environment().put("NO_COLOR", "1");
        builder.environment().put("HOME", System.getProperty("java.io.tmpdir"));
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("jobctl " + String.join(" ", args) + " did not finish");
        }
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8));
    }

    Result ok(String... args) throws IOException, InterruptedException {
        Result result = run(args);
        if (result.exitCode() != 0) {
            throw new AssertionError("jobctl " + String.join(" ", args) + " exited " + result.exitCode() + ": "
                    + result.err() + result.out());
        }
        return result;
    }
}
