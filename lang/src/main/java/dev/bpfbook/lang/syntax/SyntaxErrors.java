package dev.bpfbook.lang.syntax;

import dev.bpfbook.lang.syntax.grammar.BpftraceLexer;
import dev.bpfbook.lang.syntax.grammar.BpftraceParser;

import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.ParseCancellationException;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Stops at the first syntax error, as bpftrace does, and phrases it as bison does:
 * "syntax error, unexpected X, expecting A or B" (the expecting part only for at most four tokens).
 */
final class SyntaxErrors extends DefaultErrorStrategy {
    Token offending;

    @Override
    public void reportError(org.antlr.v4.runtime.Parser parser, RecognitionException e) {
        if (offending != null) return;
        offending = e.getOffendingToken() != null ? e.getOffendingToken() : parser.getCurrentToken();
    }

    @Override
    public void recover(org.antlr.v4.runtime.Parser parser, RecognitionException e) {
        throw new ParseCancellationException(e);
    }

    @Override
    public Token recoverInline(org.antlr.v4.runtime.Parser parser) {
        InputMismatchException e = new InputMismatchException(parser);
        reportError(parser, e);
        throw new ParseCancellationException(e);
    }

    @Override
    public void sync(org.antlr.v4.runtime.Parser parser) {
        // No single-token insertion or deletion: the first error ends the parse.
    }

    /** Tokens that can only continue an expression already complete; bison reduces before erring. */
    private static final Set<Integer> CONTINUATIONS = Set.of(
        BpftraceLexer.QUES, BpftraceLexer.ASSIGN, BpftraceLexer.EQ, BpftraceLexer.NE, BpftraceLexer.LE,
        BpftraceLexer.GE, BpftraceLexer.LEFT, BpftraceLexer.RIGHT, BpftraceLexer.LT, BpftraceLexer.GT,
        BpftraceLexer.LAND, BpftraceLexer.LOR, BpftraceLexer.PLUS, BpftraceLexer.INC, BpftraceLexer.MINUS,
        BpftraceLexer.DEC, BpftraceLexer.MUL, BpftraceLexer.DIV, BpftraceLexer.MOD, BpftraceLexer.BAND,
        BpftraceLexer.BOR, BpftraceLexer.BXOR, BpftraceLexer.DOT, BpftraceLexer.PTR, BpftraceLexer.LBRACKET, BpftraceLexer.LPAREN,
        BpftraceLexer.PLUSEQ, BpftraceLexer.MINUSEQ, BpftraceLexer.MULEQ, BpftraceLexer.DIVEQ,
        BpftraceLexer.MODEQ, BpftraceLexer.BANDEQ, BpftraceLexer.BOREQ, BpftraceLexer.BXOREQ,
        BpftraceLexer.SHLEQ, BpftraceLexer.SHREQ);

    /**
     * The message for the first error. {@code before} are the default-channel tokens preceding the
     * offending one; the tokens acceptable in its place are found by trying each kind of token there.
     * ANTLR's own expected sets stop at the decision where prediction failed, which can be tokens
     * earlier; trying is exact and cheap, and happens only once, for a program that failed.
     */
    String message(List<Token> before) {
        StringBuilder m = new StringBuilder("syntax error, unexpected ").append(name(offending));
        List<Integer> types = acceptable(before);
        boolean inPredicate = types.contains(BpftraceLexer.DIV) && inPredicate(before);
        if (types.contains(BpftraceLexer.LOR)) types.removeIf(CONTINUATIONS::contains);
        if (types.contains(BpftraceLexer.RBRACE)) types.remove(Integer.valueOf(BpftraceLexer.SEMI));
        // Where a statement may start, bison (with its default reductions) only names the '}'.
        if (types.contains(BpftraceLexer.RBRACE) && types.size() > 4) types.retainAll(List.of(BpftraceLexer.RBRACE));
        if (types.contains(BpftraceLexer.ATTACH)) types.remove(Integer.valueOf(BpftraceLexer.CDEF));
        if (inPredicate && !types.contains(BpftraceLexer.DIV)) types.add(BpftraceLexer.DIV);
        if (!types.isEmpty() && types.size() <= 4) {
            m.append(", expecting ");
            for (int i = 0; i < types.size(); i++) {
                if (i > 0) m.append(" or ");
                int t = types.get(i);
                m.append(t == BpftraceLexer.DIV && inPredicate ? "end predicate" : name(t, null));
            }
        }
        return m.toString();
    }

