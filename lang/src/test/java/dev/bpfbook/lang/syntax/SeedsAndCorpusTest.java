package dev.bpfbook.lang.syntax;

import dev.bpfbook.lang.TestPaths;
import dev.bpfbook.lang.ast.Program;
import dev.bpfbook.lang.diag.CompileException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every tutorial seed and every program of our own corpus parses, with at least one probe. */
class SeedsAndCorpusTest {


    static Path corpus() {
        return Path.of("src/test/resources/corpus");
    }

    static List<Path> programs(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".bt")).sorted().toList();
        }
    }

    static DynamicTest parses(Path file) {
        return DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            Program p;
            try {
                p = Parser.parse(Files.readString(file), file.toString());
            } catch (CompileException e) {
                throw new AssertionError(e.getMessage(), e);
            }
            assertFalse(p.probes().isEmpty(), "no probes in " + file);
        });
    }

    @TestFactory
    Stream<DynamicTest> everySeedParses() throws IOException {
        Path dir = TestPaths.seeds();
        return programs(dir).stream().map(SeedsAndCorpusTest::parses);
    }

    @TestFactory
    Stream<DynamicTest> everyCorpusProgramParses() throws IOException {
        return programs(corpus()).stream().map(SeedsAndCorpusTest::parses);
    }

    @Test
    void corpusIsLargeEnough() throws IOException {
        assertTrue(programs(corpus()).size() >= 60, "corpus has " + programs(corpus()).size() + " programs");
    }
}
