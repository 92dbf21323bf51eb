package dev.bpfbook.lang.check;

import dev.bpfbook.lang.CompileContext;
import dev.bpfbook.lang.Compiler;
import dev.bpfbook.lang.ast.Span;
import dev.bpfbook.lang.diag.CompileException;
import dev.bpfbook.lang.program.MapSpec;
import dev.bpfbook.lang.program.ValueKind;
import dev.bpfbook.lang.syntax.Parser;
import dev.bpfbook.lang.types.Type;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class CheckerTest {
    static final TestCatalogue CATALOGUE = new TestCatalogue();

    static CompileException error(String src) {
        return assertThrows(CompileException.class,
                () -> Compiler.check(Parser.parse(src, "stdin"), CompileContext.of("stdin", src, CATALOGUE)));
    }

    static void ok(String src) throws CompileException {
        Compiler.check(Parser.parse(src, "stdin"), CompileContext.of("stdin", src, CATALOGUE));
    }

    @Test
    void mapTypeMismatchIsPositionedLikeBpftrace() {
        CompileException e = error("BEGIN { @x = 1; @x = \"a\"; }");
        assertEquals("""
                stdin:1:17-19: ERROR: Type mismatch for @x: trying to assign value of type 'string[2]' when map already contains a value of type 'int64'
                BEGIN { @x = 1; @x = "a"; }
                                ~~
                """, e.getMessage());
    }

    @Test
    void printfArgumentChecks() {
        assertEquals(new Span(1, 9, 1, 29), error("BEGIN { printf(\"%d\\n\", 1, 2); }").diagnostics().get(0).span());
        assertTrue(error("BEGIN { printf(\"%d\\n\", 1, 2); }").getMessage()
                .contains("printf: Too many arguments for format string (2 supplied, 1 expected)"));
        assertTrue(error("BEGIN { printf(\"%d %d\\n\", 1); }").getMessage()
                .contains("printf: Not enough arguments for format string (1 supplied, 2 expected)"));
        assertTrue(error("BEGIN { printf(\"%d\\n\", \"a\"); }").getMessage()
                .contains("printf: %d specifier expects a value of type integer (string supplied)"));
        assertTrue(error("BEGIN { printf(\"%s\\n\", 1); }").getMessage()
                .contains("printf: %s specifier expects a value of type string (integer supplied)"));
    }

    @Test
    void unknownTracepointsAndFields() {
        assertTrue(error("t:syscalls:sys_enter_nope { }").getMessage()
                .startsWith("stdin:1:1-26: ERROR: tracepoint not found: syscalls:sys_enter_nope"));
        assertTrue(error("t:syscalls:nope* { }").getMessage().contains("tracepoints not found: syscalls:nope*"));
        CompileException f = error("t:syscalls:sys_enter_openat { printf(\"%d\\n\", args->nope); }");
        assertEquals("stdin:1:46-56: ERROR: Struct/union of type 'struct _tracepoint_syscalls_sys_enter_openat' does not contain a field named 'nope'",
                f.getMessage().lines().findFirst().orElseThrow());
        assertTrue(error("BEGIN { @x = args->fd; }").getMessage().contains("args builtin can only be used with tracepoint"));
    }

    @Test
    void variablesAndAggregations() {
        assertTrue(error("BEGIN { printf(\"%d\\n\", $x); }").getMessage().contains("stdin:1:24-26: ERROR: Undefined or undeclared variable: $x"));
        assertTrue(error("BEGIN { $a = 1; $a = \"s\"; }").getMessage().contains("Type mismatch for $a"));
        assertTrue(error("BEGIN { count(); }").getMessage().contains("count() should be directly assigned to a map"));
        assertTrue(error("BEGIN { @x = count(); @x = 1; }").getMessage().contains("when map already contains a value of type 'count'"));
        assertTrue(error("BEGIN { @x[1] = 1; @x[\"a\"] = 2; }").getMessage().contains("Argument mismatch for @x"));
        assertTrue(error("BEGIN { print(@nope); }").getMessage().contains("Undefined map: @nope"));
        assertTrue(error("BEGIN { @ = lhist(1, 10, 5, 1); }").getMessage().contains("lhist() min must be less than max (provided min 10 and max 5)"));
        assertTrue(error("BEGIN { @ = nope; }").getMessage().contains("Unknown identifier: 'nope'"));
        assertTrue(error("BEGIN { nope(); }").getMessage().contains("Unknown function: nope"));
    }

    @Test
    void mapReadBeforeWriteIsFine() throws Exception {
        ok("BEGIN { printf(\"%d\\n\", @later); } END { @later = 5; }");
        ok("t:syscalls:sys_enter_read,t:syscalls:sys_enter_openat { @[probe] = count(); }");
        ok("t:sched:sched_switch { @[args->prev_comm] = count(); @s = args->prev_state; }");
    }

    @Test
    void sessionMapsAreReusedOrRejectedWithTheirOrigin() throws Exception {
        MapSpec counts = new MapSpec("@c", 5, 16, 8, 4096, 0, new Type.StringType(16), new ValueKind.Count());
        var ctxFor = (java.util.function.Function<String, CompileContext>) src -> new CompileContext("stdin", src, CATALOGUE,
                Map.of("@c", counts), Map.of("@c", "cell [2]"), List.of(), false);
        String good = "t:syscalls:sys_enter_read { @c[comm] = count(); }";
        var compiled = Compiler.compile(Parser.parse(good, "stdin"), ctxFor.apply(good));
        assertSame(counts, compiled.map("@c").orElseThrow());
        String bad = "BEGIN { @c[comm] = 1; }";
        CompileException e = assertThrows(CompileException.class, () -> Compiler.check(Parser.parse(bad, "stdin"), ctxFor.apply(bad)));
        assertTrue(e.getMessage().contains("Type mismatch for @c") && e.getMessage().contains("(@c was defined in cell [2])"), e.getMessage());
        String printOnly = "BEGIN { print(@c); exit(); }";
        var p = Compiler.compile(Parser.parse(printOnly, "stdin"), ctxFor.apply(printOnly));
        assertSame(counts, p.map("@c").orElseThrow());
        assertTrue(p.writtenMaps().isEmpty(), "print() reads, it does not write");
        String unrelated = "BEGIN { exit(); }";
        assertTrue(Compiler.compile(Parser.parse(unrelated, "stdin"), ctxFor.apply(unrelated)).map("@c").isEmpty());
    }
}
