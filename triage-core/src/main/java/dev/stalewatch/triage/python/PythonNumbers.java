package dev.stalewatch.triage.python;

import java.math.BigInteger;
import java.util.Locale;

/** Normalizes a Python number literal to the value CPython's AST holds ({@code 0x10} = {@code 16}). */
final class PythonNumbers {

    private PythonNumbers() {}

    static String valueKey(String text, boolean floatNode, int line) throws UnprovableException {
        String t = text.replace("_", "").toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("j")) {
                return "complex:" + Double.toString(Double.parseDouble(t.substring(0, t.length() - 1)));
            }
            if (floatNode) {
                return "float:" + Double.toString(Double.parseDouble(t));
            }
            if (t.endsWith("l")) {
                throw new UnprovableException(line, "Python 2 long literal " + text);
            }
            if (t.startsWith("0x")) {
                return "int:" + new BigInteger(t.substring(2), 16);
            }
            if (t.startsWith("0o")) {
                return "int:" + new BigInteger(t.substring(2), 8);
            }
            if (t.startsWith("0b")) {
                return "int:" + new BigInteger(t.substring(2), 2);
            }
            if (t.length() > 1 && t.charAt(0) == '0' && !t.chars().allMatch(c -> c == '0')) {
                throw new UnprovableException(line, "leading zeros in decimal literal " + text);
            }
            return "int:" + new BigInteger(t);
        } catch (NumberFormatException malformed) {
            throw new UnprovableException(line, "unreadable number " + text);
        }
    }
}
