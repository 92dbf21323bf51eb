package dev.bpfbook.kernel;

/**
 * Answers Jupyter's is_complete_request for a console: a cell with unclosed braces, parentheses,
 * brackets, a string or a block comment is incomplete (the next line is indented two spaces per open
 * level); a stray or mismatched closing bracket is invalid; anything else is complete. The compiler
 * judges the rest when the cell runs.
 */
final class IsComplete {
    static final String COMPLETE = "complete";
    static final String INVALID = "invalid";

    private IsComplete() {
    }

    /** "complete", "invalid", or the indent for the next line of an incomplete cell. */
    static String of(String code) {
        Nesting nesting = Nesting.of(code);
        if (nesting.broken()) return INVALID;
        if (nesting.depth() > 0) return "  ".repeat(nesting.depth());
        if (nesting.inside() == Nesting.Inside.STRING || nesting.inside() == Nesting.Inside.BLOCK_COMMENT) return "  ";
        return COMPLETE;
    }
}
