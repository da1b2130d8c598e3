package dev.stalewatch.testkit.stub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The Anthropic Messages API ({@code POST /v1/messages}) on a local port, answering in the real response
 * shape with a text the test chooses. Like the real API it refuses a request without {@code x-api-key}
 * (401) or {@code anthropic-version} (400), and a body that is not JSON (400).
 */
public final class AnthropicStub extends StubHttpServer {

    public static final String PATH = "/v1/messages";
    public static final String DEFAULT_ANSWER = "{\"verdict\":\"cosmetic\",\"reason\":\"stub: only formatting changed\"}";

    private volatile String answerText = DEFAULT_ANSWER;
    private volatile String stopReason = "end_turn";
    private volatile String expectedApiKey;

    private AnthropicStub() {
        super(PATH);
    }

    public static AnthropicStub start() {
        return new AnthropicStub();
    }

    /** The text of the single text block of every following answer. */
    public AnthropicStub answerText(String text) {
        this.answerText = text;
        return this;
    }

    /** {@code end_turn} by default; {@code max_tokens}, {@code refusal}, {@code stop_sequence} as the API sends them. */
    public AnthropicStub stopReason(String reason) {
        this.stopReason = reason;
        return this;
    }

    /** From now on a request with another {@code x-api-key} gets the API's 401. */
    public AnthropicStub expectApiKey(String apiKey) {
        this.expectedApiKey = apiKey;
        return this;
    }

    /** Every request received, oldest first, parsed. */
    public List<AnthropicRequest> received() {
        return requests().stream().map(AnthropicRequest::of).toList();
    }

    @Override
    protected StubAnswer answer(StubRequest request) {
        String apiKey = request.header("x-api-key");
        if (apiKey == null || apiKey.isBlank()) {
            return error(401, "authentication_error", "x-api-key header is required");
        }
        if (expectedApiKey != null && !expectedApiKey.equals(apiKey)) {
            return error(401, "authentication_error", "invalid x-api-key");
        }
        if (request.header("anthropic-version") == null) {
            return error(400, "invalid_request_error", "anthropic-version: header is required");
        }
        JsonNode body = Json.read(request.body()).orElse(null);
        if (body == null || !body.isObject()) {
            return error(400, "invalid_request_error", "There was an issue with the format of your request");
        }
        if (!body.hasNonNull("max_tokens")) {
            return error(400, "invalid_request_error", "max_tokens: Field required");
        }
        return StubAnswer.json(200, Json.write(message(body, request.body().length())))
            .withHeader("request-id", StubIds.withPrefix("req_"));
    }

    private ObjectNode message(JsonNode request, int requestLength) {
        String text = answerText;
        ObjectNode message = Json.object();
        message.put("id", StubIds.withPrefix("msg_"));
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("model", request.path("model").asText("claude-stub"));
        message.putArray("content").addObject().put("type", "text").put("text", text);
        message.put("stop_reason", stopReason);
        message.putNull("stop_sequence");
        ObjectNode usage = message.putObject("usage");
        // roughly four characters a token, as the real API counts English text
        usage.put("input_tokens", Math.max(1, requestLength / 4));
        usage.put("output_tokens", Math.max(1, text.length() / 4));
        return message;
    }

    @Override
    protected StubAnswer errorAnswer(int status) {
        return error(status, errorType(status), "stub failure with status " + status);
    }

    private static StubAnswer error(int status, String type, String message) {
        ObjectNode body = Json.object();
        body.put("type", "error");
        body.putObject("error").put("type", type).put("message", message);
        body.put("request_id", StubIds.withPrefix("req_"));
        return StubAnswer.json(status, Json.write(body));
    }

    private static String errorType(int status) {
        return switch (status) {
            case 400 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 402 -> "billing_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 504 -> "timeout_error";
            case 529 -> "overloaded_error";
            default -> "api_error";
        };
    }
}
