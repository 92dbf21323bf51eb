package dev.bpfbook.runtime;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The first-light slice on the real kernel, with exact counts from dd: {@code bs=1 count=N} makes N+3
 * read syscalls (N one-byte reads from /dev/zero, plus the loader's and locale reads).
 */
class EngineTest {
    static final int N = 1000;
    static Session session;

    @BeforeAll
    static void open() {
        RequireBpf.check();
        session = new Session();
    }

    @AfterAll
    static void close() {
        if (session != null) session.close();
    }

    @BeforeEach
    void fresh() {
        for (String m : session.mapNames()) session.clearMap(m);
    }

    @Test
    void countsEveryReadOfDd() throws Exception {
        var r = Traced.around(session, "tracepoint:syscalls:sys_enter_read /comm == \"dd\"/ { @reads = count(); }",
                () -> Workload.dd(N));
        assertEquals("@reads: " + (N + 3) + "\n", r.run().mapsText().strip() + "\n");
    }

    @Test
    void sumsAndKeysByString() throws Exception {
        var r = Traced.around(session, """
                tracepoint:syscalls:sys_enter_read /comm == "dd" && args->count == 1/ {
                    @bytes[comm] = sum(args->count);
                    @calls[comm, args->fd] = count();
                }""", () -> Workload.dd(N));
        String maps = r.run().mapsText();
        assertTrue(maps.contains("@bytes[dd]: " + N + "\n"), maps);
        assertTrue(maps.contains("@calls[dd, 0]: " + N + "\n"), maps);
    }

    @Test
    void histogramOfReturnedSizes() throws Exception {
        var r = Traced.around(session,
                "tracepoint:syscalls:sys_exit_read /comm == \"dd\" && args->ret == 1/ { @ret = hist(args->ret); }",
                () -> Workload.dd(N));
        assertTrue(r.run().mapsText().contains(
                "@ret: \n[1]                 1000 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n"), r.run().mapsText());
    }

    @Test
    void linearHistogramBucketsAndBounds() throws Exception {
        var r = Traced.around(session, """
                tracepoint:syscalls:sys_exit_read /comm == "dd" && args->ret >= 0 && args->ret < 2/ {
                    @l = lhist(args->ret, 0, 5, 1);
                }""", () -> Workload.dd(N));
        String maps = r.run().mapsText();
        assertTrue(maps.contains("[0, 1)                 1 |"), maps);
        assertTrue(maps.contains("[1, 2)              1000 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|"), maps);
    }

    @Test
    void printfIfElseAndStr() throws Exception {
        var r = Traced.around(session, """
                tracepoint:syscalls:sys_enter_openat /comm == "dd"/ {
                    $f = str(args->filename);
                    if ($f == "/dev/zero") {
                        printf("input %s\\n", $f);
                    } else if ($f == "/dev/null") {
                        printf("output %s\\n", $f);
                    } else {
                        @other = count();
                    }
                }""", () -> Workload.dd(10));
        assertTrue(r.stdout().contains("input /dev/zero\n"), r.stdout());
        assertTrue(r.stdout().contains("output /dev/null\n"), r.stdout());
        assertEquals(2, r.stdout().lines().count(), r.stdout());
    }

    /** raw_syscalls:sys_enter's raw arguments are (struct pt_regs *regs, long id); read is syscall 0 on x86-64. */
    @Test
    void rawTracepointArguments() throws Exception {
        var r = Traced.around(session, "rawtracepoint:sys_enter /comm == \"dd\" && arg1 == 0/ { @raw_reads = count(); }",
                () -> Workload.dd(N));
        assertEquals("@raw_reads: " + (N + 3), r.run().mapsText().strip());
    }

    @Test
    void beginPrintfAndExit() throws Exception {
        var r = Traced.once(session, "BEGIN { printf(\"hello %d %s|%-4s|%5u\\n\", 42, \"world\", \"ab\", 7); exit(); }");
        assertEquals("hello 42 world|ab  |    7\n", r.stdout());
    }

    @Test
    void filtersAndArithmetic() throws Exception {
        var r = Traced.around(session, """
                tracepoint:syscalls:sys_exit_read /comm == "dd"/ {
                    @ok = sum(args->ret == 1 ? 1 : 0);
                    if (args->ret == 1) {
                        @mixed = sum((args->ret * 3 + 2) % 4 - 1 + 1);
                        @bits = sum((args->ret << 2) | 1 ^ 0);
                        @neg = sum(-args->ret / 1);
                    }
                }""", () -> Workload.dd(N));
        String maps = r.run().mapsText();
        assertTrue(maps.contains("@ok: " + N + "\n"), maps);
        assertTrue(maps.contains("@mixed: " + N + "\n"), maps);
        assertTrue(maps.contains("@bits: " + 5 * N + "\n"), maps);
        assertTrue(maps.contains("@neg: -" + N + "\n"), maps);
    }
}
