package dev.bpfbook.lang.syntax;

import dev.bpfbook.lang.ast.Expr;
import dev.bpfbook.lang.ast.Program;
import dev.bpfbook.lang.ast.Span;
import dev.bpfbook.lang.ast.Stmt;
import dev.bpfbook.lang.diag.CompileException;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PreprocessorTest {

    static String body(String source, Set<String> predefined) throws CompileException {
        Program p = Parser.parse(source, "stdin", predefined);
        return Sexp.of(p.probes().get(0).body());
    }

    @Test
    void defineSubstitutesWholeIdentifiersOutsideStrings() throws CompileException {
        String src = """
            #define AF_INET 2
            #define AF_INET6 10
            #define BOTH (AF_INET + AF_INET6)
            BEGIN { @a = AF_INET; @b = AF_INET6; @c = BOTH; @d = AF_INET_X; printf("AF_INET"); $AF_INET = 1; @AF_INET = 2 }
            """;
        assertEquals("{(= @a 2) (= @b 10) (= @c (+ 2 10)) (= @d AF_INET_X) (printf() \"AF_INET\") (= $AF_INET 1) (= @AF_INET 2)}",
            body(src, Set.of()));
    }

    @Test
    void linesStayPutAndColumnsMapBack() throws CompileException {
        String src = "#define LONG_NAME 1\n\nBEGIN { @x = LONG_NAME + 77; }\n";
        Program p = Parser.parse(src, "stdin");
        Stmt.Assign a = (Stmt.Assign) p.probes().get(0).body().statements().get(0);
        Expr.Binary sum = (Expr.Binary) a.value();
        assertEquals(new Span(3, 14, 3, 23), sum.left().span());
        assertEquals(new Span(3, 26, 3, 28), sum.right().span());
        assertEquals(new Span(3, 14, 3, 28), sum.span());
    }

    @Test
    void errorAfterSubstitutionPointsAtOriginalColumns() {
        String src = "#define X 1\nBEGIN { @x = X +; }";
        CompileException e = assertThrows(CompileException.class, () -> Parser.parse(src, "stdin"));
        assertEquals("stdin:2:16-18: ERROR: syntax error, unexpected ;\nBEGIN { @x = X +; }\n               ~~\n", e.getMessage());
    }

    @Test
    void ifdefElseEndif() throws CompileException {
        String src = """
            #ifndef BPFTRACE_HAVE_BTF
            #include <linux/socket.h>
            #define MODE 1
            #else
            #define MODE 2
            #endif
            BEGIN { @m = MODE }
            """;
        assertEquals("{(= @m 2)}", body(src, Set.of("BPFTRACE_HAVE_BTF")));
        assertEquals("{(= @m 1)}", body(src, Set.of()));
        assertEquals("{(= @m 2)}", body(src.replace("#ifndef BPFTRACE_HAVE_BTF", "#ifdef NOT_DEFINED"), Set.of()));
    }

    @Test
    void twoArgumentParseAssumesBtf() throws CompileException {
        Program p = Parser.parse("#ifdef BPFTRACE_HAVE_BTF\nBEGIN { }\n#endif\n", "stdin");
        assertEquals(1, p.probes().size());
    }

    @Test
    void nestedConditionalsAndIfExpressions() throws CompileException {
        String src = """
            #define LEVEL 3
            #if LEVEL > 2 && defined(LEVEL)
            #  ifdef MISSING
            BEGIN { @x = 1 }
            #  elif !defined MISSING
            BEGIN { @x = 2 }
            #  endif
            #else
            BEGIN { @x = 3 }
            #endif
            """;
        assertEquals("{(= @x 2)}", body(src, Set.of()));
    }

    @Test
    void includeIsSkippedAndDirectivesInsideCommentsAreText() throws CompileException {
        String src = """
            #include <linux/sched.h>
            /*
            #define X 5
            */
            BEGIN { @x = X }
            """;
        assertEquals("{(= @x X)}", body(src, Set.of()));
    }

    @Test
    void undefAndContinuationLines() throws CompileException {
        String src = "#define A 1 + \\\n  2\nBEGIN { @a = A }\n#undef A\nEND { @b = A }\n";
        Program p = Parser.parse(src, "stdin", Set.of());
        assertEquals("{(= @a (+ 1 2))}", Sexp.of(p.probes().get(0).body()));
        assertEquals(3, p.probes().get(0).span().line());
        assertEquals("{(= @b A)}", Sexp.of(p.probes().get(1).body()));
    }

    @Test
    void functionLikeMacrosAreRejected() {
        CompileException e = assertThrows(CompileException.class,
            () -> Parser.parse("#define F(x) (x + 1)\nBEGIN { @x = F(1) }", "stdin"));
        assertTrue(e.getMessage().startsWith("stdin:1:1-21: ERROR: function-like macros are not supported: F\n"), e.getMessage());
    }

    @Test
    void unbalancedConditionals() {
        CompileException open = assertThrows(CompileException.class, () -> Parser.parse("#ifdef X\nBEGIN { }\n", "stdin"));
        assertTrue(open.getMessage().startsWith("stdin:1:1-9: ERROR: unterminated conditional directive"), open.getMessage());
        CompileException stray = assertThrows(CompileException.class, () -> Parser.parse("BEGIN { }\n#endif\n", "stdin"));
        assertTrue(stray.getMessage().startsWith("stdin:2:1-7: ERROR: #endif without #if"), stray.getMessage());
    }

    @Test
    void recursiveMacrosStop() throws CompileException {
        // As in C: B -> A + 1 -> B + 1, and B is not expanded again inside itself.
        assertEquals("{(= @x (+ B 1))}", body("#define A B\n#define B A + 1\nBEGIN { @x = B }", Set.of()));
    }
}