    /** Whether the tokens end inside a probe's predicate: a '/' follows the last attach point, and no '{'. */
    private static boolean inPredicate(List<Token> tokens) {
        boolean open = false;
        for (Token t : tokens) {
            switch (t.getType()) {
                case BpftraceLexer.ATTACH, BpftraceLexer.LBRACE -> open = false;
                case BpftraceLexer.DIV -> open |= previousIsAttach(tokens, t);
                default -> { }
            }
        }
        return open;
    }

    private static boolean previousIsAttach(List<Token> tokens, Token t) {
        int i = tokens.indexOf(t);
        return i > 0 && tokens.get(i - 1).getType() == BpftraceLexer.ATTACH;
    }

    /** Token types (EOF as -1) that the grammar accepts right after {@code before}, in type order. */
    static List<Integer> acceptable(List<Token> before) {
        List<Integer> out = new ArrayList<>();
        if (accepts(before, null)) out.add(Token.EOF);
        for (int type = 1; type <= BpftraceLexer.VOCABULARY.getMaxTokenType(); type++) {
            if (type == BpftraceLexer.BAD_COMMENT || type == BpftraceLexer.BAD_STRING || type == BpftraceLexer.BAD_CHAR
                || type == BpftraceLexer.WS || type == BpftraceLexer.LINE_COMMENT || type == BpftraceLexer.BLOCK_COMMENT) {
                continue;
            }
            if (accepts(before, type)) out.add(type);
        }
        return out;
    }

    private static boolean accepts(List<Token> before, Integer type) {
        List<Token> trial = new ArrayList<>(before.size() + 2);
        for (Token t : before) trial.add(new CommonToken(t));
        if (type != null) {
            CommonToken c = new CommonToken(type, sampleText(type));
            trial.add(c);
        }
        CommonToken eof = new CommonToken(Token.EOF, "<EOF>");
        trial.add(eof);
        BpftraceParser parser = new BpftraceParser(new CommonTokenStream(new ListTokenSource(trial)));
        parser.removeErrorListeners();
        SyntaxErrors errors = new SyntaxErrors();
        parser.setErrorHandler(errors);
        try {
            parser.program();
        } catch (ParseCancellationException e) {
            // errors.offending says where
        }
        if (errors.offending == null) return true;
        return type != null && errors.offending.getType() == Token.EOF;
    }

    private static String sampleText(int type) {
        String literal = BpftraceLexer.VOCABULARY.getLiteralName(type);
        if (literal != null) return literal.substring(1, literal.length() - 1);
        return switch (type) {
            case BpftraceLexer.INT -> "1";
            case BpftraceLexer.STRING -> "\"\"";
            case BpftraceLexer.MAP -> "@x";
            case BpftraceLexer.VAR -> "$x";
            case BpftraceLexer.PARAM -> "$1";
            default -> "x";
        };
    }

    static String name(Token t) {
        return name(t.getType(), t.getText());
    }

    /** bison's name for a token: its text for punctuation and keywords, a category otherwise. */
    static String name(int type, String text) {
        return switch (type) {
            case Token.EOF -> "end of file";
            case BpftraceLexer.COMMA -> "\",\"";
            case BpftraceLexer.INT, BpftraceLexer.CHAR -> "integer";
            case BpftraceLexer.STRING -> "string";
            case BpftraceLexer.MAP -> "map";
            case BpftraceLexer.VAR -> "variable";
            case BpftraceLexer.PARAM -> "positional parameter";
            case BpftraceLexer.ATTACH -> "attach point";
            case BpftraceLexer.CDEF -> "struct";
            case BpftraceLexer.IDENT -> text == null ? "identifier" : Words.category(text);
            default -> {
                String literal = BpftraceLexer.VOCABULARY.getLiteralName(type);
                yield literal != null ? literal.substring(1, literal.length() - 1)
                    : BpftraceLexer.VOCABULARY.getDisplayName(type);
            }
        };
    }
}
