package dev.stalewatch.triage.python;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The UTF-8 bytes tree-sitter indexes, with byte-offset → line lookup. */
final class SourceText {

    private final byte[] bytes;
    private final int[] lineStarts;

    SourceText(String text) {
        this.bytes = text.getBytes(StandardCharsets.UTF_8);
        int count = 1;
        for (byte b : bytes) {
            if (b == '\n') {
                count++;
            }
        }
        lineStarts = new int[count];
        int line = 1;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                lineStarts[line++] = i + 1;
            }
        }
    }

    int length() {
        return bytes.length;
    }

    String slice(int startByte, int endByte) {
        return new String(bytes, startByte, endByte - startByte, StandardCharsets.UTF_8);
    }

    int lineOf(int byteOffset) {
        int index = Arrays.binarySearch(lineStarts, byteOffset);
        return index >= 0 ? index + 1 : -index - 1;
    }

    /** The whitespace before byteOffset on its line, or null if anything else precedes it there. */
    String indentationIfFirstOnLine(int byteOffset) {
        int lineStart = lineStarts[lineOf(byteOffset) - 1];
        for (int i = lineStart; i < byteOffset; i++) {
            if (bytes[i] != ' ' && bytes[i] != '\t') {
                return null;
            }
        }
        return new String(bytes, lineStart, byteOffset - lineStart, StandardCharsets.US_ASCII);
    }

    /** The leading spaces and tabs of the line holding byteOffset. */
    String indentationOfLine(int byteOffset) {
        int lineStart = lineStarts[lineOf(byteOffset) - 1];
        int end = lineStart;
        while (end < bytes.length && (bytes[end] == ' ' || bytes[end] == '\t')) {
            end++;
        }
        return new String(bytes, lineStart, end - lineStart, StandardCharsets.US_ASCII);
    }
}
