package dev.stalewatch.notifier.client;

/** Short descriptions of transport failures for delivery records and logs. */
final class ChannelErrors {

    private static final int MAX = 300;

    private ChannelErrors() {
    }

    /** The innermost cause's class and message: "ConnectException: Connection refused". */
    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        return text.length() <= MAX ? text : text.substring(0, MAX) + "…";
    }
}
