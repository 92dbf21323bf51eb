package dev.bpfbook.runtime.corpus;

import dev.bpfbook.lang.diag.CompileException;
import dev.bpfbook.runtime.Output;
import dev.bpfbook.runtime.RequireBpf;
import dev.bpfbook.runtime.Run;
import dev.bpfbook.runtime.RunOptions;
import dev.bpfbook.runtime.RunResult;
import dev.bpfbook.runtime.Session;
import dev.bpfbook.runtime.attach.AttachException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The tutorial seeds (../shared/corpus/seeds): every one type-checks, except the two that must not
 * (system() without --unsafe, and a tracepoint this kernel lacks). Those whose probes can attach here
 * run in a session with a deadline, and the deterministic ones print exactly what bpftrace prints. The
 * others (kprobes: CONFIG_KPROBES is off) must still compile and pass the verifier: starting them fails
 * only at attach time.
 */
class SeedCorpusTest {
    /** The seed that calls system(): fine with --unsafe, an error without. */
    static final Pattern SYSTEM_CALL = Pattern.compile("\\bsystem\\s*\\(");
    /** Seeds whose check must fail, with what the error has to name. */
    static final Map<String, String> MISSING_HERE = Map.of("finit-module.bt", "sys_enter_finit_module");

    static final AtomicInteger checked = new AtomicInteger();
    static final AtomicInteger ran = new AtomicInteger();
    static final AtomicInteger loadedOnly = new AtomicInteger();
    static final AtomicInteger expectedFailures = new AtomicInteger();
    @RegisterExtension
    static final CheckSession session = new CheckSession(() -> String.format(
            "seeds: %d checked, %d ran, %d loaded but not attachable here, %d expected-failures",
            checked.get(), ran.get(), loadedOnly.get(), expectedFailures.get()));

    static List<Path> seeds() throws IOException {
        return Corpus.programs(Corpus.seedDir());
    }

    static RunOptions options(Path file, boolean unsafe) {
        return new RunOptions(file.toString(), List.of(), unsafe, null, RunOptions.MapReport.NONE);
    }

    @TestFactory
    Stream<DynamicTest> everySeedChecks() throws IOException {
        return seeds().stream().map(file -> DynamicTest.dynamicTest("check " + file.getFileName(), () -> {
            String name = file.getFileName().toString();
            String source = Files.readString(file);
            if (MISSING_HERE.containsKey(name)) {
                session.assertRefused(source, options(file, false), MISSING_HERE.get(name), name + " must not check here");
                expectedFailures.incrementAndGet();
                return;
            }
            if (SYSTEM_CALL.matcher(source).find()) {
                CompileException e = session.assertRefused(source, options(file, false), "system",
                        "system() must be refused without --unsafe");
                assertTrue(e.getMessage().toLowerCase().contains("unsafe"), "error should name system() as unsafe:\n" + e.getMessage());
                expectedFailures.incrementAndGet();
            }
            session.assertChecks(source, options(file, true));
            checked.incrementAndGet();
        }));
    }

    /** What a seed's run must print, for the deterministic seeds; null means "ran without error" only. */
    record Expectation(Duration deadline, java.util.function.Consumer<String> stdout) {}

