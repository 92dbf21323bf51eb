package dev.bpfbook.lang.ast;

/**
 * A range in the user's original source (after preprocessing, mapped back to original lines).
 * Lines and columns are 1-based; {@code endCol} is exclusive, so a one-character token at column 5
 * is {@code (line, 5, line, 6)}. bpftrace prints this as {@code LINE:COL-ENDCOL}.
 */
public record Span(int line, int col, int endLine, int endCol) {
    public static final Span NONE = new Span(0, 0, 0, 0);

    public Span to(Span other) {
        return new Span(line, col, other.endLine, other.endCol);
    }
}
