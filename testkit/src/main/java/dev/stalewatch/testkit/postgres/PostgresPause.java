package dev.stalewatch.testkit.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared PostgreSQL frozen with SIGSTOP (postmaster and every backend), as a server that stops answering
 * without closing its connections would look to the services: queries hang, new connections wait. Closing
 * sends SIGCONT and everything continues where it stood. Works on a server that runs on this machine.
 */
public final class PostgresPause implements AutoCloseable {

    private final List<Long> pids;
    private boolean resumed;

    private PostgresPause(List<Long> pids) {
        this.pids = pids;
    }

    public static PostgresPause freeze() {
        List<Long> pids = serverProcesses();
        signal("-STOP", pids);
        return new PostgresPause(pids);
    }

    public int processes() {
        return pids.size();
    }

    public synchronized void resume() {
        if (!resumed) {
            resumed = true;
            signal("-CONT", pids);
        }
    }

    @Override
    public void close() {
        resume();
    }

    private static List<Long> serverProcesses() {
        // an external server's pid may be any process here: only a local postgres is ever signalled
        ProcessHandle postmaster = ProcessHandle.of(postmasterPid())
                .filter(process -> process.info().command().map(command -> command.contains("postgres")).orElse(false))
                .orElseThrow(() -> new IllegalStateException(TestPostgres.server().description()
                        + " does not run on this machine: its processes cannot be paused"));
        List<Long> pids = new ArrayList<>();
        pids.add(postmaster.pid());
        postmaster.descendants().map(ProcessHandle::pid).forEach(pids::add);
        return pids;
    }

    // the first line of postmaster.pid in the data directory (a backend's parent would do too, but a backend
    // ends with its connection, and then it has no parent to ask for)
    private static long postmasterPid() {
        PostgresServer server = TestPostgres.server();
        try (Connection admin = DriverManager.getConnection(server.jdbcUrl(server.adminDatabase()), server.user(),
                server.password()); Statement statement = admin.createStatement();
                ResultSet row = statement.executeQuery("SHOW data_directory")) {
            row.next();
            Path pidFile = Path.of(row.getString(1), "postmaster.pid");
            return Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        } catch (SQLException | IOException | RuntimeException e) {
            throw new IllegalStateException("cannot find the postmaster of " + server.description(), e);
        }
    }

    private static void signal(String signal, List<Long> pids) {
        List<String> command = new ArrayList<>(List.of("kill", signal));
        pids.forEach(pid -> command.add(Long.toString(pid)));
        try {
            Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(kill.getInputStream().readAllBytes());
            // a backend that ended after the list was taken is gone already: nothing to pause or resume
            if (kill.waitFor() != 0 && !output.contains("No such process")) {
                throw new IllegalStateException("kill " + signal + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run kill " + signal, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling PostgreSQL", e);
        }
    }
}
