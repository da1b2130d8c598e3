package dev.stalewatch.testkit.postgres;

import java.io.IOException;
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
        PostgresServer server = TestPostgres.server();
        long backend;
        try (Connection admin = DriverManager.getConnection(server.jdbcUrl(server.adminDatabase()), server.user(),
                server.password()); Statement statement = admin.createStatement();
                ResultSet row = statement.executeQuery("SELECT pg_backend_pid()")) {
            row.next();
            backend = row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot ask " + server.description() + " for its processes", e);
        }
        ProcessHandle postmaster = ProcessHandle.of(backend).flatMap(ProcessHandle::parent)
                .orElseThrow(() -> new IllegalStateException(server.description()
                        + " does not run on this machine: its processes cannot be paused"));
        List<Long> pids = new ArrayList<>();
        pids.add(postmaster.pid());
        postmaster.descendants().map(ProcessHandle::pid)
                .forEach(pids::add);
        return pids;
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
