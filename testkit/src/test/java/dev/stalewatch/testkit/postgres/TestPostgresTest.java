package dev.stalewatch.testkit.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TestPostgresTest {

    private static TestDatabase database;

    @BeforeAll
    static void createDatabase() {
        database = TestPostgres.freshDatabase(TestPostgresTest.class);
    }

    @Test
    void insertOnConflictDoNothingKeepsTheFirstRow() throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE processed_event (event_id uuid PRIMARY KEY, note text)");
            String id = "0b6c2f7e-8f3c-4a51-9d7e-2f1c3b4a5d6e";
            int first = s.executeUpdate("INSERT INTO processed_event VALUES ('" + id + "', 'first') ON CONFLICT DO NOTHING");
            int second = s.executeUpdate("INSERT INTO processed_event VALUES ('" + id + "', 'second') ON CONFLICT DO NOTHING");

            assertEquals(1, first);
            assertEquals(0, second);
            try (ResultSet rs = s.executeQuery("SELECT note FROM processed_event")) {
                assertTrue(rs.next());
                assertEquals("first", rs.getString(1));
                assertFalse(rs.next());
            }
        }
    }

    @Test
    void anAdvisoryLockHeldByOneConnectionIsRefusedToAnother() throws SQLException {
        try (Connection holder = database.connect(); Connection other = database.connect()) {
            assertTrue(tryAdvisoryLock(holder, 4242));
            assertFalse(tryAdvisoryLock(other, 4242));
            unlock(holder, 4242);
            assertTrue(tryAdvisoryLock(other, 4242));
        }
    }

    @Test
    void freshDatabasesDoNotSeeEachOthersTables() throws SQLException {
        TestDatabase one = TestPostgres.freshDatabase("isolation");
        TestDatabase two = TestPostgres.freshDatabase("isolation");
        assertNotEquals(one.name(), two.name());

        try (Connection c = one.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE only_in_one (id int)");
        }
        try (Connection c = two.connect(); Statement s = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM only_in_one"));
            assertEquals("42P01", e.getSQLState()); // undefined_table
        }
    }

    @Test
    void recreateSchemaEmptiesIt() throws SQLException {
        database.recreateSchema("notifier");
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE notifier.push (id int)");
        }

        database.recreateSchema("notifier");

        try (Connection c = database.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(
                 "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'notifier'")) {
            rs.next();
            assertEquals(0, rs.getInt(1));
        }
    }

    @Test
    void theDataSourceReachesTheSameDatabaseAsTheUrl() throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_database(), version()")) {
            rs.next();
            assertEquals(database.name(), rs.getString(1));
            assertTrue(rs.getString(2).startsWith("PostgreSQL"));
        }
    }

    private static boolean tryAdvisoryLock(Connection connection, long key) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_try_advisory_lock(" + key + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static void unlock(Connection connection, long key) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SELECT pg_advisory_unlock(" + key + ")");
        }
    }
}
