package dev.bpfbook.lang.syntax;

import dev.bpfbook.lang.ast.Span;
import dev.bpfbook.lang.diag.CompileException;
import dev.bpfbook.lang.diag.Diagnostic;
import dev.bpfbook.lang.diag.Diagnostics;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The subset of the C preprocessor that bpftrace scripts use: object-like {@code #define}s
 * (substituted as whole identifiers outside strings and comments), {@code #undef},
 * {@code #ifdef}/{@code #ifndef}/{@code #if}/{@code #elif}/{@code #else}/{@code #endif},
 * and {@code #include} (skipped: types come from BTF). A leading {@code #!} line is dropped.
 * Every directive line becomes an empty line, so line numbers never move; {@link SourceMap} maps the
 * columns shifted by substitutions back to the original.
 */
public final class Preprocessor {

    /** The preprocessed text, its map back to the original, and the macros defined at the end. */
    public record Output(String text, SourceMap map, Map<String, String> macros) {
        public Output {
            macros = Map.copyOf(macros);
        }
    }

    private final String sourceName;
    private final String source;
    private final Map<String, String> macros = new LinkedHashMap<>();
    private final Deque<Cond> conds = new ArrayDeque<>();
    private boolean inBlockComment;

    /** One open #if group. */
    private static final class Cond {
        final boolean parentActive;
        final Span span;
        boolean taken;
        boolean active;
        boolean sawElse;

        Cond(boolean parentActive, boolean value, Span span) {
            this.parentActive = parentActive;
            this.span = span;
            this.active = parentActive && value;
            this.taken = value;
        }
    }

    private Preprocessor(String source, String sourceName, Set<String> predefined) {
        this.source = source;
        this.sourceName = sourceName;
        for (String name : predefined) macros.put(name, "1");
    }

    /** Preprocesses {@code source}; {@code predefined} names are defined (as 1) before the first line. */
    public static Output run(String source, String sourceName, Set<String> predefined) throws CompileException {
        return new Preprocessor(source, sourceName, predefined).process();
    }

    private boolean active() {
        return conds.isEmpty() || conds.peek().active;
    }

    private Output process() throws CompileException {
        String[] lines = source.split("\n", -1);
        int[][] starts = new int[lines.length][];
        int[][] ends = new int[lines.length][];
        StringBuilder out = new StringBuilder(source.length());
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (i > 0) out.append('\n');
            if (i == 0 && line.startsWith("#!")) continue;
            if (!inBlockComment && line.stripLeading().startsWith("#")) {
                // A directive, possibly continued with trailing backslashes onto following lines.
                int first = i;
                StringBuilder directive = new StringBuilder(line);
                while (directive.toString().endsWith("\\") && i + 1 < lines.length) {
                    directive.setLength(directive.length() - 1);
                    directive.append(' ').append(lines[++i]);
                    out.append('\n');
                }
                directive(directive.toString(), first + 1, line);
                continue;
            }
            if (!active()) {
                skipComments(line);
                continue;
            }
            substitute(line, out, i, starts, ends);
        }
        if (!conds.isEmpty()) {
            throw error(conds.peek().span, "unterminated conditional directive");
        }
        return new Output(out.toString(), new SourceMap(starts, ends), macros);
    }

    // ---------------------------------------------------------------- directives

    private void directive(String text, int lineNo, String firstLine) throws CompileException {
        int hash = text.indexOf('#');
        int p = hash + 1;
        while (p < text.length() && Character.isWhitespace(text.charAt(p))) p++;
        int wordStart = p;
        while (p < text.length() && Character.isLetter(text.charAt(p))) p++;
        String word = text.substring(wordStart, p);
        String rest = stripComment(text.substring(p)).strip();
        Span span = new Span(lineNo, hash + 1, lineNo, firstLine.stripTrailing().length() + 1);
        Span wordSpan = new Span(lineNo, hash + 1, lineNo, p + 1);
        switch (word) {
            case "ifdef", "ifndef" -> {
                String name = identifierAt(rest, 0);
                if (name.isEmpty()) throw error(span, "#" + word + " requires a macro name");
                boolean defined = macros.containsKey(name);
                conds.push(new Cond(active(), word.equals("ifdef") == defined, span));
            }
            case "if" -> {
                boolean value = active() && evaluate(rest, span);
                conds.push(new Cond(active(), value, span));
            }
            case "elif" -> {
                Cond c = open(word, wordSpan);
                if (c.sawElse) throw error(wordSpan, "#elif after #else");
                boolean value = !c.taken && c.parentActive && evaluate(rest, span);
                c.active = c.parentActive && value;
                c.taken |= value;
            }
            case "else" -> {
                Cond c = open(word, wordSpan);
                if (c.sawElse) throw error(wordSpan, "#else after #else");
                c.sawElse = true;
                c.active = c.parentActive && !c.taken;
                c.taken = true;
            }
            case "endif" -> {
                open(word, wordSpan);
                conds.pop();
            }
            case "define" -> {
                if (!active()) return;
                String name = identifierAt(rest, 0);
                if (name.isEmpty()) throw error(span, "#define requires a macro name");
                if (rest.length() > name.length() && rest.charAt(name.length()) == '(') {
                    throw error(span, "function-like macros are not supported: " + name);
                }
                macros.put(name, rest.substring(name.length()).strip());
            }
            case "undef" -> {
                if (active()) macros.remove(identifierAt(rest, 0));
            }
            case "error" -> {
                if (active()) throw error(span, "#error " + rest);
            }
            default -> {
                // #include (types come from BTF), #pragma, #line, #warning and the null directive
                // have no effect on a bpftrace program.
            }
        }
    }

    private Cond open(String word, Span span) throws CompileException {
        if (conds.isEmpty()) throw error(span, "#" + word + " without #if");
        return conds.peek();
    }

    private static String identifierAt(String s, int from) {
        int p = from;
        if (p >= s.length() || !isIdentStart(s.charAt(p))) return "";
        while (p < s.length() && isIdentPart(s.charAt(p))) p++;
        return s.substring(from, p);
    }

    private static String stripComment(String s) {
        int line = s.indexOf("//");
        if (line >= 0) s = s.substring(0, line);
        int block;
        while ((block = s.indexOf("/*")) >= 0) {
            int end = s.indexOf("*/", block + 2);
            s = s.substring(0, block) + " " + (end < 0 ? "" : s.substring(end + 2));
        }
        return s;
    }

    // ---------------------------------------------------------------- #if expressions

    /** Evaluates a #if condition: integers, macro names, defined(X), !, comparisons, && and ||. */
    private boolean evaluate(String expr, Span span) throws CompileException {
        var e = new CondExpr(expr, span);
        long v = e.or();
        e.skipSpace();
        if (e.p != expr.length()) throw error(span, "invalid #if expression: " + expr);
        return v != 0;
    }

    private final class CondExpr {
        final String s;
        final Span span;
        int p;
        int depth;

        CondExpr(String s, Span span) {
            this.s = s;
            this.span = span;
        }

        void skipSpace() {
            while (p < s.length() && Character.isWhitespace(s.charAt(p))) p++;
        }

        boolean eat(String tok) {
            skipSpace();
            if (s.startsWith(tok, p)) {
                p += tok.length();
                return true;
            }
            return false;
        }

        long or() throws CompileException {
            long v = and();
            while (eat("||")) v = (and() != 0 | v != 0) ? 1 : 0;
            return v;
        }

        long and() throws CompileException {
            long v = cmp();
            while (eat("&&")) v = (cmp() != 0 & v != 0) ? 1 : 0;
            return v;
        }

        long cmp() throws CompileException {
            long v = unary();
            while (true) {
                if (eat("==")) v = v == unary() ? 1 : 0;
                else if (eat("!=")) v = v != unary() ? 1 : 0;
                else if (eat(">=")) v = v >= unary() ? 1 : 0;
                else if (eat("<=")) v = v <= unary() ? 1 : 0;
                else if (eat(">")) v = v > unary() ? 1 : 0;
                else if (eat("<")) v = v < unary() ? 1 : 0;
                else return v;
            }
        }

        long unary() throws CompileException {
            if (eat("!")) return unary() == 0 ? 1 : 0;
            if (eat("(")) {
                long v = or();
                if (!eat(")")) throw error(span, "missing ')' in #if expression");
                return v;
            }
            skipSpace();
            if (p < s.length() && Character.isDigit(s.charAt(p))) {
                int start = p;
                while (p < s.length() && Character.isLetterOrDigit(s.charAt(p))) p++;
                String digits = s.substring(start, p).replaceAll("[uUlL]+$", "");
                try {
                    return Long.decode(digits);
                } catch (NumberFormatException e) {
                    throw error(span, "invalid integer in #if expression: " + digits);
                }
            }
            String name = identifierAt(s, p);
            if (name.isEmpty()) throw error(span, "invalid #if expression: " + s);
            p += name.length();
            if (name.equals("defined")) {
                boolean paren = eat("(");
                skipSpace();
                String what = identifierAt(s, p);
                if (what.isEmpty()) throw error(span, "defined requires a macro name");
                p += what.length();
                if (paren && !eat(")")) throw error(span, "missing ')' after defined");
                return macros.containsKey(what) ? 1 : 0;
            }
            String value = macros.get(name);
            if (value == null || value.isEmpty() || depth > 32) return 0;
            depth++;
            try {
                var inner = new CondExpr(value, span);
                inner.depth = depth;
                return inner.or();
            } finally {
                depth--;
            }
        }
    }

    // ---------------------------------------------------------------- substitution

    /** Tracks block comments through a line that is not copied (inactive region). */
    private void skipComments(String line) {
        int i = 0;
        while (i < line.length()) {
            if (inBlockComment) {
                int end = line.indexOf("*/", i);
                if (end < 0) return;
                inBlockComment = false;
                i = end + 2;
            } else if (line.startsWith("//", i)) {
                return;
            } else if (line.startsWith("/*", i)) {
                inBlockComment = true;
                i += 2;
            } else if (line.charAt(i) == '"') {
                i = skipQuoted(line, i, '"');
            } else {
                i++;
            }
        }
    }

    private static int skipQuoted(String line, int i, char quote) {
        int j = i + 1;
        while (j < line.length() && line.charAt(j) != quote) {
            j += line.charAt(j) == '\\' ? 2 : 1;
        }
        return Math.min(j + 1, line.length());
    }

    private void substitute(String line, StringBuilder out, int index, int[][] starts, int[][] ends) {
        StringBuilder buf = new StringBuilder(line.length());
        // starts[k]: original column of output char k; ends[k]: original exclusive end for output end k.
        int[] s = new int[line.length() + 16];
        int[] e = new int[line.length() + 17];
        boolean changed = false;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            int stop;
            if (inBlockComment) {
                int end = line.indexOf("*/", i);
                stop = end < 0 ? line.length() : end + 2;
                if (end >= 0) inBlockComment = false;
            } else if (line.startsWith("//", i)) {
                stop = line.length();
            } else if (line.startsWith("/*", i)) {
                inBlockComment = true;
                stop = i + 2;
            } else if (c == '"' || c == '\'') {
                stop = skipQuoted(line, i, c);
            } else if (isIdentStart(c) || Character.isDigit(c)) {
                // Numbers such as 0x1f or 10ul are single tokens whose letters are never macros.
                stop = i;
                while (stop < line.length() && isIdentPart(line.charAt(stop))) stop++;
                String name = line.substring(i, stop);
                char before = i > 0 ? line.charAt(i - 1) : ' ';
                if (isIdentStart(c) && macros.containsKey(name) && before != '$' && before != '@') {
                    String value = expand(name, new HashSet<>());
                    for (int k = 0; k < value.length(); k++) {
                        int o = buf.length();
                        if (o + 1 >= s.length) {
                            s = java.util.Arrays.copyOf(s, 2 * s.length + 16);
                            e = java.util.Arrays.copyOf(e, 2 * e.length + 16);
                        }
                        buf.append(value.charAt(k));
                        s[o] = i;
                        e[o + 1] = stop;
                    }
                    changed = true;
                    i = stop;
                    continue;
                }
            } else {
                stop = i + 1;
            }
            for (int k = i; k < stop; k++) {
                int o = buf.length();
                if (o + 1 >= s.length) {
                    s = java.util.Arrays.copyOf(s, 2 * s.length + 16);
                    e = java.util.Arrays.copyOf(e, 2 * e.length + 16);
                }
                buf.append(line.charAt(k));
                s[o] = k;
                e[o + 1] = k + 1;
            }
            i = stop;
        }
        out.append(buf);
        if (!changed) return;
        int n = buf.length();
        s = java.util.Arrays.copyOf(s, n + 1);
        e = java.util.Arrays.copyOf(e, n + 1);
        s[n] = line.length();
        e[0] = 0;
        starts[index] = s;
        ends[index] = e;
    }

    /** The value of a macro with the macros in it expanded, guarding against recursion. */
    private String expand(String name, Set<String> expanding) {
        String value = macros.get(name);
        if (!expanding.add(name)) return name;
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == '"' || c == '\'') {
                int stop = skipQuoted(value, i, c);
                b.append(value, i, stop);
                i = stop;
            } else if (isIdentStart(c)) {
                int stop = i;
                while (stop < value.length() && isIdentPart(value.charAt(stop))) stop++;
                String inner = value.substring(i, stop);
                b.append(macros.containsKey(inner) ? expand(inner, expanding) : inner);
                i = stop;
            } else {
                b.append(c);
                i++;
            }
        }
        expanding.remove(name);
        return b.toString();
    }

    private static boolean isIdentStart(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isIdentPart(char c) {
        return isIdentStart(c) || (c >= '0' && c <= '9');
    }

    private CompileException error(Span span, String message) {
        List<Diagnostic> d = List.of(Diagnostic.error(span, message));
        return new CompileException(d, Diagnostics.render(sourceName, source, d));
    }
}
