package dev.bpfbook.runtime.corpus;

import dev.bpfbook.runtime.RunOptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The project's own corpus (lang/src/test/resources/corpus) type-checks against this kernel's real
 * probe catalogue, in --unsafe mode (some programs call system()). Programs that must not check live in
 * lang/src/test/resources/check-errors with their golden diagnostics instead.
 */
class CorpusCheckTest {
    /** Two positional parameters (for $1, $2, $#) and --unsafe (for system(), signal(), override()). */
    static final RunOptions OPTIONS = new RunOptions("stdin", List.of("1", "2"), true, null, RunOptions.MapReport.NONE);
    static final AtomicInteger checked = new AtomicInteger();
    @RegisterExtension
    static final CheckSession session = new CheckSession(() -> "corpus: " + checked.get() + " checked");

    static Path corpusDir() {
        return Corpus.repoRoot().resolve("lang/src/test/resources/corpus");
    }

    static List<Path> corpus() throws IOException {
        return Corpus.programs(corpusDir());
    }

    /** Corpus programs (kept for the parser) that cannot check on this kernel, and what the error names. */
    static final Map<String, String> NOT_HERE = Map.of(
            // bpftrace 0.17 refuses it here too: "iter task not available for your kernel version."
            "iter-task.bt", "iter");

    @TestFactory
    Stream<DynamicTest> everyCorpusProgramChecks() throws IOException {
        return corpus().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            String source = Files.readString(file);
            String name = file.getFileName().toString();
            if (NOT_HERE.containsKey(name)) {
                session.assertRefused(source, OPTIONS, NOT_HERE.get(name), name + " cannot check on this kernel");
                return;
            }
            session.assertChecks(source, OPTIONS);
            checked.incrementAndGet();
        }));
    }

    @Test
    void corpusIsLargeEnough() throws IOException {
        assertTrue(corpus().size() >= 150, "corpus has " + corpus().size() + " programs");
    }
}
