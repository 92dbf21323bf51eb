package dev.bpfbook.lang.syntax;

import dev.bpfbook.lang.syntax.grammar.BpftraceLexer;
import dev.bpfbook.lang.syntax.grammar.BpftraceParser;

import dev.bpfbook.lang.ast.Span;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/** Spans of tokens and parse-tree nodes in the user's original text. */
final class TokenSpans {
    private final SourceMap map;

    TokenSpans(SourceMap map) {
        this.map = map;
    }

    static int length(Token t) {
        return t.getType() == Token.EOF ? 0 : t.getText().length();
    }

    /** Output line of the token's exclusive end. */
    static int endLine(Token t) {
        if (t.getType() == Token.EOF) return t.getLine();
        String text = t.getText();
        int n = 0;
        for (int i = 0; i < text.length(); i++) if (text.charAt(i) == '\n') n++;
        return t.getLine() + n;
    }

    /** Output 0-based exclusive end column of the token. */
    static int endCol0(Token t) {
        if (t.getType() == Token.EOF) return t.getCharPositionInLine();
        String text = t.getText();
        int nl = text.lastIndexOf('\n');
        return nl < 0 ? t.getCharPositionInLine() + text.length() : text.length() - nl - 1;
    }

    Span of(Token t) {
        return of(t, t);
    }

    /** From the start of {@code first} to the end of {@code last}. */
    Span of(Token first, Token last) {
        return map.span(first.getLine(), first.getCharPositionInLine(), endLine(last), endCol0(last));
    }

    /** A span inside one single-line token, by offsets into its text. */
    Span inside(Token t, int from, int to) {
        int col = t.getCharPositionInLine();
        return map.span(t.getLine(), col + from, t.getLine(), col + to);
    }

    /** The span of the first {@code length} characters of a (possibly multi-line) token. */
    Span prefix(Token t, int length) {
        String text = t.getText().substring(0, length);
        int nl = text.lastIndexOf('\n');
        int lines = (int) text.chars().filter(c -> c == '\n').count();
        int endCol0 = nl < 0 ? t.getCharPositionInLine() + length : length - nl - 1;
        return map.span(t.getLine(), t.getCharPositionInLine(), t.getLine() + lines, endCol0);
    }

    Span of(ParserRuleContext ctx) {
        Token stop = ctx.getStop();
        if (stop == null || stop.getTokenIndex() < ctx.getStart().getTokenIndex()) stop = ctx.getStart();
        return of(ctx.getStart(), stop);
    }
}