    static Expectation expectation(String name) {
        long jvm = ProcessHandle.current().pid();
        return switch (name) {
            case "begin-end.bt" -> exact("Hello, World!\nBye, World!\n");
            case "oneliner-01.bt" -> exact("Hello Bpftrace!\n");
            case "oneliner-22.bt", "oneliner-42.bt" -> exact("hello world\n");
            // A hash map's iteration order follows the kernel's per-map random hash seed (htab->hashrnd),
            // for bpftrace as for us: the two lines, in either order.
            case "for-map.bt" -> new Expectation(Duration.ofMillis(600), out -> assertEquals(List.of("1 -> 10", "2 -> 20"),
                    out.lines().sorted().toList(), out));
            case "map-as-array.bt" -> exact("Array elements: 10, 20, 30\n");
            // BEGIN runs through BPF_PROG_TEST_RUN in this JVM's thread, so pid is ours.
            case "unroll.bt" -> exact(("pid: " + jvm + "\n").repeat(10));
            case "oneliner-07.bt" -> exact(IntStream.rangeClosed(0, 50).mapToObj(i -> i + " ").collect(Collectors.joining()));
            // kfree_skb may fire meanwhile; BEGIN's header comes first either way.
            case "tcpdrop.bt" -> new Expectation(Duration.ofMillis(300), out -> {
                String header = "Tracing tcp drops. Hit Ctrl-C to end.\n" + String.format("%-8s %-8s %-16s %-21s %-21s %-8s\n",
                        "TIME", "PID", "COMM", "SADDR:SPORT", "DADDR:DPORT", "STATE");
                assertTrue(out.startsWith(header), "expected to start with\n" + header + "got\n" + out);
            });
            // interval:s:1 fires once a second: one block per firing, at least one within 1.6 s.
            case "tuples.bt" -> new Expectation(Duration.ofMillis(1600), out -> {
                String block = "(1, 2)\n(3, 4, (1, 2))\n3\n";
                assertTrue(!out.isEmpty() && out.replace(block, "").isEmpty(),
                        "expected one or more of\n" + block + "got\n" + out);
            });
            default -> new Expectation(Duration.ofMillis(300), out -> { });
        };
    }

    static Expectation exact(String text) {
        return new Expectation(Duration.ofMillis(600), out -> assertEquals(text, out));
    }

    @TestFactory
    Stream<DynamicTest> seedsWhoseProbesExistRun() throws IOException {
        return seeds().stream()
                .filter(f -> !MISSING_HERE.containsKey(f.getFileName().toString()))
                .map(file -> DynamicTest.dynamicTest("run " + file.getFileName(), () -> {
                    RequireBpf.check();
                    // A run that never ends (or a session that cannot close) fails this seed, not the whole suite.
                    // Generous: detaching the ~370 syscalls:sys_enter_* tracepoints takes this kernel ~24 s
                    // (bpftrace 0.17 too).
                    assertTimeoutPreemptively(Duration.ofMinutes(3), () -> run(file));
                }));
    }

    static void run(Path file) throws Exception {
        long t0 = System.nanoTime();
        String source = Files.readString(file);
        String name = file.getFileName().toString();
        System.out.println("running " + name);
        String notHere = Corpus.unattachableProbe(source, file.toString());
        RunOptions opts = options(file, true);
        if (notHere != null) {
            // Compiles and passes the verifier; only attaching is impossible on this kernel.
            try (Session s = new Session()) {
                AttachException e = assertThrows(AttachException.class,
                        () -> s.start(source, opts, Corpus.discard()).close());
                assertTrue(e.getMessage().contains(notHere), "should name " + notHere + ": " + e.getMessage());
            }
            loadedOnly.incrementAndGet();
            return;
        }
        Expectation exp = expectation(name);
        StringBuffer out = new StringBuffer();
        StringBuffer err = new StringBuffer();
        RunResult result;
        try (Session s = new Session()) {
            Run run = s.start(source, opts.withDeadline(exp.deadline()), new Output() {
                public void stdout(String text) { out.append(text); }
                public void stderr(String text) { err.append(text); }
            });
            result = run.await(exp.deadline().plusSeconds(90));
            if (result == null) {
                run.close();
                fail(name + " did not end within its deadline plus 90 s");
            }
        }
        assertNotNull(result);
        if (err.length() > 0) System.out.println(name + " stderr: " + err);
        assertEquals(0, result.lostRecords(), "lost records");
        exp.stdout().accept(out.toString());
        ran.incrementAndGet();
        System.out.printf("ran %s in %d ms%n", name, (System.nanoTime() - t0) / 1_000_000);
    }
}
