package dev.stalewatch.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

class PostgresBinariesTest {

    @TempDir
    Path root;

    @Test
    void firstPrepareUnpacksCompletelyAndPostgresStartsFromIt() throws Exception {
        List<String> notes = new ArrayList<>();
        PostgresBinaries binaries = new PostgresBinaries(root, notes::add);

        Path dir = binaries.prepare();

        assertTrue(PostgresBinaries.isComplete(dir));
        assertTrue(Files.isExecutable(dir.resolve("bin/postgres")));
        assertEquals(1, notes.size(), notes.toString());
        assertTrue(notes.get(0).contains("first start"), notes.get(0));
        assertStarts(binaries);
        assertEquals(List.of(dir), topLevel(root), "nothing but the binaries is left beside them");
    }

    @Test
    void secondPrepareUnpacksNothing() throws Exception {
        List<String> notes = new ArrayList<>();
        PostgresBinaries binaries = new PostgresBinaries(root, notes::add);
        Path dir = binaries.prepare();
        notes.clear();

        assertEquals(dir, binaries.prepare());
        assertEquals(List.of(), notes);
    }

    /** What zonky's own unpack leaves when it is stopped half-way: files, but no marker. */
    @Test
    void directoryWithoutMarkerIsUnpackedAgainWithANote() throws Exception {
        PostgresBinaries binaries = new PostgresBinaries(root, note -> { });
        Path dir = binaries.prepare();
        Files.delete(dir.resolve(PostgresBinaries.MARKER));
        Files.delete(dir.resolve("bin/postgres"));
        Path libpq = dir.resolve("lib/libpq.so");
        Files.deleteIfExists(libpq);
        Files.createSymbolicLink(libpq, Path.of("libpq.so.does-not-exist"));
        List<String> notes = new ArrayList<>();

        Path again = new PostgresBinaries(root, notes::add).prepare();

        assertEquals(dir, again);
        assertTrue(PostgresBinaries.isComplete(again));
        assertTrue(Files.isExecutable(again.resolve("bin/postgres")));
        assertEquals(1, notes.size(), notes.toString());
        assertTrue(notes.get(0).contains("incomplete"), notes.get(0));
        assertStarts(new PostgresBinaries(root, note -> { }));
    }

    @Test
    void killedWhileUnpackingTheNextStartSucceeds() throws Exception {
        Process first = unpackInChildJvm();
        Path staging = awaitStagingDirectory(first);
        first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        assertTrue(Files.exists(staging), "killed before it finished: the staging directory is left");
        assertTrue(Stream.of(root.toFile().list()).noneMatch(n -> n.startsWith("PG-")), "nothing half-done in place");
        List<String> notes = new ArrayList<>();

        Path dir = new PostgresBinaries(root, notes::add).prepare();

        assertTrue(PostgresBinaries.isComplete(dir));
        assertFalse(Files.exists(staging), "the abandoned staging directory is removed");
        assertTrue(notes.stream().anyMatch(n -> n.contains("stopped while unpacking")), notes.toString());
        assertStarts(new PostgresBinaries(root, note -> { }));
    }

    private Process unpackInChildJvm() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                UnpackOnly.class.getName(), root.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    private Path awaitStagingDirectory(Process child) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            assertTrue(child.isAlive(), "the child finished before it could be killed while unpacking");
            try (Stream<Path> entries = Files.list(root)) {
                for (Path p : entries.toList()) {
                    // a staging directory with some of the archive in it
                    if (Files.isDirectory(p) && p.getFileName().toString().startsWith(".unpacking-")
                            && Files.exists(p.resolve("lib"))) {
                        return p;
                    }
                }
            } catch (IOException e) {
                // the root does not exist yet
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no staging directory appeared within 60 s");
    }

    private static void assertStarts(PostgresBinaries binaries) throws Exception {
        binaries.prepare();
        try (EmbeddedPostgres postgres = binaries.builder().start();
                Connection c = postgres.getPostgresDatabase().getConnection();
                ResultSet rs = c.createStatement().executeQuery("SELECT 41 + 1")) {
            assertTrue(rs.next());
            assertEquals(42, rs.getInt(1));
        }
    }

    private static List<Path> topLevel(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("PG-")
                    || p.getFileName().toString().startsWith(".unpacking-")).toList();
        }
    }

    /** The child JVM that is killed while it unpacks. */
    public static final class UnpackOnly {
        public static void main(String[] args) throws Exception {
            new PostgresBinaries(Path.of(args[0]), note -> { }).prepare();
        }
    }
}
