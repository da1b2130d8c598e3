package dev.stalewatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** CPU seconds (user + system) of processes, from /proc: where the time of a scenario went. */
final class CpuTime {

    private static final double TICKS = 100.0; // USER_HZ on Linux

    private CpuTime() {
    }

    static double ofPid(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** All processes whose command name is {@code name} (e.g. every PostgreSQL backend). */
    static double ofCommand(String name) {
        double sum = 0;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String pid = p.getFileName().toString();
                if (!pid.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    if (Files.readString(p.resolve("comm")).strip().equals(name)) {
                        sum += ofPid(Long.parseLong(pid));
                    }
                } catch (IOException | RuntimeException e) {
                    // gone meanwhile
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return sum;
    }

    static double self() {
        return ofPid(ProcessHandle.current().pid());
    }
}
