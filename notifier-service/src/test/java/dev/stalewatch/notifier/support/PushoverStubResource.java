package dev.stalewatch.notifier.support;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import dev.stalewatch.testkit.stub.PushoverStub;

/** Starts testkit's Pushover stub and points the production client at it. */
public class PushoverStubResource implements QuarkusTestResourceLifecycleManager {

    private PushoverStub stub;

    @Override
    public Map<String, String> start() {
        stub = PushoverStub.start();
        return Map.of("stalewatch.notifier.pushover.base-url", stub.baseUrl());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(stub, new TestInjector.AnnotatedAndMatchesType(InjectPushoverStub.class,
                PushoverStub.class));
    }

    @Override
    public void stop() {
        if (stub != null) {
            stub.close();
        }
    }
}
