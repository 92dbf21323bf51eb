package dev.bpfbook.lang.check;

import dev.bpfbook.lang.ast.Span;

/**
 * Where bpftrace 0.17 puts its checker errors. Its lexer moves a location's start only when it skips
 * white space (outside strings and comments) or a newline, so a token written right after other tokens,
 * like "@m" in "print(@m)", starts where that run of characters starts: bpftrace underlines "print(@m".
 */
final class BisonLocations {
    private BisonLocations() {}

    /** {@code s} with its start moved back to where bpftrace's lexer last stepped over white space. */
    static Span stepped(String source, Span s) {
        if (s.line() <= 0 || s.col() <= 1) return s;
        int target = offset(source, s.line(), s.col());
        if (target < 0) return s;
        int lastStep = 0;
        int state = 0; // 0 code, 1 string, 2 line comment, 3 block comment
        for (int i = 0; i < target; i++) {
            char ch = source.charAt(i);
            char next = i + 1 < source.length() ? source.charAt(i + 1) : 0;
            if (ch == '\n') {
                state = state == 3 ? 3 : 0;
                lastStep = i + 1;
                continue;
            }
            switch (state) {
                case 0 -> {
                    if (ch == ' ' || ch == '\t' || ch == '\r') lastStep = i + 1;
                    else if (ch == '"') state = 1;
                    else if (ch == '/' && next == '/') state = 2;
                    else if (ch == '/' && next == '*') { state = 3; i++; }
                }
                case 1 -> {
                    if (ch == '\\') i++;
                    else if (ch == '"') state = 0;
                }
                case 3 -> {
                    if (ch == '*' && next == '/') { state = 0; i++; }
                }
                default -> { }
            }
        }
        int lineStart = target - (s.col() - 1);
        if (lastStep < lineStart) lastStep = lineStart;
        return new Span(s.line(), s.col() - (target - lastStep), s.endLine(), s.endCol());
    }

    /** The first {@code length} columns of {@code s}: an operator or a name that starts the node. */
    static Span head(Span s, int length) {
        return new Span(s.line(), s.col(), s.line(), s.col() + length);
    }

    /**
     * The span of {@code token}, the first one after {@code after} on the same line (skipping blanks),
     * like the '=' after an assignment's target; null when it is not there.
     */
    static Span tokenAfter(String source, Span after, String token) {
        int from = offset(source, after.endLine(), after.endCol());
        if (from < 0) return null;
        int i = from;
        while (i < source.length() && (source.charAt(i) == ' ' || source.charAt(i) == '\t')) i++;
        if (!source.startsWith(token, i)) return null;
        int col = after.endCol() + (i - from);
        return new Span(after.endLine(), col, after.endLine(), col + token.length());
    }

    /** The text {@code s} covers when it lies on one line, else "". */
    static String text(String source, Span s) {
        if (s.line() <= 0 || s.endLine() != s.line()) return "";
        int from = offset(source, s.line(), s.col());
        int to = offset(source, s.line(), s.endCol());
        return from < 0 || to < from ? "" : source.substring(from, to);
    }

    /** 0-based offset of 1-based (line, col) in {@code source}, or -1 when outside it. */
    private static int offset(String source, int line, int col) {
        int off = 0;
        for (int l = 1; l < line; l++) {
            int nl = source.indexOf('\n', off);
            if (nl < 0) return -1;
            off = nl + 1;
        }
        int at = off + col - 1;
        return at <= source.length() ? at : -1;
    }
}
