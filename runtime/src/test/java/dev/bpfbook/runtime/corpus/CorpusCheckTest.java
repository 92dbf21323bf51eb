package dev.bpfbook.runtime.corpus;

import dev.bpfbook.runtime.RunOptions;
import dev.bpfbook.runtime.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The project's own corpus (lang/src/test/resources/corpus) type-checks against this kernel's real
 * probe catalogue, in --unsafe mode (some programs call system()). Programs that must not check live in
 * lang/src/test/resources/check-errors with their golden diagnostics instead.
 */
class CorpusCheckTest {
    static final AtomicInteger checked = new AtomicInteger();
    static Session session;

    @BeforeAll
    static void open() {
        session = new Session();
    }

    @AfterAll
    static void summary() {
        if (session != null) session.close();
        System.out.printf("corpus: %d checked%n", checked.get());
    }

    static Path corpusDir() {
        return Corpus.repoRoot().resolve("lang/src/test/resources/corpus");
    }

    static List<Path> corpus() throws IOException {
        return Corpus.programs(corpusDir());
    }

    @TestFactory
    Stream<DynamicTest> everyCorpusProgramChecks() throws IOException {
        return corpus().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            String source = Files.readString(file);
            Corpus.assertChecks(session, source,
                    new RunOptions("stdin", List.of("1", "2"), true, null, RunOptions.MapReport.NONE));
            checked.incrementAndGet();
        }));
    }

    @Test
    void corpusIsLargeEnough() throws IOException {
        assertTrue(corpus().size() >= 150, "corpus has " + corpus().size() + " programs");
    }
}
