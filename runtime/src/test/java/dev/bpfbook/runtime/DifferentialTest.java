package dev.bpfbook.runtime;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same program and workload through bpftrace 0.17 and through bpfbook's CLI: stdout must be identical
 * apart from the "Attaching" line. Both run {@code -c 'dd …'}, so the workload starts once probes are
 * attached and its exit ends the run. Programs avoid ties in map values (bpftrace orders ties by hash).
 */
class DifferentialTest {
    static final String DD = "/usr/bin/dd if=/dev/zero of=/dev/null bs=1 count=500";
    static final Path BPFTRACE = Path.of("/usr/bin/bpftrace");

    @BeforeAll
    static void requirements() {
        RequireBpf.check();
        if (!Files.isExecutable(BPFTRACE)) {
            if ("1".equals(System.getenv("BPFBOOK_REQUIRE_BPF"))) {
                throw new AssertionError("bpftrace is required for differential tests in CI (apt-get install bpftrace)");
            }
            org.junit.jupiter.api.Assumptions.assumeTrue(false, "bpftrace not installed");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // count with a string filter
            "tracepoint:syscalls:sys_enter_read /comm == \"dd\"/ { @reads = count(); }",
            // hist of return values, anonymous map
            "tracepoint:syscalls:sys_exit_read /comm == \"dd\"/ { @ = hist(args->ret); }",
            // lhist and sum in one probe
            "t:syscalls:sys_exit_read /comm == \"dd\"/ { @l = lhist(args->ret, 0, 1000, 100); @s = sum(args->ret); }",
            // printf with str(), if/else and string comparison. Library paths are counted, not printed: they live in
            // pages dd may not have touched yet, so reading them races with page faults (in bpftrace too).
            "t:syscalls:sys_enter_openat /comm == \"dd\"/ { $f = str(args->filename); "
                    + "if ($f == \"/dev/zero\") { printf(\"in  %-12s|%5d|\\n\", $f, args->flags & 3); } "
                    + "else if ($f != \"/dev/null\") { @other = count(); } else { printf(\"out %x %X\\n\", 255, 3054); } }",
            // multi-key maps with int and string keys; probe builtin; wildcard tracepoints
            "tracepoint:syscalls:sys_enter_close*, tracepoint:syscalls:sys_enter_openat /comm == \"dd\"/ "
                    + "{ @calls[probe] = count(); } "
                    + "tracepoint:syscalls:sys_enter_read /comm == \"dd\"/ { @fds[comm, args->fd] = count(); }",
            // BEGIN/END, map arithmetic operators, printf directives
            "BEGIN { printf(\"%d %u %x %X %s %c %ld %lu %llu|%5d|%-5d|%-3s|\\n\", -1, 3, 255, 255, \"str\", 65, -4, 5, 6, 7, 8, \"ab\"); "
                    + "@x = 5; @x += 3; @x -= 1; @y++; @y++; @y--; @z = (7 * 6 - 2) / 3 % 5 << 2 | 1 ^ 3 & 1; @n = -7 / 2; }"
                    + " END { printf(\"end %d %d\\n\", @x, @y); }",
            // delete, clear, zero and print at run time
            "BEGIN { @a[1] = 1; @a[2] = 2; @a[3] = 3; delete(@a[1]); print(@a); @b = count(); @b = count(); zero(@b); "
                    + "@c[\"x\"] = 1; clear(@c); }",
            // logical operators, comparisons, ternary, uid/gid
            "t:syscalls:sys_exit_read /comm == \"dd\" && (args->ret == 1 || args->ret > 4096) && !(args->ret < 0)/ "
                    + "{ @big[args->ret > 1 ? 2 : 1] = count(); @ids[uid, gid] = sum(1); }",
    })
    void sameOutputAsBpftrace(String program) throws Exception {
        String reference = bpftrace(program);
        String ours = bpfbook(program);
        assertTrue(reference.startsWith("Attaching "), reference);
        assertEquals(withoutAttaching(reference), withoutAttaching(ours), "program: " + program);
    }

    /** bpftrace's -f json: one JSON object a line, the same schema for printf, maps and histograms. */
    @ParameterizedTest
    @ValueSource(strings = {
            "tracepoint:syscalls:sys_exit_read /comm == \"dd\"/ { @h = hist(args->ret); @c = count(); @s[comm] = sum(args->ret); }",
            "t:syscalls:sys_exit_read /comm == \"dd\"/ { @l = lhist(args->ret, 0, 1000, 100); }",
            "BEGIN { printf(\"a \\\"quoted\\\" %s\\n\", \"tab\\there\"); @m[1, \"x\"] = 3; @m[2, \"y\"] = 4; }",
    })
    void sameJsonAsBpftrace(String program) throws Exception {
        String reference = bpftrace("-f", "json", program);
        String ours = bpfbook("-f", "json", program);
        assertTrue(reference.startsWith("{\"type\": \"attached_probes\""), reference);
        assertEquals(reference, ours, "program: " + program);
    }

    private static String withoutAttaching(String out) {
        return out.replaceFirst("^Attaching \\d+ probes?\\.\\.\\.\\n", "");
    }

    private static String bpftrace(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(BPFTRACE.toString(), "-c", DD));
        command.addAll(List.of(args).subList(0, args.length - 1));
        command.addAll(List.of("-e", args[args.length - 1]));
        Process p = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new String(out, StandardCharsets.UTF_8);
    }

    private static String bpfbook(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        List<String> command = new ArrayList<>(List.of("-c", DD));
        command.addAll(List.of(args).subList(0, args.length - 1));
        command.addAll(List.of("-e", args[args.length - 1]));
        int rc = Cli.run(command.toArray(String[]::new), new PrintStream(out, true), new PrintStream(err, true));
        assertEquals(0, rc, err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
