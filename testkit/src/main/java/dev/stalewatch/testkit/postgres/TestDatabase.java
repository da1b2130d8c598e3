package dev.stalewatch.testkit.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** One database of its own on the shared test server: nothing another test class does is visible here. */
public record TestDatabase(String name, String jdbcUrl, String user, String password) {

    /** A non-pooled DataSource: each getConnection() opens a new real connection. */
    public DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl);
        dataSource.setUser(user);
        dataSource.setPassword(password);
        return dataSource;
    }

    public Connection connect() throws SQLException {
        return dataSource().getConnection();
    }

    /** Drops the schema with everything in it, and creates it empty: a clean slate between tests of one class. */
    public void recreateSchema(String schema) {
        String quoted = "\"" + schema.replace("\"", "\"\"") + "\"";
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + quoted + " CASCADE");
            statement.execute("CREATE SCHEMA " + quoted);
        } catch (SQLException e) {
            throw new IllegalStateException("could not recreate schema " + schema + " in " + name, e);
        }
    }
}
