package dev.stalewatch.notifier.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.stalewatch.events.ChangeDecided;
import dev.stalewatch.notifier.client.LoggingPushoverChannel;
import dev.stalewatch.notifier.support.Await;
import dev.stalewatch.notifier.support.Decisions;
import dev.stalewatch.notifier.support.InjectPushoverStub;
import dev.stalewatch.notifier.support.NotifierTestResources;
import dev.stalewatch.notifier.support.PushoverInbox;
import dev.stalewatch.notifier.support.WebhookReceiver;
import dev.stalewatch.testkit.stub.PushoverStub;

/** Without Pushover credentials pushes are logged, marked; the webhook gets them with the same retry rules. */
@QuarkusTest
@TestProfile(NoCredentialsWithWebhookProfile.class)
@NotifierTestResources
class NoCredentialsWithWebhookTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Path LOG = Path.of("target/quarkus-test.log");
    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectPushoverStub
    PushoverStub stub;

    @Test
    void withoutCredentialsAPushIsLoggedMarkedAndTheWebhookGetsItOnceAfterA503() throws Exception {
        WebhookReceiver webhook = WebhookReceiver.shared();
        webhook.failNext(1);
        String job = Decisions.uniqueJob("nocreds");
        ChangeDecided decision = Decisions.semantic(job, "extract");

        Decisions.publish(decision);
        Decisions.publish(decision);

        List<WebhookReceiver.Received> posts = Await.until("two webhook POSTs", WAIT,
                () -> webhook.received().stream().filter(r -> r.body().contains(job)).toList(), l -> l.size() >= 2);
        Await.sleep(Duration.ofMillis(1500));
        assertEquals(2, webhook.received().stream().filter(r -> r.body().contains(job)).count(),
                "one 503, one success, nothing more");
        assertEquals(posts.get(0).idempotencyKey(), posts.get(1).idempotencyKey(), "a retry carries the same key");
        JsonNode payload = JSON.readTree(posts.get(1).body());
        assertEquals("StalewatchPush", payload.path("type").asText());
        assertEquals(Decisions.title(job, "extract"), payload.path("title").asText());
        assertEquals(decision.changeId(), payload.path("changes").get(0).path("changeId").asText());
        assertEquals(1200, payload.path("changes").get(0).path("staleItems").asLong());

        String marked = Await.until("the logged push", WAIT, NoCredentialsWithWebhookTest::log,
                text -> text.contains(LoggingPushoverChannel.MARK + " would push: title=\"" + Decisions.title(job, "extract")));
        assertTrue(marked.contains("Pushover is not configured (PUSHOVER_TOKEN and PUSHOVER_USER not set)"));
        assertTrue(PushoverInbox.forJob(stub, job).isEmpty(), "nothing reaches Pushover without credentials");
    }

    private static String log() {
        try {
            return Files.readString(LOG, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
