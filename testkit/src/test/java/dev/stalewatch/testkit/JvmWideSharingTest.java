package dev.stalewatch.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import dev.stalewatch.testkit.kafka.TestKafka;
import dev.stalewatch.testkit.postgres.PostgresServer;
import dev.stalewatch.testkit.postgres.TestPostgres;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/** Quarkus loads test dependencies again in its own class loaders; they must still find the one broker and server. */
class JvmWideSharingTest {

    @Test
    void aSecondCopyOfTestkitInAnotherClassLoaderUsesTheSameBrokerAndPostgres() throws Exception {
        String bootstrap = TestKafka.bootstrapServers();
        String adminUrl = TestPostgres.server().jdbcUrl(TestPostgres.server().adminDatabase());

        try (TestkitAgain isolated = new TestkitAgain()) {
            Class<?> otherKafka = isolated.loadClass(TestKafka.class.getName());
            assertNotSame(TestKafka.class, otherKafka);
            assertEquals(bootstrap, otherKafka.getMethod("bootstrapServers").invoke(null));

            Class<?> otherServerType = isolated.loadClass(PostgresServer.class.getName());
            Object otherServer = isolated.loadClass(TestPostgres.class.getName()).getMethod("server").invoke(null);
            Object adminDatabase = otherServerType.getMethod("adminDatabase").invoke(otherServer);
            assertEquals(adminUrl, otherServerType.getMethod("jdbcUrl", String.class).invoke(otherServer, adminDatabase));
        }
    }

    /** Loads testkit's own classes afresh, everything else from the parent: as Quarkus does for a test dependency. */
    private static final class TestkitAgain extends URLClassLoader {

        TestkitAgain() {
            super(new URL[] {TestKafka.class.getProtectionDomain().getCodeSource().getLocation()},
                JvmWideSharingTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("dev.stalewatch.testkit.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                return loaded != null ? loaded : findClass(name);
            }
        }
    }
}
