package dev.stalewatch.notifier.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;

class PushoverAnswerTest {

    @Test
    void status1IsSentWithPushoversRequestId() {
        DeliveryOutcome outcome = PushoverAnswer.classify(200, "{\"status\":1,\"request\":\"req-1\"}");
        assertEquals(new DeliveryOutcome.Sent("req-1"), outcome);
    }

    @Test
    void a200WhoseStatusIsNot1IsRejectedWithTheErrors() {
        DeliveryOutcome outcome = PushoverAnswer.classify(200, "{\"status\":0,\"errors\":[\"a\",\"b\"]}");
        assertEquals(new DeliveryOutcome.Rejected("a; b"), outcome);
    }

    @Test
    void a400IsRejectedWithPushoversErrorsText() {
        DeliveryOutcome outcome = PushoverAnswer.classify(400,
                "{\"user\":\"invalid\",\"errors\":[\"user identifier is invalid\"],\"status\":0,\"request\":\"r\"}");
        assertEquals(new DeliveryOutcome.Rejected("user identifier is invalid"), outcome);
    }

    @Test
    void serverErrorsAndTooManyRequestsAreRetried() {
        assertInstanceOf(DeliveryOutcome.RetryLater.class, PushoverAnswer.classify(500, "<html>500</html>"));
        assertInstanceOf(DeliveryOutcome.RetryLater.class, PushoverAnswer.classify(503, ""));
        assertInstanceOf(DeliveryOutcome.RetryLater.class,
                PushoverAnswer.classify(429, "{\"status\":0,\"errors\":[\"limit\"]}"));
    }

    @Test
    void a200ThatIsNotPushoversJsonIsRetriedBecauseDeliveryIsUnknown() {
        assertInstanceOf(DeliveryOutcome.RetryLater.class, PushoverAnswer.classify(200, "<html>proxy</html>"));
        assertInstanceOf(DeliveryOutcome.RetryLater.class, PushoverAnswer.classify(200, "{\"status\":1,\"req"));
    }
}
