package dev.bpfbook.runtime.corpus;

import dev.bpfbook.runtime.RequireBpf;
import dev.bpfbook.lang.ast.AttachPointSpec;
import dev.bpfbook.lang.ast.Probe;
import dev.bpfbook.lang.ast.Program;
import dev.bpfbook.lang.check.ProbeResolver;
import dev.bpfbook.lang.diag.CompileException;
import dev.bpfbook.lang.diag.Diagnostic;
import dev.bpfbook.lang.syntax.Parser;
import dev.bpfbook.runtime.Output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shared by the seed and corpus tests: where programs live and what can attach here. */
public final class Corpus {
    private Corpus() {}

    /** Providers this machine can attach (uprobes also need their binary). kprobes: CONFIG_KPROBES is off; hardware: no PMU. */
    static final Set<String> ATTACHABLE = Set.of("BEGIN", "END", "tracepoint", "interval", "profile", "software",
            "uprobe", "uretprobe");

    /** The repository root: surefire sets BPFBOOK_ROOT; from an IDE, the module's parent. */
    static Path repoRoot() {
        String root = System.getenv("BPFBOOK_ROOT");
        return root != null ? Path.of(root) : Path.of(System.getProperty("user.dir")).getParent();
    }

    /**
     * The tutorials' seed programs (../shared/corpus/seeds beside the repository). Where they are absent the
     * caller skips, except under BPFBOOK_REQUIRE_BPF=1 (CI has them), where that fails.
     */
    public static Path seedDir() {
        Path dir = repoRoot().resolve("../shared/corpus/seeds").normalize();
        RequireBpf.environment(Files.isDirectory(dir), "seed corpus not found at " + dir);
        return dir;
    }

    /** One seed's text, e.g. {@code seed("for-map.bt")}. */
    public static String seed(String file) throws IOException {
        return Files.readString(seedDir().resolve(file));
    }

    static List<Path> programs(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".bt")).sorted().toList();
        }
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
