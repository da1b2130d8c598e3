package dev.stalewatch.testkit.quarkus;

import dev.stalewatch.testkit.postgres.TestDatabase;
import dev.stalewatch.testkit.postgres.TestPostgres;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} application a fresh database of its own on the shared real PostgreSQL,
 * as the default datasource. The optional init argument {@code database} names it (a hint, made unique).
 *
 * <p>The application must itself set {@code quarkus.devservices.enabled=false} (at least in the {@code %test}
 * profile): Quarkus 3.33 starts Dev Services while building the application, before any test resource runs,
 * and without Docker that build fails. The same key returned here only covers the running application.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String DATABASE_ARG = "database";

    private String hint = "quarkus";

    @Override
    public void init(Map<String, String> initArgs) {
        hint = initArgs.getOrDefault(DATABASE_ARG, hint);
    }

    @Override
    public Map<String, String> start() {
        TestDatabase database = TestPostgres.freshDatabase(hint);
        return Map.of(
            "quarkus.datasource.jdbc.url", database.jdbcUrl(),
            "quarkus.datasource.username", database.user(),
            "quarkus.datasource.password", database.password(),
            "quarkus.devservices.enabled", "false");
    }

    @Override
    public void stop() {
        // the database is left for inspection; it is unique, so no later test trips over it
    }
}
