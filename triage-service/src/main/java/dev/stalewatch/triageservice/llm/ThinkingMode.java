package dev.stalewatch.triageservice.llm;

import java.util.Locale;

/** Extended thinking as configured: off (temperature 0), adaptive, or a fixed token budget. */
record ThinkingMode(Kind kind, int budgetTokens) {

    enum Kind { DISABLED, ADAPTIVE, BUDGET }

    static ThinkingMode parse(String setting) {
        String value = setting == null ? "" : setting.trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "", "disabled", "off", "none", "0" -> new ThinkingMode(Kind.DISABLED, 0);
            case "adaptive", "on" -> new ThinkingMode(Kind.ADAPTIVE, 0);
            default -> {
                try {
                    int budget = Integer.parseInt(value);
                    if (budget < 1024) {
                        throw new IllegalArgumentException("stalewatch.triage.llm.thinking budget must be >= 1024 tokens");
                    }
                    yield new ThinkingMode(Kind.BUDGET, budget);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(
                            "stalewatch.triage.llm.thinking must be disabled, adaptive or a token budget, was " + setting);
                }
            }
        };
    }
}
