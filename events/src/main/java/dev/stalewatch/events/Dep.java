package dev.stalewatch.events;

/**
 * A declared input of the stage besides its own code: a helper function ({@link DepKind#CODE},
 * needs a language) or a prompt, model name, constant ({@link DepKind#TEXT}).
 */
public record Dep(String name, DepKind kind, String language, String text) {

  public static Dep code(String name, String language, String text) {
    return new Dep(name, DepKind.CODE, language, text);
  }

  public static Dep text(String name, String text) {
    return new Dep(name, DepKind.TEXT, null, text);
  }
}
