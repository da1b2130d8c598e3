package dev.stalewatch.testkit.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

/** A frozen server keeps its connections but answers nothing until it is resumed. */
class PostgresPauseTest {

    @Test
    void aFrozenServerAnswersNoQueryAndAnswersAgainOnceResumed() throws Exception {
        TestDatabase database = TestPostgres.freshDatabase(PostgresPauseTest.class);
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(),
                database.password())) {
            assertEquals(1, selectOne(connection));
            try (PostgresPause pause = PostgresPause.freeze()) {
                assertTrue(pause.processes() > 1, "the postmaster and its backends: " + pause.processes());
                connection.setNetworkTimeout(Runnable::run, 1_000);
                assertThrows(SQLException.class, () -> selectOne(connection), "a frozen server answered");
            }
        }
        // the connection that timed out is closed by the driver; a new one works at once
        try (Connection again = DriverManager.getConnection(database.jdbcUrl(), database.user(),
                database.password())) {
            assertEquals(1, selectOne(again));
        }
    }

    private static int selectOne(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery("SELECT 1")) {
            row.next();
            return row.getInt(1);
        }
    }
}
