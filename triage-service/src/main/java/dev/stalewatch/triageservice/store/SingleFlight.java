package dev.stalewatch.triageservice.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.stalewatch.messaging.tx.AdvisoryLockKeys;
import dev.stalewatch.triageservice.config.TriageConfig;
import dev.stalewatch.triageservice.service.CacheKey;

/**
 * Lets one decision per cache key run at a time across all replicas: a session-level PostgreSQL
 * advisory lock on a connection of its own, held while the LLM is asked. No transaction stays open
 * meanwhile, and a crashed holder's lock ends with its connection.
 */
@ApplicationScoped
public class SingleFlight {

    /** Work done while holding the lock. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws Exception;
    }

    private final DataSource dataSource;
    private final long namespace;

    @Inject
    public SingleFlight(DataSource dataSource, TriageConfig config) {
        this.dataSource = dataSource;
        this.namespace = AdvisoryLockKeys.of(config.serviceName(), "verdict-cache");
    }

    public <T> T underLock(String cacheKey, Work<T> work) throws Exception {
        long lockKey = namespace ^ CacheKey.leadingBits(cacheKey);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            lock(connection, "SELECT pg_advisory_lock(?)", lockKey);
            try {
                return work.run();
            } finally {
                lock(connection, "SELECT pg_advisory_unlock(?)", lockKey);
            }
        }
    }

    private static void lock(Connection connection, String sql, long key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, key);
            statement.execute();
        }
    }
}
