package dev.stalewatch.notifier.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import dev.stalewatch.messaging.tx.JdbcTransactionRunner;
import dev.stalewatch.testkit.postgres.TestDatabase;
import dev.stalewatch.testkit.postgres.TestPostgres;

/**
 * The fence that keeps a stalled sender (a GC pause, a frozen database) from sending a row whose lease ran
 * out and another sender claimed: its renewal and its marks name an attempt that is no longer the row's.
 * On the notifier's own schema in a real PostgreSQL, without the service around it.
 */
class DeliveryLeaseFenceTest {

    private PGSimpleDataSource dataSource;
    private DeliveryStore store;

    @BeforeEach
    void freshSchema() {
        TestDatabase database = TestPostgres.freshDatabase(DeliveryLeaseFenceTest.class);
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(database.jdbcUrl());
        dataSource.setUser(database.user());
        dataSource.setPassword(database.password());
        dataSource.setCurrentSchema("notifier");
        Flyway.configure().dataSource(dataSource).schemas("notifier").defaultSchema("notifier")
                .locations("classpath:db/migration").load().migrate();
        store = new DeliveryStore();
        store.transactions = new JdbcTransactionRunner(dataSource);
    }

    @Test
    void aSenderWhoseLeaseRanOutAndWasTakenOverCannotRenewNorMarkTheRow() throws Exception {
        long id = queueDelivery();
        ClaimedDelivery stalled = only(store.claim(5, Duration.ofMillis(1)));
        Thread.sleep(20); // its lease is over
        ClaimedDelivery takenOver = only(store.claim(5, Duration.ofMinutes(1)));

        assertEquals(id, takenOver.id());
        assertTrue(takenOver.reclaimed(), "the second claim knows the row was claimed before");
        assertFalse(store.renewLease(stalled, Duration.ofMinutes(1)), "the stalled sender renewed a row it lost");
        assertFalse(store.markSent(stalled, "r-old"), "the stalled sender marked a row it lost");
        assertTrue(store.renewLease(takenOver, Duration.ofMinutes(1)));
        assertTrue(store.markSent(takenOver, "r-new"));
        assertEquals("SENT r-new", stateOf(id));
    }

    @Test
    void aSenderWithinItsLeaseRenewsAndNoOtherSenderClaimsTheRow() throws Exception {
        long id = queueDelivery();
        ClaimedDelivery claimed = only(store.claim(5, Duration.ofMinutes(1)));

        assertEquals(List.of(), store.claim(5, Duration.ofMinutes(1)), "a row under lease was claimed twice");
        assertTrue(store.renewLease(claimed, Duration.ofMinutes(1)));
        assertTrue(store.markSent(claimed, "r-1"));
        assertEquals("SENT r-1", stateOf(id));
    }

    private static ClaimedDelivery only(List<ClaimedDelivery> claimed) {
        assertEquals(1, claimed.size(), "claimed " + claimed);
        return claimed.get(0);
    }

    private long queueDelivery() throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement push = connection.prepareStatement("INSERT INTO push (job_id, title, message, url, "
                        + "url_title) VALUES ('fence', 'jobs: fence/score changed (semantic)', 'm', 'http://x/c', 'Review') "
                        + "RETURNING id");
                ResultSet pushId = push.executeQuery()) {
            pushId.next();
            try (PreparedStatement delivery = connection.prepareStatement(
                    "INSERT INTO delivery (push_id, channel, state) VALUES (?, 'pushover', 'PENDING') RETURNING id")) {
                delivery.setLong(1, pushId.getLong(1));
                try (ResultSet row = delivery.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        }
    }

    private String stateOf(long id) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT state || ' ' || coalesce(remote_id, '-') FROM delivery WHERE id = ?")) {
            query.setLong(1, id);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }
}
