package dev.bpfbook.runtime.format;

import java.nio.charset.StandardCharsets;

/** bpftrace 0.17's JSON string escaping, quirks included. */
final class Json {
    private Json() {}

    static String quote(String s) {
        return "\"" + escape(s) + "\"";
    }

    /**
     * Escapes like bpftrace: quote, backslash, \n, \r, \t by name, other control bytes as \\u00XX. bpftrace
     * tests bytes as a signed char, so every byte of a non-ASCII UTF-8 sequence comes out as
     * \\uffffffXX; we reproduce that so the output stays byte-identical.
     */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else if (c < 0x80) {
                        sb.append(c);
                    } else {
                        int end = Character.isHighSurrogate(c) && i + 1 < s.length() ? i + 2 : i + 1;
                        for (byte b : s.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                            sb.append("\\u").append(Integer.toHexString(b));
                        }
                        i = end - 1;
                    }
                }
            }
        }
        return sb.toString();
    }
}
