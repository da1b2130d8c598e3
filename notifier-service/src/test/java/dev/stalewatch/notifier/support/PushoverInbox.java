package dev.stalewatch.notifier.support;

import java.time.Duration;
import java.util.List;

import dev.stalewatch.testkit.stub.PushoverMessage;
import dev.stalewatch.testkit.stub.PushoverStub;

/** The pushes the stub received for one job (tests share the stub; each uses jobs of its own). */
public final class PushoverInbox {

    private PushoverInbox() {
    }

    public static List<PushoverMessage> forJob(PushoverStub stub, String job) {
        return stub.messages().stream()
                .filter(m -> m.title() != null && (m.title().startsWith("jobs: " + job + "/")
                        || m.title().startsWith("jobs: " + job + ":")))
                .toList();
    }

    public static List<PushoverMessage> awaitForJob(PushoverStub stub, String job, int count, Duration timeout) {
        return Await.until(count + " push(es) for " + job, timeout, () -> forJob(stub, job), l -> l.size() >= count);
    }

    /** Waits a while longer and returns everything for the job: for "and nothing more" assertions. */
    public static List<PushoverMessage> settledForJob(PushoverStub stub, String job, Duration quiet) {
        Await.sleep(quiet);
        return forJob(stub, job);
    }
}
