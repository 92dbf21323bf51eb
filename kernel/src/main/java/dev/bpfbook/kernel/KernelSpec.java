package dev.bpfbook.kernel;

import dev.bpfbook.runtime.Session;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Jupyter kernelspec: share/jupyter/kernels/bpftrace/{kernel.json, logo-32x32.png, logo-64x64.png}
 * under a prefix, with argv pointing at this very jar and the JVM running it.
 */
final class KernelSpec {
    static final String NAME = "bpftrace";
    private static final String USAGE = "usage: java -jar bpfbook.jar install [--user | --sys-prefix | --prefix PREFIX]";

    private KernelSpec() {
    }

    /** The install command; returns the process exit code. */
    static int install(String[] args) throws IOException, InterruptedException {
        Path kernels;
        if (args.length == 0) {
            kernels = Path.of("/usr/local/share/jupyter/kernels");
        } else if (args.length == 1 && args[0].equals("--user")) {
            kernels = userDataDir().resolve("kernels");
        } else if (args.length == 1 && args[0].equals("--sys-prefix")) {
            kernels = Path.of(pythonSysPrefix(), "share/jupyter/kernels");
        } else if (args.length == 2 && args[0].equals("--prefix")) {
            kernels = Path.of(args[1]).toAbsolutePath().resolve("share/jupyter/kernels");
        } else {
            System.err.println(USAGE);
            return 2;
        }
        Path java = javaExecutable();
        Path jar = thisJar();
        StartupArchive startup = startupArchive(kernels);
        String failed = startup.build(java, jar, Session.bpfUnavailableReason() == null);
        List<String> flags = List.of();
        if (failed == null) {
            flags = startup.kernelFlags();
            System.out.println("Wrote the startup archive and java.args in " + startup.dir());
        } else {
            System.err.println("warning: no startup archive (" + failed + "); the kernel starts without it");
        }
        Path dir = write(kernels.resolve(NAME), java, jar, flags);
        System.out.println("Installed the bpftrace kernelspec in " + dir);
        return 0;
    }

    /**
     * The startup archive's directory for a kernels directory: {@code DATA/jupyter/kernels} gives
     * {@code DATA/bpfbook} (/usr/local/share/bpfbook for the default install), outside the kernelspec,
     * which Jupyter may copy around.
     */
    static StartupArchive startupArchive(Path kernels) {
        Path jupyter = kernels.toAbsolutePath().getParent();
        return new StartupArchive(jupyter.resolveSibling("bpfbook"));
    }

    /** Writes the kernelspec directory, replacing an older one. */
    static Path write(Path dir, Path java, Path jar) throws IOException {
        return write(dir, java, jar, List.of());
    }

    /** Writes the kernelspec directory with extra JVM flags (the startup archive's), replacing an older one. */
    static Path write(Path dir, Path java, Path jar, List<String> jvmFlags) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("kernel.json"), json(java, jar, jvmFlags), StandardCharsets.UTF_8);
        Files.write(dir.resolve("logo-32x32.png"), Logo.png(32));
        Files.write(dir.resolve("logo-64x64.png"), Logo.png(64));
        return dir;
    }

    static String json(Path java, Path jar) {
        return json(java, jar, List.of());
    }

    static String json(Path java, Path jar, List<String> jvmFlags) {
        List<String> argv = new ArrayList<>(List.of(java.toString(), "-Djava.awt.headless=true"));
        argv.addAll(jvmFlags);
        argv.addAll(List.of("-jar", jar.toString(), "kernel", "{connection_file}"));
        StringBuilder json = new StringBuilder("{\n  \"argv\": [");
        for (int i = 0; i < argv.size(); i++) {
            json.append(i == 0 ? "" : ", ").append(quote(argv.get(i)));
        }
        return json.append("],\n")
                .append("  \"display_name\": \"bpftrace\",\n")
                .append("  \"language\": \"bpftrace\",\n")
                .append("  \"interrupt_mode\": \"message\",\n")
                .append("  \"metadata\": {\"debugger\": false}\n")
                .append("}\n").toString();
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        return out.append('"').toString();
    }

    /** Jupyter's per-user data directory, found as jupyter_core finds it. */
    private static Path userDataDir() {
        String dataDir = System.getenv("JUPYTER_DATA_DIR");
        if (dataDir != null && !dataDir.isEmpty()) return Path.of(dataDir);
        String xdg = System.getenv("XDG_DATA_HOME");
        if (xdg != null && !xdg.isEmpty()) return Path.of(xdg, "jupyter");
        String home = System.getenv("HOME");
        return Path.of(home != null && !home.isEmpty() ? home : System.getProperty("user.home"), ".local/share/jupyter");
    }

    private static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    private static Path thisJar() throws IOException {
        try {
            Path jar = Path.of(KernelSpec.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(jar)) throw new IOException("install must run from bpfbook.jar, not " + jar);
            return jar.toAbsolutePath();
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }

    /** Debian's Jupyter runs on /usr/bin/python3; --sys-prefix means that interpreter's prefix. */
    private static String pythonSysPrefix() throws IOException, InterruptedException {
        Process python = new ProcessBuilder("/usr/bin/python3", "-c", "import sys; print(sys.prefix)")
                .redirectErrorStream(true).start();
        String prefix = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!python.waitFor(30, TimeUnit.SECONDS) || python.exitValue() != 0 || prefix.isEmpty()) {
            throw new IOException("cannot ask /usr/bin/python3 for sys.prefix: " + prefix);
        }
        return prefix;
    }
}
