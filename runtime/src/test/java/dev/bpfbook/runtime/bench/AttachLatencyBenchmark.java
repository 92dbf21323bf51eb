package dev.bpfbook.runtime.bench;

import dev.bpfbook.runtime.Output;
import dev.bpfbook.runtime.Run;
import dev.bpfbook.runtime.RunOptions;
import dev.bpfbook.runtime.Session;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Time from start to attached for {@code tracepoint:syscalls:sys_exit_read { @ = hist(args->ret); }}, side by
 * side: bpftrace 0.17, the bpfbook CLI (a fresh JVM: plain {@code java -jar}, and the {@code bpfbook} launcher
 * that install/install.sh writes, which starts from the install's class archive), and a warm bpfbook Session
 * (a later run in the same JVM). The launcher row appears when {@code -Dbpfbook.launcher} (default
 * /usr/local/bin/bpfbook) exists.
 * "Attached" is when BEGIN runs, which both tools do after every probe is attached; the program prints from
 * BEGIN and the clock stops when that line arrives. Prints medians over several rounds; asserts nothing.
 *
 * <p>Run: {@code java -cp <runtime test classpath> dev.bpfbook.runtime.bench.AttachLatencyBenchmark JAR [ROUNDS]}
 */
public final class AttachLatencyBenchmark {
    static final String PROGRAM = "BEGIN { printf(\"ready\\n\"); } tracepoint:syscalls:sys_exit_read { @ = hist(args->ret); }";

    public static void main(String[] args) throws Exception {
        String jar = args.length > 0 ? args[0] : "kernel/target/bpfbook.jar";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        String java = ProcessHandle.current().info().command().orElse("java");
        double bpftrace = median(rounds, () -> untilReady(List.of("bpftrace", "-e", PROGRAM)));
        double cli = median(rounds, () -> untilReady(List.of(java, "-jar", jar, "-e", PROGRAM)));
        Path launcher = Path.of(System.getProperty("bpfbook.launcher", "/usr/local/bin/bpfbook"));
        double fast = Files.isExecutable(launcher)
                ? median(rounds, () -> untilReady(List.of(launcher.toString(), "-e", PROGRAM))) : Double.NaN;
        double warm;
        try (Session session = new Session()) {
            warm(session); // the first run pays for class loading and the tracefs catalogue
            warm = median(rounds, () -> warm(session));
        }
        System.out.printf("start -> attached, median of %d (ms)%n", rounds);
        System.out.printf("  bpftrace 0.17        %8.1f%n", bpftrace);
        System.out.printf("  bpfbook CLI (cold)   %8.1f   %.2fx bpftrace   java -jar%n", cli, cli / bpftrace);
        if (!Double.isNaN(fast)) {
            System.out.printf("  bpfbook CLI (cold)   %8.1f   %.2fx bpftrace   %s%n", fast, fast / bpftrace, launcher);
        }
        System.out.printf("  bpfbook warm session %8.1f   %.2fx bpftrace%n", warm, warm / bpftrace);
    }

    interface Measure {
        double ms() throws Exception;
    }

    static double median(int rounds, Measure m) throws Exception {
        double[] xs = new double[rounds];
        for (int i = 0; i < rounds; i++) xs[i] = m.ms();
        Arrays.sort(xs);
        return xs[rounds / 2];
    }

    static double untilReady(List<String> command) throws Exception {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null && !line.equals("ready")) {
                // skip "Attaching 2 probes..."
            }
            double ms = (System.nanoTime() - t0) / 1e6;
            if (line == null) throw new IllegalStateException(command.get(0) + " ended before attaching");
            p.destroy(); // SIGTERM: both tools detach and exit
            p.waitFor(10, TimeUnit.SECONDS);
            return ms;
        }
    }

    static double warm(Session session) throws Exception {
        CountDownLatch ready = new CountDownLatch(1);
        long t0 = System.nanoTime();
        Run run = session.start(PROGRAM, RunOptions.defaults().withMaps(RunOptions.MapReport.NONE), new Output() {
            public void stdout(String text) { if (text.contains("ready")) ready.countDown(); }
            public void stderr(String text) { }
        });
        ready.await(10, TimeUnit.SECONDS);
        double ms = (System.nanoTime() - t0) / 1e6;
        run.interrupt();
        run.await();
        return ms;
    }
}
