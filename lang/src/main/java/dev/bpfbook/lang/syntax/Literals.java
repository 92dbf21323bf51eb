package dev.bpfbook.lang.syntax;

import java.math.BigInteger;

/** Decoding of literal tokens, with the position of the first problem when a literal is invalid. */
final class Literals {
    private Literals() {}

    /** A problem inside a token: {@code from}/{@code to} are offsets into the token text. */
    record Problem(String message, int from, int to) {}

    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    /** The integer value of an INT token (the 64-bit pattern), or throws with the reason. */
    static long integer(String text) throws ProblemException {
        String t = text.replace("_", "");
        t = t.replaceFirst("(?i)(u|ul|ull|l|ll|lu|llu)$", "");
        BigInteger v;
        try {
            if (t.length() > 2 && (t.startsWith("0x") || t.startsWith("0X"))) {
                v = new BigInteger(t.substring(2), 16);
            } else if (t.length() > 2 && (t.startsWith("0b") || t.startsWith("0B"))) {
                v = new BigInteger(t.substring(2), 2);
            } else if (t.contains("e") || t.contains("E")) {
                String[] parts = t.split("[eE]");
                int exp = Integer.parseInt(parts[1]);
                if (exp > 20) throw new ProblemException(outOfRange(text));
                v = new BigInteger(parts[0]).multiply(BigInteger.TEN.pow(exp));
            } else if (t.length() > 1 && t.startsWith("0")) {
                if (!t.matches("[0-7]+")) {
                    throw new ProblemException(new Problem("invalid octal literal: " + text, 0, text.length()));
                }
                v = new BigInteger(t.substring(1), 8);
            } else {
                v = new BigInteger(t);
            }
        } catch (NumberFormatException e) {
            throw new ProblemException(new Problem("invalid integer literal: " + text, 0, text.length()));
        }
        if (v.compareTo(U64_MAX) > 0) throw new ProblemException(outOfRange(text));
        return v.longValue();
    }

    private static Problem outOfRange(String text) {
        return new Problem("integer literal out of range: " + text, 0, text.length());
    }

    /** Decodes a STRING token (with its quotes). */
    static String string(String text) throws ProblemException {
        return unescape(text, 1, text.length() - 1);
    }

    /** The value of a CHAR token such as 'a' or '\n'. */
    static long character(String text) throws ProblemException {
        String v = unescape(text, 1, text.length() - 1);
        if (v.length() != 1) throw new ProblemException(new Problem("invalid character literal", 0, text.length()));
        return v.charAt(0) & 0xff;
    }

    /**
     * Escapes: \n \t \r \0-\377 (octal, up to 3 digits), \xH or \xHH, \\ \" \'.
     * Anything else is bpftrace's "invalid escape character".
     */
    private static String unescape(String text, int from, int to) throws ProblemException {
        StringBuilder b = new StringBuilder(to - from);
        int i = from;
        while (i < to) {
            char c = text.charAt(i);
            if (c != '\\') {
                b.append(c);
                i++;
                continue;
            }
            if (i + 1 >= to) throw new ProblemException(new Problem("invalid escape character '\\'", 0, i + 1));
            char e = text.charAt(i + 1);
            int next = i + 2;
            switch (e) {
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                case 'r' -> b.append('\r');
                case '\\' -> b.append('\\');
                case '"' -> b.append('"');
                case '\'' -> b.append('\'');
                case 'x' -> {
                    int j = next;
                    while (j < to && j < next + 2 && Character.digit(text.charAt(j), 16) >= 0) j++;
                    if (j == next) {
                        throw new ProblemException(new Problem("invalid escape character '\\x'", 0, next));
                    }
                    b.append((char) Integer.parseInt(text.substring(next, j), 16));
                    next = j;
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int j = i + 1;
                        while (j < to && j < i + 4 && text.charAt(j) >= '0' && text.charAt(j) <= '7') j++;
                        int v = Integer.parseInt(text.substring(i + 1, j), 8);
                        if (v > 0xff) {
                            throw new ProblemException(new Problem("octal escape out of range: \\" + text.substring(i + 1, j), 0, j));
                        }
                        b.append((char) v);
                        next = j;
                    } else {
                        throw new ProblemException(new Problem("invalid escape character '\\" + e + "'", 0, next));
                    }
                }
            }
            i = next;
        }
        return b.toString();
    }

    static final class ProblemException extends Exception {
        final Problem problem;

        ProblemException(Problem problem) {
            super(problem.message(), null, false, false);
            this.problem = problem;
        }
    }
}
