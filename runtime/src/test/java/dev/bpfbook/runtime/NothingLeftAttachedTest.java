package dev.bpfbook.runtime;

import dev.bpfbook.linux.ProcessFds;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** After every run, a SIGINT, or a session close, no perf event and no BPF program fd of ours is left. */
class NothingLeftAttachedTest {
    @BeforeAll
    static void bpf() {
        RequireBpf.check();
    }

    private static long progs() {
        return ProcessFds.count("anon_inode:bpf-prog");
    }

    private static long perfEvents() {
        return ProcessFds.count("anon_inode:[perf_event]");
    }

    @Test
    void runsReleaseEverything() throws Exception {
        long progs = progs(), events = perfEvents();
        try (Session session = new Session()) {
            Traced.around(session, """
                    tracepoint:syscalls:sys_enter_read, tracepoint:syscalls:sys_exit_read { @[probe] = count(); }
                    interval:ms:100 { @ticks = count(); }
                    profile:hz:99 { @samples = count(); }""", () -> Workload.dd(10));
            assertEquals(progs, progs());
            assertEquals(events, perfEvents());
            Traced.once(session, "BEGIN { exit(); } END { @end = 1; }");
            assertEquals(progs, progs());
        }
        assertEquals(progs, progs());
        assertEquals(events, perfEvents());
    }

    @Test
    void closingTheSessionStopsALiveRun() throws Exception {
        long progs = progs(), events = perfEvents();
        Session session = new Session();
        session.start("tracepoint:raw_syscalls:sys_enter { @n = count(); }", RunOptions.defaults(),
                Output.of(new PrintStream(new ByteArrayOutputStream()), System.err));
        assertTrue(perfEvents() > events);
        session.close();
        assertEquals(progs, progs());
        assertEquals(events, perfEvents());
    }

    /** The CLI in its own JVM, stopped by SIGINT: it prints the maps, exits 0 and its probes are gone. */
    @Test
    void cliStopsCleanlyOnSigint() throws Exception {
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), Cli.class.getName(),
                "-e", "tracepoint:raw_syscalls:sys_enter { @n = count(); }").redirectErrorStream(true).start();
        var out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        var in = p.getInputStream();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!out.toString(StandardCharsets.UTF_8).contains("Attaching") && System.nanoTime() < deadline) {
            int n = in.read(buf);
            if (n < 0) break;
            out.write(buf, 0, n);
        }
        Thread.sleep(300);
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), "CLI did not exit after SIGINT");
        out.write(in.readAllBytes());
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        assertTrue(text.matches("(?s)Attaching 1 probe\\.\\.\\.\\n.*@n: [1-9][0-9]*\\n.*"), text);
    }
}
