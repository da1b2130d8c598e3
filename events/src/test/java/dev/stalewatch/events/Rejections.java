package dev.stalewatch.events;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.function.Executable;

/** Assertions and JSON surgery shared by the rejection tests. */
final class Rejections {

  static final EventCodec CODEC = new EventCodec();
  private static final ObjectMapper JSON = new ObjectMapper();

  private Rejections() {}

  /** Asserts the action fails with one exception whose violations name {@code path}. */
  static EventValidationException assertRejectedNaming(String path, Executable action) {
    EventValidationException e = assertThrows(EventValidationException.class, action);
    assertTrue(
        e.violations().stream().anyMatch(v -> v.path().equals(path)),
        () -> "expected a violation at " + path + " but got: " + e.getMessage());
    return e;
  }

  /** The valid event's JSON with {@code edit} applied. */
  static byte[] edited(StalewatchEvent event, Consumer<ObjectNode> edit) {
    ObjectNode json = tree(event);
    edit.accept(json);
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }

  static ObjectNode tree(StalewatchEvent event) {
    try {
      return (ObjectNode) JSON.readTree(CODEC.encode(event));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Asserts decoding the edited JSON fails naming {@code path}, both as any event and as the
   * event's own type (the consumers' path, which binds the encoded layout in one pass first).
   */
  static EventValidationException assertDecodeRejects(
      StalewatchEvent event, Consumer<ObjectNode> edit, String path) {
    byte[] bytes = edited(event, edit);
    assertRejectedNaming(path, () -> CODEC.decode(bytes, event.getClass()));
    return assertRejectedNaming(path, () -> CODEC.decode(bytes));
  }
}
