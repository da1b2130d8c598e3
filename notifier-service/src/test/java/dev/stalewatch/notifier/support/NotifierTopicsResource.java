package dev.stalewatch.notifier.support;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import dev.stalewatch.testkit.quarkus.KafkaTestResource;

/** The shared test broker (testkit) with this service's topics, which may exist from an earlier start. */
public class NotifierTopicsResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new KafkaTestResource().start();
        NotifierTopics.ensure();
        return config;
    }

    @Override
    public void stop() {
        // the broker is shared by the JVM
    }
}
