package dev.stalewatch.triageservice.prompt;

/** The LLM's text is not exactly one clean verdict; the message says how, in words. */
public class UnusableAnswerException extends Exception {
    public UnusableAnswerException(String message) {
        super(message);
    }
}
