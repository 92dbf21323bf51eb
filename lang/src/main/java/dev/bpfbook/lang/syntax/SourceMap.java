package dev.bpfbook.lang.syntax;

import dev.bpfbook.lang.ast.Span;

import java.util.Arrays;

/**
 * Maps positions in the preprocessed text back to the user's original text. Lines never move
 * (directives become empty lines); only columns shift where a macro name was replaced by its value.
 * Characters of a replacement map to the start of the macro name, and an end inside or at the end of
 * a replacement maps to the end of the name, so a span over a replaced token covers the name.
 */
public final class SourceMap {
    /** Per output line: original column of each output column; null where the line is unchanged. */
    private final int[][] starts;
    /** Per output line: original exclusive end column for each output exclusive end column. */
    private final int[][] ends;

    SourceMap(int[][] starts, int[][] ends) {
        this.starts = starts;
        this.ends = ends;
    }

    static SourceMap identity(int lines) {
        return new SourceMap(new int[lines][], new int[lines][]);
    }

    /** Original 0-based column of the character at output (line, col0). */
    int startCol(int line, int col0) {
        int[] m = line >= 1 && line <= starts.length ? starts[line - 1] : null;
        if (m == null) return col0;
        if (col0 < m.length) return m[col0];
        return m[m.length - 1] + (col0 - (m.length - 1));
    }

    /** Original 0-based exclusive end column for output exclusive end (line, col0). */
    int endCol(int line, int col0) {
        int[] m = line >= 1 && line <= ends.length ? ends[line - 1] : null;
        if (m == null) return col0;
        if (col0 < m.length) return m[col0];
        return m[m.length - 1] + (col0 - (m.length - 1));
    }

    /** A span in original 1-based coordinates from output (line, col0) start and exclusive end. */
    public Span span(int line, int col0, int endLine, int endCol0) {
        return new Span(line, startCol(line, col0) + 1, endLine, endCol(endLine, endCol0) + 1);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("SourceMap[");
        for (int i = 0; i < starts.length; i++) {
            if (starts[i] != null) b.append(i + 1).append(':').append(Arrays.toString(starts[i])).append(' ');
        }
        return b.append(']').toString();
    }
}
