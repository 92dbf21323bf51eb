package dev.bpfbook.lang.syntax;

import dev.bpfbook.lang.diag.CompileException;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Golden syntax errors: each syntax/errors/NAME.bt, given as -e (source name "stdin"), must fail
 * with exactly NAME.err. All but the integer-range case were recorded from bpftrace 0.17.
 */
class DiagnosticGoldenTest {
    static final Path DIR = Path.of("src/test/resources/syntax/errors");

    @TestFactory
    Stream<DynamicTest> goldenErrors() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(p -> p.toString().endsWith(".bt")).sorted().toList().stream()
                .map(bt -> DynamicTest.dynamicTest(bt.getFileName().toString(), () -> {
                    String source = Files.readString(bt);
                    String expected = Files.readString(Path.of(bt.toString().replaceAll("\\.bt$", ".err")));
                    CompileException e = assertThrows(CompileException.class, () -> Parser.parse(source, "stdin"));
                    assertEquals(expected, e.getMessage());
                }));
        }
    }

    @Test
    void enoughGoldenCases() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            assertTrue(files.filter(p -> p.toString().endsWith(".bt")).count() >= 10);
        }
    }

    @Test
    void diagnosticsCarryPositions() {
        CompileException e = assertThrows(CompileException.class,
            () -> Parser.parse("BEGIN {\n  printf(\"x\" }\n", "prog.bt"));
        assertEquals(1, e.diagnostics().size());
        var d = e.diagnostics().get(0);
        assertEquals("syntax error, unexpected }, expecting ) or \",\"", d.message());
        assertEquals(2, d.span().line());
        assertEquals(14, d.span().col());
        assertEquals(15, d.span().endCol());
        assertTrue(e.getMessage().startsWith("prog.bt:2:14-15: ERROR: "));
    }

    @Test
    void probeWithoutBody() {
        CompileException e = assertThrows(CompileException.class, () -> Parser.parse("BEGIN { } kprobe:f", "stdin"));
        assertEquals("stdin:1:11-19: ERROR: unexpected end of file, expected {\nBEGIN { } kprobe:f\n          ~~~~~~~~\n",
            e.getMessage());
    }

    @Test
    void badOctalAndCharLiterals() {
        CompileException octal = assertThrows(CompileException.class, () -> Parser.parse("BEGIN { @x = 09; }", "stdin"));
        assertEquals("stdin:1:14-16: ERROR: invalid octal literal: 09\nBEGIN { @x = 09; }\n             ~~\n", octal.getMessage());
        CompileException chr = assertThrows(CompileException.class, () -> Parser.parse("BEGIN { @x = 'ab'; }", "stdin"));
        assertTrue(chr.getMessage().startsWith("stdin:1:14-18: ERROR: invalid character literal"), chr.getMessage());
    }
}
