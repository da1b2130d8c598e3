package dev.stalewatch.triageservice.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;

import dev.stalewatch.testkit.quarkus.KafkaTestResource;
import dev.stalewatch.testkit.quarkus.PostgresTestResource;

/** The real broker with this service's topics, a fresh PostgreSQL database, the LLM stub and snapshot-service stand-in. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(TriageTopics.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = PostgresTestResource.DATABASE_ARG,
        value = "triage"))
@WithTestResource(TriageStubsResource.class)
public @interface TriageServiceTestResources {
}
