package dev.stalewatch.testkit.stub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * An OpenAI-compatible Chat Completions endpoint ({@code POST /v1/chat/completions}) on a local port:
 * the answer is {@code choices[0].message.content}, with {@code finish_reason} as the test sets it.
 * Refuses a missing {@code Authorization: Bearer} (401) and a body that is not JSON (400).
 */
public final class OpenAiChatStub extends StubHttpServer {

    public static final String PATH = "/v1/chat/completions";

    private volatile String answerText = AnthropicStub.DEFAULT_ANSWER;
    private volatile String finishReason = "stop";
    private volatile String expectedApiKey;

    private OpenAiChatStub() {
        super(PATH);
    }

    public static OpenAiChatStub start() {
        return new OpenAiChatStub();
    }

    public OpenAiChatStub answerText(String text) {
        this.answerText = text;
        return this;
    }

    /** {@code stop} by default; {@code length} or {@code content_filter} as the API sends them. */
    public OpenAiChatStub finishReason(String reason) {
        this.finishReason = reason;
        return this;
    }

    public OpenAiChatStub expectApiKey(String apiKey) {
        this.expectedApiKey = apiKey;
        return this;
    }

    /** Every request received, oldest first, parsed. */
    public List<OpenAiChatRequest> received() {
        return requests().stream().map(OpenAiChatRequest::of).toList();
    }

    @Override
    protected StubAnswer answer(StubRequest raw) {
        OpenAiChatRequest request = OpenAiChatRequest.of(raw);
        if (request.apiKey() == null || (expectedApiKey != null && !expectedApiKey.equals(request.apiKey()))) {
            return error(401, "invalid_request_error", "invalid_api_key", "Incorrect API key provided.");
        }
        JsonNode body = Json.read(raw.body()).orElse(null);
        if (body == null || !body.isObject()) {
            return error(400, "invalid_request_error", null, "We could not parse the JSON body of your request.");
        }
        return StubAnswer.json(200, Json.write(completion(body, raw.body().length())));
    }

    private ObjectNode completion(JsonNode request, int requestLength) {
        String text = answerText;
        ObjectNode completion = Json.object();
        completion.put("id", StubIds.withPrefix("chatcmpl-"));
        completion.put("object", "chat.completion");
        completion.put("created", System.currentTimeMillis() / 1000);
        completion.put("model", request.path("model").asText("gpt-stub"));
        ObjectNode choice = completion.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", text);
        message.putNull("refusal");
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        ObjectNode usage = completion.putObject("usage");
        int prompt = Math.max(1, requestLength / 4);
        int answer = Math.max(1, text.length() / 4);
        usage.put("prompt_tokens", prompt);
        usage.put("completion_tokens", answer);
        usage.put("total_tokens", prompt + answer);
        return completion;
    }

    @Override
    protected StubAnswer errorAnswer(int status) {
        String type = status == 429 ? "rate_limit_exceeded" : status >= 500 ? "server_error" : "invalid_request_error";
        return error(status, type, null, "stub failure with status " + status);
    }

    private static StubAnswer error(int status, String type, String code, String message) {
        ObjectNode body = Json.object();
        ObjectNode error = body.putObject("error");
        error.put("message", message);
        error.put("type", type);
        error.putNull("param");
        if (code == null) {
            error.putNull("code");
        } else {
            error.put("code", code);
        }
        return StubAnswer.json(status, Json.write(body));
    }
}
