package dev.bpfbook.kernel;

/**
 * How deep a position in a cell sits in braces, parentheses and brackets, and whether it is inside a
 * string or a comment. Strings and comments hide their brackets; a closing bracket with no (or the
 * wrong) opener makes the text {@code broken}.
 *
 * @param open the unclosed openers, innermost last, e.g. "{("
 */
record Nesting(String open, Inside inside, boolean broken) {

    enum Inside { CODE, STRING, LINE_COMMENT, BLOCK_COMMENT }

    static Nesting of(String code) {
        return of(code, code.length());
    }

    /** The state just before {@code end}. */
    static Nesting of(String code, int end) {
        StringBuilder open = new StringBuilder();
        boolean broken = false;
        int i = 0;
        while (i < end) {
            char c = code.charAt(i);
            char next = i + 1 < end ? code.charAt(i + 1) : 0;
            if (c == '/' && next == '/') {
                int nl = code.indexOf('\n', i);
                if (nl < 0 || nl >= end) return new Nesting(open.toString(), Inside.LINE_COMMENT, broken);
                i = nl + 1;
            } else if (c == '/' && next == '*') {
                int close = code.indexOf("*/", i + 2);
                if (close < 0 || close + 2 > end) return new Nesting(open.toString(), Inside.BLOCK_COMMENT, broken);
                i = close + 2;
            } else if (c == '"') {
                int j = i + 1;
                while (j < end && code.charAt(j) != '"') {
                    j += code.charAt(j) == '\\' ? 2 : 1;
                }
                if (j >= end) return new Nesting(open.toString(), Inside.STRING, broken);
                i = j + 1;
            } else {
                if (c == '{' || c == '(' || c == '[') {
                    open.append(c);
                } else if (c == '}' || c == ')' || c == ']') {
                    char opener = c == '}' ? '{' : c == ')' ? '(' : '[';
                    if (open.length() > 0 && open.charAt(open.length() - 1) == opener) {
                        open.setLength(open.length() - 1);
                    } else {
                        broken = true;
                    }
                }
                i++;
            }
        }
        return new Nesting(open.toString(), Inside.CODE, broken);
    }

    int depth() {
        return open.length();
    }

    boolean inCode() {
        return inside == Inside.CODE;
    }
}
