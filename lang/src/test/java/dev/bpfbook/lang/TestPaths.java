package dev.bpfbook.lang;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where lang's tests find the repository and the tutorials' seed programs (../shared/corpus/seeds). */
public final class TestPaths {
    private TestPaths() {}

    /** The repository root: surefire sets BPFBOOK_ROOT; from an IDE, the module's parent. */
    public static Path repoRoot() {
        String root = System.getenv("BPFBOOK_ROOT");
        return root != null ? Path.of(root) : Path.of(System.getProperty("user.dir")).getParent();
    }

    /** The seed directory, whether or not it exists. */
    public static Path seedsLocation() {
        return repoRoot().resolve("../shared/corpus/seeds").normalize();
    }

    /** The seed directory; skips where it is absent, but fails under BPFBOOK_REQUIRE_BPF=1 (CI has it). */
    public static Path seeds() {
        Path dir = seedsLocation();
        if (!Files.isDirectory(dir)) {
            String reason = "seed corpus not found at " + dir;
            if ("1".equals(System.getenv("BPFBOOK_REQUIRE_BPF"))) throw new AssertionError(reason);
            System.out.println("SKIP: " + reason);
            Assumptions.abort(reason);
        }
        return dir;
    }

    public static String seed(String file) throws IOException {
        return Files.readString(seeds().resolve(file));
    }
}
