package dev.bpfbook.lang.syntax;

import dev.bpfbook.lang.ast.CDefinition;
import dev.bpfbook.lang.ast.Program;
import dev.bpfbook.lang.ast.Span;
import dev.bpfbook.lang.diag.CompileException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StatementSyntaxTest {

    static String body(String stmts) throws CompileException {
        Program p = Parser.parse("BEGIN {" + stmts + "}", "stdin");
        return Sexp.of(p.probes().get(0).body());
    }

    @Test
    void assignmentsAndCompoundAssignments() throws CompileException {
        assertEquals("{(= @a 1) (= $b 2) (= (@c 1 2) 3)}", body("@a = 1; $b = 2; @c[1, 2] = 3"));
        assertEquals("{(+= @a 1) (-= @a 1) (*= @a 2) (/= @a 2) (%= @a 3) (&= $x 1) (|= $x 1) (^= $x 1) (<<= $x 1) (>>= $x 1)}",
            body("@a += 1; @a -= 1; @a *= 2; @a /= 2; @a %= 3; $x &= 1; $x |= 1; $x ^= 1; $x <<= 1; $x >>= 1;"));
    }

    @Test
    void incrementAndDecrementStatements() throws CompileException {
        assertEquals("{(post++ $i) (++pre @n) (post-- (@m comm)) (--pre $j)}", body("$i++; ++@n; @m[comm]--; --$j"));
    }

    @Test
    void finalSemicolonIsOptional() throws CompileException {
        assertEquals(body("@a = 1; @b = 2;"), body("@a = 1; @b = 2"));
        assertEquals("{}", body(""));
        assertEquals("{}", body("  "));
    }

    @Test
    void elseIfChainsNest() throws CompileException {
        assertEquals("{(if (> $x 1) {(= @a 1)} (if (> $x 0) {(= @a 2)} {(= @a 3)}))}",
            body("if ($x > 1) { @a = 1 } else if ($x > 0) { @a = 2; } else { @a = 3 }"));
        assertEquals("{(if $x {} (if $y {}))}", body("if ($x) {} else if ($y) {}"));
    }

    @Test
    void blockStatementsNeedNoSemicolon() throws CompileException {
        assertEquals("{(if 1 {break}) (printf() \"%d\" $i) (post++ $i)}",
            body("if (1) { break; } printf(\"%d\", $i); $i++"));
        assertEquals("{(while (< $i 10) {(post++ $i) continue}) return}", body("while ($i < 10) { $i++; continue } return"));
        assertEquals("{(unroll 5 {(+= @x 1)}) (unroll $1 {})}", body("unroll(5) { @x += 1 } unroll($1) {}"));
        assertEquals("{(for $kv @map {(printf() \"%d\" (.0 $kv))})}", body("for ($kv : @map) { printf(\"%d\", $kv.0); }"));
        assertEquals("{{(= $x 1)} (= $y 2)}", body("{ $x = 1 } $y = 2"));
    }

    @Test
    void semicolonAfterBlockIsAnError() {
        // bpftrace 0.17 rejects empty statements; so do we.
        assertThrows(CompileException.class, () -> body("if (1) {};"));
        assertThrows(CompileException.class, () -> body(";"));
    }

    @Test
    void commentsAnywhere() throws CompileException {
        Program p = Parser.parse("""
            // leading comment
            BEGIN /* between */ { // after brace
              @x = 1; /* inline */ @y = /* mid-expression */ 2;
              /* multi
                 line */
            }
            """, "stdin");
        assertEquals("(probe BEGIN {(= @x 1) (= @y 2)})", Sexp.of(p.probes().get(0)));
    }

    @Test
    void shebangLineIsIgnored() throws CompileException {
        Program p = Parser.parse("#!/usr/bin/env bpftrace\nBEGIN { exit() }\n", "x.bt");
        assertEquals(2, p.probes().get(0).span().line());
    }

    @Test
    void structDefinitionsAreKeptAsText() throws CompileException {
        Program p = Parser.parse("""
            struct foo { int a; char b[8]; };
            union u { int x; struct { int y; } s; }
            enum e { A, B = 2 }
            BEGIN { @x = sizeof(struct foo) }
            """, "stdin");
        assertEquals(3, p.definitions().size());
        CDefinition foo = p.definitions().get(0);
        assertEquals("struct foo { int a; char b[8]; }", foo.text());
        assertEquals(new Span(1, 1, 1, 33), foo.span());
        assertEquals("union u { int x; struct { int y; } s; }", p.definitions().get(1).text());
        assertEquals("enum e { A, B = 2 }", p.definitions().get(2).text());
        assertEquals(1, p.probes().size());
    }

    @Test
    void multiLineStructDefinitionSpan() throws CompileException {
        Program p = Parser.parse("struct MyStruct {\n  int a;\n}\n\nkprobe:f { }\n", "stdin");
        assertEquals("struct MyStruct {\n  int a;\n}", p.definitions().get(0).text());
        assertEquals(new Span(1, 1, 3, 2), p.definitions().get(0).span());
    }

    @Test
    void predicateWithDivisionAndParentheses() throws CompileException {
        Program p = Parser.parse("kprobe:f /pid / 2 == 1 && (comm == \"a\")/ { }", "stdin");
        assertEquals("(probe kprobe:f /(&& (== (/ pid 2) 1) (== comm \"a\"))/ {})", Sexp.of(p.probes().get(0)));
    }

    @Test
    void severalProbesOnOneLine() throws CompileException {
        Program p = Parser.parse("kprobe:vfs_read { @start[tid] = nsecs; } kretprobe:vfs_read /@start[tid]/ { delete(@start[tid]); }", "stdin");
        assertEquals(2, p.probes().size());
        assertEquals("(probe kretprobe:vfs_read /(@start tid)/ {(delete() (@start tid))})", Sexp.of(p.probes().get(1)));
    }

    @Test
    void keywordsAsFieldNames() throws CompileException {
        assertEquals("{(= $x (. (-> $p if) for))}", body("$x = $p->if.for"));
    }
}
