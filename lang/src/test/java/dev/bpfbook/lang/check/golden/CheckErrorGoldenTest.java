package dev.bpfbook.lang.check.golden;

import dev.bpfbook.lang.CompileContext;
import dev.bpfbook.lang.Compiler;
import dev.bpfbook.lang.ast.Program;
import dev.bpfbook.lang.check.TestCatalogue;
import dev.bpfbook.lang.diag.CompileException;
import dev.bpfbook.lang.diag.Diagnostic;
import dev.bpfbook.lang.syntax.Parser;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Golden checker diagnostics. Each check-errors/NAME.bt, given as -e (source name "stdin", safe mode),
 * parses but fails Compiler.check with exactly NAME.err. NAME.bpftrace is what bpftrace 0.17 printed for
 * the same program (its RLIMIT_MEMLOCK line removed); NAME.err must equal it unless DIVERGENCES names the
 * case and says why we print something else.
 */
class CheckErrorGoldenTest {
    static final Path DIR = Path.of("src/test/resources/check-errors");

    static List<Path> cases() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(p -> p.toString().endsWith(".bt")).sorted().toList();
        }
    }

    static Path sibling(Path bt, String ext) {
        return Path.of(bt.toString().replaceAll("\\.bt$", "." + ext));
    }

    static String name(Path bt) {
        return bt.getFileName().toString().replaceAll("\\.bt$", "");
    }

    /** DIVERGENCES: "NAME: why our text differs from bpftrace 0.17's", one per line, # comments. */
    static Map<String, String> divergences() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(DIR.resolve("DIVERGENCES"))) {
            if (line.isBlank() || line.startsWith("#")) continue;
            int colon = line.indexOf(':');
            out.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        }
        return out;
    }

    /** The checker's complete text for {@code source}, or a failure if it parses badly or checks clean. */
    static CompileException checkFails(String source) {
        Program program;
        try {
            program = Parser.parse(source, "stdin");
        } catch (CompileException e) {
            throw new AssertionError("golden check cases must parse:\n" + e.getMessage(), e);
        }
        try {
            Compiler.check(program, CompileContext.of("stdin", source, new TestCatalogue()));
        } catch (CompileException e) {
            return e;
        }
        return fail("checked without error:\n" + source);
    }

    @TestFactory
    Stream<DynamicTest> checkerPrintsTheGoldenText() throws IOException {
        return cases().stream().map(bt -> DynamicTest.dynamicTest(name(bt), () -> {
            String source = Files.readString(bt);
            String expected = Files.readString(sibling(bt, "err"));
            CompileException e = checkFails(source);
            for (Diagnostic d : e.diagnostics()) {
                assertTrue(d.span().line() > 0, "unpositioned: " + d);
            }
            assertEquals(expected, e.getMessage());
        }));
    }

    @TestFactory
    Stream<DynamicTest> goldenTextIsBpftracesOrADocumentedDivergence() throws IOException {
        Map<String, String> divergences = divergences();
        return cases().stream().filter(bt -> Files.exists(sibling(bt, "bpftrace")))
                .map(bt -> DynamicTest.dynamicTest(name(bt), () -> {
                    String ours = Files.readString(sibling(bt, "err"));
                    String theirs = Files.readString(sibling(bt, "bpftrace"));
                    if (divergences.containsKey(name(bt))) {
                        assertFalse(ours.equals(theirs), name(bt) + " is listed in DIVERGENCES but matches bpftrace");
                    } else {
                        assertEquals(theirs, ours, name(bt) + " differs from bpftrace 0.17 without a reason in DIVERGENCES");
                    }
                }));
    }

    @Test
    void everyDivergenceNamesACase() throws IOException {
        for (String n : divergences().keySet()) {
            assertTrue(Files.exists(DIR.resolve(n + ".bt")), "DIVERGENCES names a missing case: " + n);
        }
    }

    @Test
    void enoughGoldenCases() throws IOException {
        assertTrue(cases().size() >= 20, "only " + cases().size() + " golden cases");
    }
}
