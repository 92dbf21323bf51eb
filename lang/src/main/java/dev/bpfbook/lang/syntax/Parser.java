package dev.bpfbook.lang.syntax;

import dev.bpfbook.lang.syntax.grammar.BpftraceLexer;
import dev.bpfbook.lang.syntax.grammar.BpftraceParser;

import dev.bpfbook.lang.ast.Program;
import dev.bpfbook.lang.ast.Span;
import dev.bpfbook.lang.diag.CompileException;
import dev.bpfbook.lang.diag.Diagnostic;
import dev.bpfbook.lang.diag.Diagnostics;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.ParseCancellationException;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The bpftrace front end: preprocessor, lexer, parser and AST builder. Reports the first error, in
 * bpftrace's form ({@code stdin:1:16-18: ERROR: syntax error, unexpected ;}).
 */
public final class Parser {
    private Parser() {}

    /** Names defined before the first line when the caller does not say otherwise (BTF present). */
    public static final Set<String> DEFAULT_PREDEFINED = Set.of("BPFTRACE_HAVE_BTF");

    /** Parses with {@link #DEFAULT_PREDEFINED}. {@code sourceName} is "stdin" for -e programs, else the path. */
    public static Program parse(String source, String sourceName) throws CompileException {
        return parse(source, sourceName, DEFAULT_PREDEFINED);
    }

    public static Program parse(String source, String sourceName, Set<String> predefined) throws CompileException {
        Preprocessor.Output pp = Preprocessor.run(source, sourceName, predefined);
        TokenSpans spans = new TokenSpans(pp.map());

        BpftraceLexer lexer = new BpftraceLexer(CharStreams.fromString(pp.text(), sourceName));
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();

        BpftraceParser parser = new BpftraceParser(tokens);
        parser.removeErrorListeners();
        SyntaxErrors errors = new SyntaxErrors();
        parser.setErrorHandler(errors);
        BpftraceParser.ProgramContext tree = null;
        try {
            tree = parser.program();
        } catch (ParseCancellationException e) {
            // errors.offending says where
        }

        // Like bpftrace: the lexer reports each bad token and goes on; the parser stops at its
        // first error. So report the lexical problems before the syntax error, then the syntax error.
        int stop = errors.offending != null ? errors.offending.getTokenIndex() : Integer.MAX_VALUE;
        List<Diagnostic> diagnostics = new ArrayList<>();
        for (Token t : tokens.getTokens()) {
            if (t.getTokenIndex() > stop) break;
            Diagnostic d = lexicalProblem(t, spans);
            if (d != null) diagnostics.add(d);
        }
        if (errors.offending != null) {
            Token at = errors.offending;
            List<Token> before = new ArrayList<>();
            for (Token t : tokens.getTokens()) {
                if (t.getTokenIndex() >= at.getTokenIndex()) break;
                if (t.getChannel() == Token.DEFAULT_CHANNEL) before.add(t);
            }
            diagnostics.add(syntaxError(at, before, errors, tokens, spans));
        }
        if (!diagnostics.isEmpty() || tree == null) {
            throw new CompileException(diagnostics, Diagnostics.render(sourceName, source, diagnostics));
        }
        return new AstBuilder(spans).program(tree);
    }

    private static Diagnostic syntaxError(Token at, List<Token> before, SyntaxErrors errors,
                                          CommonTokenStream tokens, TokenSpans spans) {
        if (at.getType() == Token.EOF && !before.isEmpty()
                && before.get(before.size() - 1).getType() == BpftraceLexer.ATTACH) {
            // A probe without a body: bpftrace's attach point stage says this in its own words.
            Token first = before.get(before.size() - 1);
            for (int i = before.size() - 1; i >= 0; i--) {
                int type = before.get(i).getType();
                if (type == BpftraceLexer.ATTACH) first = before.get(i);
                else if (type != BpftraceLexer.COMMA) break;
            }
            return Diagnostic.error(spans.of(first, at), "unexpected end of file, expected {");
        }
        return Diagnostic.error(bisonSpan(at, tokens, spans), errors.message(before));
    }

    /**
     * bison's location for a token starts where the lexer last stepped over white space, so it also
     * covers the tokens (and comments) written right before it without a space: "+;" is one span.
     */
    private static Span bisonSpan(Token at, CommonTokenStream tokens, TokenSpans spans) {
        Token first = at;
        for (int k = at.getTokenIndex() - 1; k >= 0; k--) {
            Token prev = tokens.get(k);
            if (prev.getStopIndex() + 1 != first.getStartIndex() || TokenSpans.endLine(prev) != at.getLine()) break;
            first = prev;
        }
        if (first.getLine() != at.getLine()) first = at;
        return spans.of(first, at);
    }

    private static Diagnostic lexicalProblem(Token t, TokenSpans spans) {
        String text = t.getText();
        try {
            switch (t.getType()) {
                case BpftraceLexer.BAD_STRING -> {
                    return Diagnostic.error(spans.of(t), "unterminated string");
                }
                case BpftraceLexer.BAD_COMMENT -> {
                    return Diagnostic.error(spans.of(t), "end of file during comment");
                }
                case BpftraceLexer.BAD_CHAR -> {
                    return Diagnostic.error(spans.of(t), "invalid character '" + text + "'");
                }
                case BpftraceLexer.STRING -> Literals.string(text);
                case BpftraceLexer.CHAR -> Literals.character(text);
                case BpftraceLexer.INT -> Literals.integer(text);
                default -> { }
            }
        } catch (Literals.ProblemException e) {
            Literals.Problem p = e.problem;
            return Diagnostic.error(spans.inside(t, p.from(), p.to()), p.message());
        }
        return null;
    }

}
