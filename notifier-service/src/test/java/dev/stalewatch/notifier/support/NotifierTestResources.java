package dev.stalewatch.notifier.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

import dev.stalewatch.testkit.quarkus.PostgresTestResource;

/** The real broker with this service's topics, a fresh PostgreSQL database, and the Pushover stub. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@WithTestResource(value = NotifierTopicsResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = PostgresTestResource.DATABASE_ARG, value = "notifier"))
@WithTestResource(value = PushoverStubResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
public @interface NotifierTestResources {
}
