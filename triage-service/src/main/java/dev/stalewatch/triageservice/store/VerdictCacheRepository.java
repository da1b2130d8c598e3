package dev.stalewatch.triageservice.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.stalewatch.events.Method;
import dev.stalewatch.events.Verdict;
import dev.stalewatch.triageservice.service.Decision;

/** triage.verdict_cache: LLM verdicts by content pair. It lives in PostgreSQL, so it survives restarts. */
@ApplicationScoped
public class VerdictCacheRepository {

    private final DataSource dataSource;

    @Inject
    public VerdictCacheRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<Decision> find(String key) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT verdict, model, reason FROM triage.verdict_cache WHERE cache_key = ?")) {
            select.setString(1, key);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Decision(Verdict.valueOf(row.getString("verdict")), Method.LLM,
                        row.getString("model"), row.getString("reason")));
            }
        }
    }

    /** Only LLM verdicts are cached; a FALLBACK (or anything else) is refused, so it is asked again next time. */
    public void put(String key, Decision decision) throws SQLException {
        if (decision.method() != Method.LLM) {
            throw new IllegalArgumentException("only LLM verdicts are cached, not " + decision.method());
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO triage.verdict_cache "
                     + "(cache_key, verdict, model, reason) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, key);
            insert.setString(2, decision.verdict().name());
            insert.setString(3, decision.model());
            insert.setString(4, decision.reason());
            insert.executeUpdate();
        }
    }
}
