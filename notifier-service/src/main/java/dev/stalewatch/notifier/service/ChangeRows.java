package dev.stalewatch.notifier.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import dev.stalewatch.notifier.client.ChangeSummary;

/** Reads the changes behind a digest window or a push, oldest first. */
final class ChangeRows {

    private ChangeRows() {
    }

    static List<ChangeSummary> ofDigest(Connection tx, long digestId) throws SQLException {
        return read(tx, "digest_id", digestId);
    }

    static List<ChangeSummary> ofPush(Connection tx, long pushId) throws SQLException {
        return read(tx, "push_id", pushId);
    }

    private static List<ChangeSummary> read(Connection tx, String column, long id) throws SQLException {
        try (PreparedStatement select = tx.prepareStatement(
                "SELECT change_id, job_id, stage, old_hash, new_hash, method, reason, stale_items, id"
                        + " FROM notification WHERE " + column + " = ? ORDER BY id")) {
            select.setLong(1, id);
            List<ChangeSummary> changes = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    changes.add(new ChangeSummary(rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7),
                            rows.getLong(8)));
                }
            }
            return changes;
        }
    }

    static List<Long> idsOfDigest(Connection tx, long digestId) throws SQLException {
        try (PreparedStatement select = tx.prepareStatement("SELECT id FROM notification WHERE digest_id = ? ORDER BY id")) {
            select.setLong(1, digestId);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
            return ids;
        }
    }
}
