package dev.bpfbook.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

/**
 * What makes a fresh JVM start bpfbook fast, kept in one directory per install: a dynamic CDS archive of the
 * classes a typical run loads (parse, check, compile, load, attach, print), JNA's native dispatch library
 * unpacked once, and {@code java.args}, the flags plus {@code -jar}, for the {@code bpfbook} launcher
 * ({@code java @java.args ...}). The archive fits one exact jar; the JVM ignores it (-Xshare:auto) once the jar
 * changes, so install rebuilds everything every time.
 */
record StartupArchive(Path dir) {
    /** Exercises every stage once; exits by itself after 100 ms. */
    static final String TRAINING = "BEGIN { printf(\"%s %d\\n\", \"training\", 1); } "
            + "tracepoint:syscalls:sys_exit_read { @ = hist(args->ret); @reads[comm] = count(); } "
            + "interval:ms:100 { exit(); }";
    /** Where JNA's jar keeps the library for this platform (the one {@link Main} may swap for the unpacked copy). */
    static final String JNIDISPATCH_ENTRY = "com/sun/jna/" + jnaPlatform() + "/libjnidispatch.so";
    /** The unpacked copy of {@link #JNIDISPATCH_ENTRY}; Main checks it against the jar's before JNA loads. */
    static final String JNIDISPATCH_PROPERTY = "bpfbook.jnidispatch";

    Path archive() {
        return dir.resolve("bpfbook.jsa");
    }

    Path jnidispatch() {
        return dir.resolve("libjnidispatch.so");
    }

    Path argFile() {
        return dir.resolve("java.args");
    }

    /**
     * Flags for the kernel: the archive and the unpacked library. Serial GC starts faster than G1 and suits
     * the kernel's small heap. No TieredStopAtLevel=1 here: a kernel lives for hours and wants C2.
     */
    List<String> kernelFlags() {
        return List.of("-XX:SharedArchiveFile=" + archive(), "-Xshare:auto", "-XX:+UseSerialGC",
                "-D" + JNIDISPATCH_PROPERTY + "=" + jnidispatch());
    }

    /** Flags for the CLI, a short-lived process where C1 alone reaches "attached" sooner. */
    List<String> cliFlags() {
        List<String> flags = new ArrayList<>(kernelFlags());
        flags.add("-XX:TieredStopAtLevel=1");
        return flags;
    }

    /**
     * Unpacks the library and dumps the archive by running {@code jar} once on {@link #TRAINING} (or only
     * {@code --check} it where BPF is unavailable or the run fails), after writing {@code java.args}. Files are
     * replaced by rename, so a kernel running on the old archive keeps its mapping.
     *
     * @return why the archive could not be made, or null on success
     */
    String build(Path java, Path jar, boolean bpf) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path lib = Files.createTempFile(dir, "libjnidispatch", ".tmp");
        try (InputStream in = StartupArchive.class.getClassLoader().getResourceAsStream(JNIDISPATCH_ENTRY)) {
            if (in == null) throw new IOException("no " + JNIDISPATCH_ENTRY + " in " + jar);
            Files.copy(in, lib, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(lib, jnidispatch(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        // java.args first: the launcher needs it even if no archive comes of the training run.
        StringBuilder args = new StringBuilder();
        for (String flag : cliFlags()) args.append(argFileQuote(flag)).append('\n');
        args.append("-jar\n").append(argFileQuote(jar.toString())).append('\n');
        Files.writeString(argFile(), args, StandardCharsets.UTF_8);

        String failed = train(java, jar, bpf);
        // e.g. tracefs not mounted: an archive of parse and check is still most of the win
        return failed != null && bpf ? train(java, jar, false) : failed;
    }

    private String train(Path java, Path jar, boolean bpf) throws IOException, InterruptedException {
        Path dump = dir.resolve("bpfbook.jsa.tmp");
        Files.deleteIfExists(dump);
        List<String> command = new ArrayList<>(List.of(java.toString(), "-XX:ArchiveClassesAtExit=" + dump,
                "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
        command.addAll(cliFlags().subList(2, cliFlags().size())); // train as the CLI runs, minus the archive itself
        command.addAll(List.of("-jar", jar.toString()));
        if (!bpf) command.add("--check");
        command.addAll(List.of("-e", TRAINING));
        Process training = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!training.waitFor(120, TimeUnit.SECONDS)) {
            training.destroyForcibly().waitFor();
            return "the training run did not finish in 120 s";
        }
        if (training.exitValue() != 0 || !Files.isRegularFile(dump)) {
            Files.deleteIfExists(dump);
            return "the training run failed (exit " + training.exitValue() + ")";
        }
        Files.move(dump, archive(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return null;
    }

    /** One argument of a java @argfile: quoted, with backslashes and quotes escaped. */
    static String argFileQuote(String arg) {
        return "\"" + arg.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /**
     * Points JNA at the unpacked dispatch library when {@code -Dbpfbook.jnidispatch} names one identical to the
     * jar's (a rebuilt jar may carry another JNA, which would refuse a foreign library), and spares JNA the
     * {@code ldconfig -p} child it spawns to build its search path. Must run before any JNA class loads.
     */
    static void preferFastJna() {
        if (System.getProperty("jna.platform.library.path") == null) {
            String multiarch = System.getProperty("os.arch").equals("aarch64") ? "aarch64-linux-gnu" : "x86_64-linux-gnu";
            System.setProperty("jna.platform.library.path",
                    "/usr/lib/" + multiarch + ":/lib/" + multiarch + ":/usr/lib64:/lib64:/usr/lib:/lib");
        }
        String unpacked = System.getProperty(JNIDISPATCH_PROPERTY);
        if (unpacked == null || System.getProperty("jna.boot.library.path") != null) return;
        try {
            Path lib = Path.of(unpacked);
            URL bundled = Main.class.getClassLoader().getResource(JNIDISPATCH_ENTRY);
            if (bundled == null || !Files.isRegularFile(lib)) return;
            long crc;
            if (bundled.openConnection() instanceof JarURLConnection entry) {
                crc = entry.getJarEntry().getCrc();
            } else {
                return;
            }
            CRC32 copy = new CRC32();
            copy.update(Files.readAllBytes(lib));
            if (copy.getValue() == crc) System.setProperty("jna.boot.library.path", lib.getParent().toString());
        } catch (IOException | RuntimeException e) {
            // JNA unpacks its own copy, as without the flag
        }
    }

    private static String jnaPlatform() {
        return System.getProperty("os.arch").equals("aarch64") ? "linux-aarch64" : "linux-x86-64";
    }
}
