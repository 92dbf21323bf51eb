package dev.bpfbook.kernel;

import dev.bpfbook.runtime.Session;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Drives the built bpfbook.jar as Jupyter does: the kernelspec is installed into a temporary prefix and
 * the Python tests under src/test/python run against it with Debian's Jupyter (/usr/bin/python3).
 */
class JupyterIT {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path TESTS = Path.of("src/test/python").toAbsolutePath();

    @TempDir
    static Path prefix;

    @BeforeAll
    static void installKernelSpec() throws Exception {
        Path jar = Path.of(System.getProperty("bpfbook.jar", "target/bpfbook.jar")).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "the shaded jar is built in package: " + jar);
        String missing = run(List.of(PYTHON.toString(), "-c", "import jupyter_client, jupyter_kernel_test, nbclient, nbformat"), 60);
        if (missing != null) {
            fail("Debian's Jupyter packages are missing from /usr/bin/python3 (install/install.sh installs them):\n" + missing);
        }
        String installed = run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString(), "install", "--prefix", prefix.toString()), 60);
        if (installed != null) fail("java -jar bpfbook.jar install --prefix failed:\n" + installed);
    }

    @Test
    void protocolConformance() throws Exception {
        python("test_conformance.ProtocolTests");
    }

    @Test
    void executeConformance() throws Exception {
        requireBpf();
        python("test_conformance.ExecuteTests");
    }

    @Test
    void notebooksRun() throws Exception {
        requireBpf();
        python("test_notebooks");
    }

    @Test
    void interruptStopsTheCellAndDetaches() throws Exception {
        requireBpf();
        python("test_interrupt");
    }

    @Test
    void shutdownMidCellDetachesAndExits() throws Exception {
        requireBpf();
        python("test_shutdown");
    }

    /** Skips where BPF is truly unavailable, unless BPFBOOK_REQUIRE_BPF=1 (CI), where that fails. */
    private static void requireBpf() {
        String reason = Session.bpfUnavailableReason();
        if (reason != null && "1".equals(System.getenv("BPFBOOK_REQUIRE_BPF"))) {
            fail("BPF is required (BPFBOOK_REQUIRE_BPF=1) but unavailable: " + reason);
        }
        Assumptions.assumeTrue(reason == null, () -> "BPF unavailable: " + reason);
    }

    private static void python(String target) throws Exception {
        String failure = run(List.of(PYTHON.toString(), "-B", "-m", "unittest", "-v", target), 900);
        if (failure != null) fail(target + " failed:\n" + failure);
    }

    /** Runs a command with the temporary kernelspec on JUPYTER_PATH; null on success, else its output. */
    private static String run(List<String> command, long limitSeconds) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(TESTS.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("JUPYTER_PATH", prefix.resolve("share/jupyter").toString());
        env.put("JUPYTER_RUNTIME_DIR", prefix.resolve("runtime").toString());
        env.put("PYTHONDONTWRITEBYTECODE", "1");
        env.put("BPFBOOK_NOTEBOOKS", root().resolve("notebooks").toString());
        Process process = builder.start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread pump = new Thread(() -> copy(process.getInputStream(), output));
        pump.start();
        if (!process.waitFor(limitSeconds, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor();
        }
        pump.join();
        String text = output.toString(StandardCharsets.UTF_8);
        System.out.println(text);
        return process.exitValue() == 0 ? null : text;
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try {
            in.transferTo(out);
        } catch (IOException e) {
            // the process died; what was read is what there is
        }
    }

    private static Path root() {
        String root = System.getenv("BPFBOOK_ROOT");
        return root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize();
    }

    @Test
    void installWritesTheKernelSpecIntoThePrefix() throws IOException {
        Path spec = prefix.resolve("share/jupyter/kernels/bpftrace");
        assertTrue(Files.readString(spec.resolve("kernel.json")).contains("\"interrupt_mode\": \"message\""));
        assertEquals(List.of("kernel.json", "logo-32x32.png", "logo-64x64.png"),
                Files.list(spec).map(p -> p.getFileName().toString()).sorted().toList());
    }
}
