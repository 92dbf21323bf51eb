package dev.bpfbook.lang;

import java.util.regex.Pattern;

/** bpftrace's wildcards in attach points and filters: {@code *} any run of characters, {@code ?} one character. */
public final class Wildcard {
    private Wildcard() {}

    /** A pattern matching the whole of a name against {@code text}; every other character stands for itself. */
    public static Pattern pattern(String text) {
        StringBuilder re = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '*') re.append(".*");
            else if (c == '?') re.append('.');
            else re.append(Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(re.toString());
    }
}
