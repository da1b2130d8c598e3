package dev.stalewatch.testkit.quarkus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import dev.stalewatch.testkit.kafka.KafkaTopics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;

class QuarkusTestResourcesTest {

    @Test
    void kafkaResourceHandsOutAReachableBrokerUnderBothKeysAndCreatesRequestedTopics() throws Exception {
        KafkaTestResource resource = new KafkaTestResource();
        String topic = KafkaTopics.uniqueName("resource");
        resource.init(Map.of(KafkaTestResource.TOPICS_ARG, topic + ":3"));

        Map<String, String> config = resource.start();

        String bootstrap = config.get("kafka.bootstrap.servers");
        assertEquals(bootstrap, config.get("stalewatch.kafka.bootstrap-servers"));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                .get(20, TimeUnit.SECONDS).get(topic);
            assertEquals(3, description.partitions().size());
        }
    }

    @Test
    void postgresResourceHandsOutAFreshDatabaseAndTurnsDevServicesOff() throws Exception {
        PostgresTestResource first = new PostgresTestResource();
        first.init(Map.of(PostgresTestResource.DATABASE_ARG, "snapshot-service"));
        Map<String, String> config = first.start();
        Map<String, String> other = new PostgresTestResource().start();

        assertEquals("false", config.get("quarkus.devservices.enabled"));
        assertNotEquals(config.get("quarkus.datasource.jdbc.url"), other.get("quarkus.datasource.jdbc.url"));
        try (Connection c = DriverManager.getConnection(config.get("quarkus.datasource.jdbc.url"),
                 config.get("quarkus.datasource.username"), config.get("quarkus.datasource.password"));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_database()")) {
            rs.next();
            assertTrue(rs.getString(1).contains("snapshot_service"), rs.getString(1));
        }
    }
}
