package dev.bpfbook.runtime.bench;

import dev.bpfbook.lang.diag.CompileException;
import dev.bpfbook.runtime.RunOptions;
import dev.bpfbook.runtime.Session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Front-end speed, printed, never asserted: parse+check throughput over the corpus (warm), the --check
 * time of a 100-line script (cold JVM through the jar, and warm in-process), and tcpdrop.bt against
 * bpftrace 0.17's dry run. bpftrace 0.17 has no check-only flag: {@code -d} ("dry run, debug info")
 * runs the parser, semantic analyser and LLVM code generation, prints the AST and IR, and exits without
 * attaching; that is the nearest thing, so its time includes code generation ours does not.
 *
 * Run: {@code mvn -B -o -pl runtime -Pbench test} (the profile skips the unit tests).
 */
public final class CheckBenchmark {
    private CheckBenchmark() {}

    static final RunOptions SAFE = new RunOptions("stdin", List.of("1", "2"), false, null, RunOptions.MapReport.NONE);
    static final RunOptions UNSAFE = new RunOptions("stdin", List.of("1", "2"), true, null, RunOptions.MapReport.NONE);

    public static void main(String[] args) throws Exception {
        Path root = root();
        List<String> corpus = new ArrayList<>(programs(root.resolve("lang/src/test/resources/corpus")));
        Path seeds = root.resolve("../shared/corpus/seeds").normalize();
        if (Files.isDirectory(seeds)) corpus.addAll(programs(seeds));
        Path tcpdrop = seeds.resolve("tcpdrop.bt");
        String hundred = hundredLineScript();
        Path hundredFile = Files.createTempFile("bpfbook-bench-", ".bt");
        Files.writeString(hundredFile, hundred);

        try (Session session = new Session()) {
            System.out.println("== parse + check throughput (warm, in-process, real probe catalogue)");
            int rejected = 0;
            for (String p : corpus) rejected += checks(session, p) ? 0 : 1;
            for (int i = 0; i < 20; i++) for (String p : corpus) checks(session, p);   // warm-up
            long t0 = System.nanoTime();
            long programs = 0;
            while (System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5)) {
                for (String p : corpus) checks(session, p);
                programs += corpus.size();
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf("corpus: %d programs (%d rejected by the checker, still timed), %d checked in %.2f s%n",
                    corpus.size(), rejected, programs, secs);
            System.out.printf("throughput: %.0f programs/s, %.1f us/program%n", programs / secs, secs * 1e6 / programs);
            record Timed(String program, double ms) {}
            List<Timed> timed = new ArrayList<>();
            for (String p : corpus) timed.add(new Timed(p, warmMedianMs(session, p, 20)));
            timed.sort((a, b) -> Double.compare(b.ms(), a.ms()));
            System.out.println("slowest (median of 20):");
            for (Timed t : timed.subList(0, Math.min(5, timed.size()))) {
                String first = t.program().lines().filter(l -> !l.isBlank() && !l.startsWith("#") && !l.startsWith("/")
                        && !l.startsWith(" *")).findFirst().orElse("");
                System.out.printf("  %8.3f ms  %s%n", t.ms(), first.length() > 90 ? first.substring(0, 90) + "..." : first);
            }

            System.out.println();
            System.out.println("== --check of a " + hundred.split("\n").length + "-line script");
            if (!checks(session, hundred)) System.out.println("(note: the 100-line script does not check clean here)");
            double warm = warmMedianMs(session, hundred);
            System.out.printf("warm, in-process: %.3f ms (median of 200)%n", warm);
            Path jar = root.resolve("kernel/target/bpfbook.jar");
            Double cold = null;
            if (Files.exists(jar)) {
                cold = medianMs(5, List.of(javaBin(), "-jar", jar.toString(), "--check", hundredFile.toString()));
                System.out.printf("cold JVM, java -jar bpfbook.jar --check: %.0f ms (median of 5)%n", cold);
            } else {
                System.out.println("cold JVM: skipped, " + jar + " not built (mvn -o -pl kernel package)");
            }

            System.out.println();
            System.out.println("== tcpdrop.bt: bpfbook --check vs bpftrace 0.17 -d");
            if (!Files.exists(tcpdrop)) {
                System.out.println("skipped: " + tcpdrop + " not found");
                return;
            }
            String tcp = Files.readString(tcpdrop);
            System.out.println("bpfbook check " + (checks(session, tcp) ? "passes" : "fails"));
            double tcpWarm = warmMedianMs(session, tcp);
            System.out.printf("bpfbook warm, in-process: %.3f ms%n", tcpWarm);
            Double tcpCold = Files.exists(jar)
                    ? medianMs(5, List.of(javaBin(), "-jar", jar.toString(), "--check", tcpdrop.toString())) : null;
            if (tcpCold != null) System.out.printf("bpfbook cold JVM (--check): %.0f ms%n", tcpCold);
            if (!Files.isExecutable(Path.of("/usr/bin/bpftrace"))) {
                System.out.println("bpftrace: not installed, no comparison");
                return;
            }
            // 0.17 does not know args.field (the seed fails its semantic pass): time it as written, and
            // with args-> so that bpftrace runs every pass.
            Path arrow = Files.createTempFile("tcpdrop-arrow-", ".bt");
            Files.writeString(arrow, tcp.replace("args.", "args->"));
            double bt = medianMs(5, List.of("/usr/bin/bpftrace", "-d", tcpdrop.toString()));
            double btArrow = medianMs(5, List.of("/usr/bin/bpftrace", "-d", arrow.toString()));
            System.out.printf("bpftrace -d tcpdrop.bt (stops at its semantic error): %.0f ms%n", bt);
            System.out.printf("bpftrace -d tcpdrop.bt with args-> (all passes, no attach): %.0f ms%n", btArrow);
            System.out.printf("ratio bpftrace(args->) / bpfbook warm: %.0fx%n", btArrow / tcpWarm);
            if (tcpCold != null) System.out.printf("ratio bpftrace(args->) / bpfbook cold JVM: %.2fx%n", btArrow / tcpCold);
            Files.deleteIfExists(arrow);
        } finally {
            Files.deleteIfExists(hundredFile);
        }
    }

