package dev.bpfbook.runtime.corpus;

import dev.bpfbook.lang.ast.AttachPointSpec;
import dev.bpfbook.lang.ast.Probe;
import dev.bpfbook.lang.ast.Program;
import dev.bpfbook.lang.check.ProbeResolver;
import dev.bpfbook.lang.diag.CompileException;
import dev.bpfbook.lang.diag.Diagnostic;
import dev.bpfbook.lang.syntax.Parser;
import dev.bpfbook.runtime.Output;
import dev.bpfbook.runtime.RunOptions;
import dev.bpfbook.runtime.Session;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shared by the seed and corpus tests: where programs live, what can attach here, and BPF gating. */
final class Corpus {
    private Corpus() {}

    /** Providers this machine can attach (uprobes also need their binary). kprobes: CONFIG_KPROBES is off; hardware: no PMU. */
    static final Set<String> ATTACHABLE = Set.of("BEGIN", "END", "tracepoint", "interval", "profile", "software",
            "uprobe", "uretprobe");

    /** The repository root: surefire sets BPFBOOK_ROOT; from an IDE, the module's parent. */
    static Path repoRoot() {
        String root = System.getenv("BPFBOOK_ROOT");
        return root != null ? Path.of(root) : Path.of(System.getProperty("user.dir")).getParent();
    }

    static List<Path> programs(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".bt")).sorted().toList();
        }
    }

    /** Like RequireBpf in dev.bpfbook.runtime: skip where BPF is unavailable, fail instead under BPFBOOK_REQUIRE_BPF=1. */
    static void requireBpf() {
        String reason = Session.bpfUnavailableReason();
        if (reason == null) return;
        if ("1".equals(System.getenv("BPFBOOK_REQUIRE_BPF"))) {
            throw new AssertionError("BPF is required (BPFBOOK_REQUIRE_BPF=1) but unavailable: " + reason);
        }
        System.out.println("SKIP: BPF unavailable: " + reason);
        Assumptions.assumeTrue(false, "BPF unavailable: " + reason);
    }

    /**
     * The canonical provider of the first attach point that cannot attach on this machine, or null when
     * every one can. A uprobe whose binary is missing counts as "uprobe".
     */
    static String unattachableProbe(String source, String sourceName) throws CompileException {
        Program p = Parser.parse(source, sourceName);
        for (Probe probe : p.probes()) {
            for (AttachPointSpec spec : probe.attachPoints()) {
                String provider = ProbeResolver.canonicalProvider(spec.provider());
                if (!ATTACHABLE.contains(provider)) return provider;
                if (provider.startsWith("u") && (spec.parts().size() < 3 || !Files.exists(Path.of(spec.parts().get(1))))) {
                    return provider;
                }
            }
        }
        return null;
    }

    /** Session.check passes; on failure the assertion shows the rendered diagnostics. */
    static void assertChecks(Session session, String source, RunOptions options) {
        try {
            session.check(source, options);
        } catch (CompileException e) {
            throw new AssertionError("check failed:\n" + e.getMessage(), e);
        }
    }

    /** Every diagnostic has a real position and the text names it as NAME:LINE:COL. */
    static void assertPositioned(CompileException e, String sourceName) {
        assertFalse(e.diagnostics().isEmpty(), "no diagnostics: " + e.getMessage());
        for (Diagnostic d : e.diagnostics()) {
            assertTrue(d.span().line() > 0, "unpositioned diagnostic: " + d);
            assertTrue(e.getMessage().contains(sourceName + ":" + d.span().line() + ":" + d.span().col()), e.getMessage());
        }
    }

    static Output discard() {
        return new Output() {
            public void stdout(String text) { }
            public void stderr(String text) { }
        };
    }
}