    /** True when it checks clean; a rejection is a normal outcome here (the time still counts). */
    static boolean checks(Session session, String source) {
        try {
            session.check(source, UNSAFE);
            return true;
        } catch (CompileException e) {
            return false;
        }
    }

    static double warmMedianMs(Session session, String source) {
        return warmMedianMs(session, source, 200);
    }

    static double warmMedianMs(Session session, String source, int runs) {
        for (int i = 0; i < runs; i++) checks(session, source);
        double[] ms = new double[runs];
        for (int i = 0; i < ms.length; i++) {
            long t = System.nanoTime();
            checks(session, source);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return ms[ms.length / 2];
    }

    /** Median wall time of a command, its output discarded. */
    static double medianMs(int runs, List<String> command) throws IOException, InterruptedException {
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return ms[runs / 2];
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static List<String> programs(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<String> out = new ArrayList<>();
            for (Path p : s.filter(f -> f.toString().endsWith(".bt")).sorted().toList()) out.add(Files.readString(p));
            return out;
        }
    }

    /** The repository root: -Dbpfbook.root (the bench profile sets it), BPFBOOK_ROOT, or up from here. */
    static Path root() {
        String prop = System.getProperty("bpfbook.root", System.getenv("BPFBOOK_ROOT"));
        if (prop != null) return Path.of(prop);
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("lang/src"))) dir = dir.getParent();
        if (dir == null) throw new IllegalStateException("cannot find the repository root; set -Dbpfbook.root");
        return dir;
    }

    /** A realistic 100-line script: per-syscall latency and error tracing, a summary interval, END. */
    static String hundredLineScript() {
        StringBuilder s = new StringBuilder();
        s.append("#!/usr/bin/env bpftrace\n// syscall latency and errors for a handful of syscalls\n\n");
        s.append("BEGIN\n{\n  printf(\"Tracing... Hit Ctrl-C to end.\\n\");\n  @limit = 1000000;\n}\n\n");
        String[] calls = {"read", "write", "openat", "close", "mmap", "ioctl", "fstat", "lseek"};
        for (String c : calls) {
            s.append("tracepoint:syscalls:sys_enter_").append(c).append("\n{\n  @start_").append(c)
             .append("[tid] = nsecs;\n}\n\n");
            s.append("tracepoint:syscalls:sys_exit_").append(c).append(" /@start_").append(c).append("[tid]/\n{\n")
             .append("  $d = nsecs - @start_").append(c).append("[tid];\n")
             .append("  @lat_").append(c).append("[comm] = hist($d / 1000);\n")
             .append("  if (args->ret < 0) { @errors[\"").append(c).append("\", -args->ret] = count(); }\n")
             .append("  if ($d > @limit) { printf(\"%-16s %-8s %d us\\n\", comm, \"").append(c).append("\", $d / 1000); }\n")
             .append("  delete(@start_").append(c).append("[tid]);\n}\n");
            if (s.toString().split("\n").length >= 84) break;
        }
        s.append("\ninterval:s:10\n{\n  time(\"%H:%M:%S\\n\");\n  print(@errors);\n  clear(@errors);\n}\n\n");
        s.append("END\n{\n  clear(@limit);\n}\n");
        String[] lines = s.toString().split("\n", -1);
        StringBuilder out = new StringBuilder(s);
        for (int n = lines.length - 1; n < 100; n++) out.append("// padding to 100 lines\n");
        return out.toString();
    }
}
