package dev.bpfbook.runtime.codegen;

import dev.bpfbook.runtime.corpus.Corpus;
import dev.bpfbook.lang.CompileContext;
import dev.bpfbook.lang.Compiler;
import dev.bpfbook.lang.diag.CompileException;
import dev.bpfbook.lang.program.AsyncAction;
import dev.bpfbook.lang.syntax.Parser;
import dev.bpfbook.runtime.RequireBpf;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.bpfbook.runtime.codegen.LoadedCompilation.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Statements, values, aggregations and builtins of the language, run in the real kernel: BEGIN programs
 * run once with BPF_PROG_TEST_RUN and their ring records and maps are checked; others must verify.
 */
class LanguageRunTest {

    @BeforeAll
    static void needBpf() {
        RequireBpf.check();
    }

    /** The printf records of a BEGIN run, formatted the simple way (%d and %s only). */
    static List<String> printed(LoadedCompilation l) {
        List<String> out = new ArrayList<>();
        for (ByteBuffer r : l.runBegin()) {
            AsyncAction a = l.action(r);
            if (a instanceof AsyncAction.Printf p) {
                StringBuilder sb = new StringBuilder();
                String f = p.format();
                int arg = 0;
                for (int i = 0; i < f.length(); i++) {
                    char c = f.charAt(i);
                    if (c == '%' && i + 1 < f.length()) {
                        char k = f.charAt(++i);
                        AsyncAction.Arg x = p.args().get(arg++);
                        if (k == 's') sb.append(cstring(r, x.offset(), x.type().size()));
                        else sb.append(r.getLong(x.offset()));
                    } else {
                        sb.append(c);
                    }
                }
                out.add(sb.toString());
            } else {
                out.add(a.getClass().getSimpleName());
            }
        }
        return out;
    }

    // ---- statements ----

    @Test
    void whileWithBreakAndContinue() throws Exception {
        try (LoadedCompilation l = load("BEGIN { $i = 0; while ($i <= 100) { if ($i > 50) { break; } $i++; } @i = $i;"
                + " $j = 0; $odd = 0; while ($j < 10) { $j++; if ($j % 2 == 0) { continue; } $odd++; } @odd = $odd; }")) {
            l.runBegin();
            assertEquals(51, l.u64("@i", 0));
            assertEquals(5, l.u64("@odd", 0));
        }
    }

    @Test
    void whileWithDataDependentBound() throws Exception {
        try (LoadedCompilation l = load("BEGIN { @n = 7; $i = 0; $s = 0; while ($i < @n && $i < 20) { $s += $i; $i++; } @s = $s; }")) {
            l.runBegin();
            assertEquals(21, l.u64("@s", 0));
        }
    }

    @Test
    void unrollEmitsCopies() throws Exception {
        try (LoadedCompilation l = load("BEGIN { $k = 0; unroll(10) { $k++; printf(\"k %d\\n\", $k); } unroll(1 + 2) { @u++; } }")) {
            List<String> out = printed(l);
            assertEquals(10, out.size());
            for (int i = 0; i < 10; i++) assertEquals("k " + (i + 1) + "\n", out.get(i));
            assertEquals(3, l.u64("@u", 0));
        }
    }

    @Test
    void forMapSeedPrintsEntries() throws Exception {
        String seed = Corpus.seed("for-map.bt");
        try (LoadedCompilation l = load(seed)) {
            List<String> out = printed(l);
            assertEquals(3, out.size(), out.toString());
            List<String> lines = new ArrayList<>(out.subList(0, 2));
            lines.sort(null);
            assertEquals(List.of("1 -> 10\n", "2 -> 20\n"), lines);
            assertEquals("Exit", out.get(2));
        }
    }

    @Test
    void forMapBreakContinueAndOwnVariables() throws Exception {
        String src = "BEGIN { @m[1] = 1; @m[2] = 2; @m[3] = 3; @m[4] = 4;"
                + " for ($kv : @m) { if ($kv.0 == 2) { continue; } $d = $kv.1 * 10; @seen[$kv.0] = $d; @n++; }"
                + " for ($e : @m) { @first = $e.0; break; }"
                + " @s[\"a\", 1] = \"x\"; for ($t : @s) { printf(\"%s %d %s\\n\", $t.0.0, $t.0.1, $t.1); } }";
        try (LoadedCompilation l = load(src)) {
            assertEquals(List.of("a 1 x\n"), printed(l));
            assertEquals(3, l.u64("@n", 0));
            assertEquals(10, l.u64("@seen", 1));
            assertEquals(40, l.u64("@seen", 4));
            assertNull(l.lookup("@seen", 2));
            long first = l.u64("@first", 0);
            assertTrue(first >= 1 && first <= 4);
        }
    }

    // ---- values ----

    @Test
    void tuplesAsValues() throws Exception {
        String src = "BEGIN { $a = (1, 2); $b = (3, 4, $a); print($b.0); @t = (5, \"ab\"); @x = $b.2.1; $c = @t;"
                + " printf(\"%d %s\\n\", $c.0, $c.1); print($a); }";
        try (LoadedCompilation l = load(src)) {
            List<ByteBuffer> records = l.runBegin(3);
            AsyncAction.PrintValue p = assertInstanceOf(AsyncAction.PrintValue.class, l.action(records.get(0)));
            assertEquals(3, records.get(0).getLong(p.value().offset()));
            AsyncAction.Printf f = assertInstanceOf(AsyncAction.Printf.class, l.action(records.get(1)));
            assertEquals(5, records.get(1).getLong(f.args().get(0).offset()));
            assertEquals("ab", cstring(records.get(1), f.args().get(1).offset(), 3));
            AsyncAction.PrintValue pa = assertInstanceOf(AsyncAction.PrintValue.class, l.action(records.get(2)));
            assertEquals(16, pa.value().type().size());
            assertEquals(1, records.get(2).getLong(pa.value().offset()));
            assertEquals(2, records.get(2).getLong(pa.value().offset() + 8));
            assertEquals(2, l.u64("@x", 0));
            byte[] t = l.lookup("@t", 0);
            assertEquals(5, u64(t, 0));
            assertEquals("ab", new String(t, 8, 2, StandardCharsets.US_ASCII));
        }
    }

    @Test
    void positionalParametersAndCompoundAssignments() throws Exception {
        String src = "BEGIN { @n = $1 + $#; @s = str($2); @t = str($1); $x = 100; $x -= 1; $x *= 2; $x /= 3; $x %= 50; $x <<= 3;"
                + " $x >>= 1; $x &= 0xff; $x |= 0x100; $x ^= 1; @x = $x; @m = 5; @m *= 3; @m -= 1; @m <<= 1; @p = @m++; @q = ++@m;"
                + " @r = -1; @w = $x--; @z = --$x; }";
        try (LoadedCompilation l = load(src, List.of("40", "hello"))) {
            l.runBegin();
            assertEquals(42, l.u64("@n", 0));
            assertEquals("hello", l.string("@s", 0));
            assertEquals("40", l.string("@t", 0));
            long x = 100;
            x -= 1; x *= 2; x /= 3; x %= 50; x <<= 3; x >>= 1; x &= 0xff; x |= 0x100; x ^= 1;
            assertEquals(x, l.u64("@x", 0));
            assertEquals(28, l.u64("@p", 0));
            assertEquals(30, l.u64("@q", 0));
            assertEquals(30, l.u64("@m", 0));
            assertEquals(-1, l.u64("@r", 0));
            assertEquals(x, l.u64("@w", 0));
            assertEquals(x - 2, l.u64("@z", 0));
        }
    }

    /** The two u64 halves of each CPU's value, reduced the way the runtime does. */
    static long[] pairs(LoadedCompilation l, String map, int cpuReduce) {
        byte[][] v = l.maps.get(map).lookupPerCpu(key(0));
        assertNotNull(v, map);
        long a = 0, b = 0;
        for (byte[] c : v) {
            long x = u64(c, 0), set = u64(c, 8);
            if (cpuReduce == 0) { a += x; b += set; }
            else if (set != 0) { a = x; b = set; }
        }
        return new long[] {a, b};
    }

    @Test
    void avgMinMaxStats() throws Exception {
        String src = "BEGIN { @a = avg(10); @a = avg(20); @a = avg(33); @mn = min(5); @mn = min(-3); @mn = min(7);"
                + " @mx = max(5); @mx = max(-3); @mx = max(9); @mx = max(2); @st = stats(4); @st = stats(6);"
                + " @ra = @a; @rmin = @mn; @rmax = @mx; @neg = avg(-10); @neg = avg(-20); @rneg = @neg; }";
        try (LoadedCompilation l = load(src)) {
            l.runBegin();
            assertArrayEquals(new long[] {63, 3}, pairs(l, "@a", 0));
            assertArrayEquals(new long[] {-3, 1}, pairs(l, "@mn", 1));
            assertArrayEquals(new long[] {9, 1}, pairs(l, "@mx", 1));
            assertArrayEquals(new long[] {10, 2}, pairs(l, "@st", 0));
            assertEquals(21, l.u64("@ra", 0));
            assertEquals(-3, l.u64("@rmin", 0));
            assertEquals(9, l.u64("@rmax", 0));
            assertEquals(-15, l.u64("@rneg", 0));
        }
    }

    @Test
    void deleteEveryKindAndStringValues() throws Exception {
        String src = "BEGIN { @c[1] = count(); @c[2] = count(); delete(@c[1]); @h[7] = hist(100); @h[8] = hist(3); delete(@h[7]);"
                + " @l[1] = lhist(50, 0, 100, 10); delete(@l[1]); @a[1] = avg(3); delete(@a[1]); @v = 1; delete(@v);"
                + " @tcp_states[1] = \"ESTABLISHED\"; @tcp_states[2] = \"SYN_SENT\"; printf(\"%s|%s\\n\", @tcp_states[1], @tcp_states[2]); }";
        try (LoadedCompilation l = load(src)) {
            assertEquals(List.of("ESTABLISHED|SYN_SENT\n"), printed(l));
            assertNull(l.lookup("@c", 1));
            assertNotNull(l.lookup("@c", 2));
            assertEquals(1, l.maps.get("@h").keys().size(), "only @h[8]'s bucket is left");
            assertTrue(l.maps.get("@l").keys().isEmpty());
            assertTrue(l.maps.get("@a").keys().isEmpty());
            assertNull(l.lookup("@v", 0));
        }
    }

    // ---- builtins ----

    @Test
    void integerAndStringBuiltins() throws Exception {
        String src = "BEGIN { @b16 = bswap((uint16)0x1234); @b32 = bswap((uint32)0x12345678); @b64 = bswap(0x0102030405060708);"
                + " $s = \"hello world\"; @c1 = strcontains($s, \"lo w\"); @c2 = strcontains($s, \"low\"); @c3 = strcontains(comm, \"\");"
                + " @n1 = strncmp($s, \"help\", 3); @n2 = strncmp($s, \"help\", 4); @cg = cgroup; @u = username; @ct = curtask;"
                + " @cp = cpid; @e = strerror(2); }";
        try (LoadedCompilation l = load(src)) {
            l.runBegin();
            assertEquals(0x3412, l.u64("@b16", 0));
            assertEquals(0x78563412L, l.u64("@b32", 0));
            assertEquals(0x0807060504030201L, l.u64("@b64", 0));
            assertEquals(1, l.u64("@c1", 0));
            assertEquals(0, l.u64("@c2", 0));
            assertEquals(1, l.u64("@c3", 0));
            assertEquals(0, l.u64("@n1", 0));
            assertEquals(1, l.u64("@n2", 0));
            assertNotEquals(0, l.u64("@cg", 0), "a cgroup v2 id");
            assertEquals(0, l.u64("@u", 0), "tests run as root");
            assertNotEquals(0, l.u64("@ct", 0), "a task_struct address");
            assertEquals(0, l.u64("@cp", 0), "no -c command: the runtime leaves cpid 0");
            assertEquals(2, l.u64("@e", 0));
        }
    }

    @Test
    void networkValues() throws Exception {
        String src = "BEGIN { print(ntop(0x0100007f)); print(ntop(pton(\"10.1.2.3\"))); print(ntop(10, pton(\"::1\")));"
                + " $m = pton(\"1.2.3.4\"); print(macaddr(pton(\"1:2:3::\"))); print(buf($m, 3)); }";
        try (LoadedCompilation l = load(src)) {
            List<ByteBuffer> r = l.runBegin(5);
            int[][] want = {{2, 127, 0, 0, 1}, {2, 10, 1, 2, 3}};
            for (int i = 0; i < 2; i++) {
                AsyncAction.PrintValue p = (AsyncAction.PrintValue) l.action(r.get(i));
                int off = p.value().offset();
                assertEquals(want[i][0], r.get(i).getLong(off));
                for (int b = 0; b < 4; b++) assertEquals(want[i][b + 1], r.get(i).get(off + 8 + b) & 0xff);
            }
            AsyncAction.PrintValue v6 = (AsyncAction.PrintValue) l.action(r.get(2));
            assertEquals(10, r.get(2).getLong(v6.value().offset()));
            assertEquals(1, r.get(2).get(v6.value().offset() + 8 + 15));
            AsyncAction.PrintValue mac = (AsyncAction.PrintValue) l.action(r.get(3));
            assertEquals(6, mac.value().type().size());
            assertEquals(2, r.get(3).get(mac.value().offset() + 3));
            AsyncAction.PrintValue buf = (AsyncAction.PrintValue) l.action(r.get(4));
            int off = buf.value().offset();
            assertEquals(3, r.get(4).get(off));
            assertEquals(1, r.get(4).get(off + 1));
            assertEquals(3, r.get(4).get(off + 3));
        }
    }

    @Test
    void timeStrftimeAndActions() throws Exception {
        String src = "BEGIN { time(); time(\"%Y\\n\"); printf(\"%s\\n\", strftime(\"%H\", nsecs)); cat(\"/proc/%d/comm\", pid);"
                + " system(\"echo %d\", 3); }";
        try (LoadedCompilation l = loadUnsafe(src)) {
            List<ByteBuffer> r = l.runBegin(5);
            assertEquals(new AsyncAction.Time("%H:%M:%S\n"), l.action(r.get(0)));
            assertEquals(new AsyncAction.Time("%Y\n"), l.action(r.get(1)));
            AsyncAction.Printf p = (AsyncAction.Printf) l.action(r.get(2));
            assertEquals(new dev.bpfbook.lang.types.Type.TimestampType("%H"), p.args().get(0).type());
            assertTrue(r.get(2).getLong(p.args().get(0).offset()) > 0);
            assertInstanceOf(AsyncAction.Cat.class, l.action(r.get(3)));
            AsyncAction.SystemCommand s = (AsyncAction.SystemCommand) l.action(r.get(4));
            assertEquals(3, r.get(4).getLong(s.args().get(0).offset()));
        } catch (CompileException e) {
            fail(e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "t:syscalls:sys_enter_execve { join(args->argv); join(args->argv, \",\"); @[kstack] = count(); @u[ustack(perf, 10)] = count(); }",
            "t:sched:sched_switch { @[kstack(5)] = count(); printf(\"%s %s\\n\", kstack, ustack); @s = ksym(123); @v = usym(456); }",
            "t:syscalls:sys_enter_write { @w[pid] = buf(args->buf, 8); @x = buf(args->buf, args->count); signal(\"KILL\"); }",
            "t:syscalls:sys_enter_openat { $i = 0; while ($i < 8) { $i++; if (str(args->filename) == \"x\") { break; } } @[$i] = count(); }",
            "BEGIN { @x[1] = 1; } t:syscalls:sys_enter_close { for ($kv : @x) { @y[$kv.0] = pid; printf(\"%d\\n\", args->fd); } }",
    })
    void tracepointProgramsVerify(String source) throws Exception {
        try (LoadedCompilation l = source.contains("signal(") ? loadUnsafe(source) : load(source)) {
            assertFalse(l.programs.isEmpty());
        }
    }

    /** Seeds that use this helper's statements and builtins compile and verify on this kernel. */
    @ParameterizedTest
    @ValueSource(strings = {"for-map.bt", "tuples.bt", "unroll.bt", "map-as-array.bt", "killsnoop-ifelse.bt", "begin-end.bt"})
    void seedsVerify(String seed) throws Exception {
        String src = Corpus.seed(seed);
        try (LoadedCompilation l = load(src)) {
            assertFalse(l.programs.isEmpty());
        }
    }

    // ---- language gaps the corpus found: %r, argv[i], pointer arithmetic, reg() in perf events, 1e6 periods,
    //      unroll($1), uaddr, cgroup_path, usdt ----

    /** A program run in a real session around {@code workload}: what it printed and its maps as text. */
    static String session(String program, List<String> params, Runnable workload) throws Exception {
        StringBuffer out = new StringBuffer();
        try (dev.bpfbook.runtime.Session session = new dev.bpfbook.runtime.Session()) {
            var options = new dev.bpfbook.runtime.RunOptions("stdin", params, false, null,
                    dev.bpfbook.runtime.RunOptions.MapReport.WRITTEN);
            dev.bpfbook.runtime.Run run = session.start(program, options, new dev.bpfbook.runtime.Output() {
                public void stdout(String text) { out.append(text); }
                public void stderr(String text) { out.append(text); }
            });
            dev.bpfbook.runtime.RunResult r;
            try {
                workload.run();
            } finally {
                if (workload != NOTHING) run.interrupt();
                r = run.await(java.time.Duration.ofSeconds(20));
            }
            assertNotNull(r, "program did not end: " + program);
            return out + r.mapsText();
        }
    }

    static final Runnable NOTHING = () -> {};

    static void exec(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertEquals(0, p.waitFor(), String.join(" ", command));
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void printfRPrintsBuffersHexEscaped() throws Exception {
        // bpftrace 0.17 prints "ab\x01c|" for this; %r takes buffers only.
        assertEquals("ab\\x01c|\n", session("BEGIN { printf(\"%r|\\n\", buf(\"ab\\x01c\", 4)); exit(); }", List.of(), NOTHING));
        var e = assertThrows(CompileException.class, () -> compile("BEGIN { printf(\"%r\\n\", 5); }"));
        assertTrue(e.getMessage().contains("%r specifier expects a value of type buffer (integer supplied)"), e.getMessage());
    }

    @Test
    void execveArgvIndexesAndPointerArithmeticReadUserStrings() throws Exception {
        // A tag of our own in argv[3], so executions by anything else running on the machine are not counted.
        String tag = "tag-" + System.nanoTime();
        String text = session("t:syscalls:sys_enter_execve /str(args->argv[3]) == \"" + tag + "\"/ {"
                + " @[str(args->argv[0]), str(*(args->argv + 1)), str(args->argv[2])] = count(); }", List.of(), () -> {
                    exec("/bin/sh", "-c", "exit 0", tag);
                    exec("/bin/sh", "-c", "exit 0", tag);
                });
        assertEquals("@[/bin/sh, -c, exit 0]: 2\n", text.strip() + "\n");
    }

    @Test
    void pointerArithmeticScalesByTheTargetSize() throws Exception {
        try (LoadedCompilation l = load("BEGIN { $p = (uint32 *)8; @a = (uint64)($p + 1); @b = (uint64)(2 + $p); @c = (uint64)($p - 1);"
                + " $q = (uint32 *)24; @d = $q - $p; @e = $p - $q; $r = (int64 *)8; @f = $r - (int64 *)40;"
                + " $p += 2; @g = (uint64)$p; $p++; @h = (uint64)$p; $p -= 1; @i = (uint64)$p; $s = (struct task_struct *)0;"
                + " @j = (uint64)($s + 1) == sizeof(struct task_struct); }")) {
            l.runBegin();
            assertEquals(12, l.u64("@a", 0));
            assertEquals(16, l.u64("@b", 0));
            assertEquals(4, l.u64("@c", 0));
            assertEquals(4, l.u64("@d", 0));
            assertEquals(-4, l.u64("@e", 0));
            assertEquals(-4, l.u64("@f", 0));
            assertEquals(16, l.u64("@g", 0));
            assertEquals(20, l.u64("@h", 0));
            assertEquals(16, l.u64("@i", 0));
            assertEquals(1, l.u64("@j", 0));
        }
        try (LoadedCompilation l = load(Files.readString(corpus("expr-pointer-arithmetic.bt")))) {
            assertEquals(1, l.programs.size());
        }
    }

    static Path corpus(String name) {
        Path p = Path.of("lang/src/test/resources/corpus", name);
        return Files.exists(p) ? p : Path.of("..").resolve(p);
    }

    @Test
    void regReadsThePerfEventRegisters() throws Exception {
        for (String f : List.of("fn-ksym.bt", "hardware-alias.bt")) {
            try (LoadedCompilation l = load(Files.readString(corpus(f)))) {
                assertEquals(1, l.programs.size(), f);
            }
        }
        // The interrupted context always has an instruction and a stack pointer.
        assertEquals("@ip: 1\n@sp: 1\n", session("interval:ms:10 { @ip = reg(\"ip\") != 0; @sp = reg(\"sp\") != 0; exit(); }",
                List.of(), NOTHING));
    }

    @Test
    void periodsInScientificNotation() throws Exception {
        var c = compile("software:faults:1e3 { @f = count(); } h:cpu-cycles:2E6 { @c = count(); } interval:ms:1e2 { exit(); }");
        assertEquals(List.of("software:faults:1000", "hardware:cpu-cycles:2000000", "interval:ms:100"),
                c.programs().stream().map(p -> p.attachPoint().name()).toList());
        assertEquals(List.of(1000L, 2_000_000L, 100_000_000L), c.programs().stream().map(p -> p.attachPoint().value()).toList());
        var e = assertThrows(CompileException.class, () -> compile("interval:ms:1.5e2 { }"));
        assertTrue(e.getMessage().contains("Invalid rate"), e.getMessage());
    }

    @Test
    void unrollCountFromAPositionalParameter() throws Exception {
        try (LoadedCompilation l = load(Files.readString(corpus("unroll-param.bt")), List.of("4"))) {
            l.runBegin();
            assertEquals(4, l.u64("@n", 0));
        }
        // An absent parameter is 0, below unroll's minimum (bpftrace says the same).
        var e = assertThrows(CompileException.class, () -> compile("BEGIN { unroll($1) { @n++; } }"));
        assertTrue(e.getMessage().contains("unroll minimum value is 1"), e.getMessage());
    }

    @Test
    void uaddrIsTheSymbolsAddressInTheBinary() throws Exception {
        var bash = dev.bpfbook.linux.ElfSymbols.read(Path.of("/bin/bash"));
        var point = bash.symbol("rl_point");
        RequireBpf.environment(point.isPresent() && bash.find("main").isPresent(), "/bin/bash has no rl_point or main symbol");
        String text = session("uprobe:/bin/bash:main { @a = (uint64)uaddr(\"rl_point\"); $p = uaddr(\"rl_point\"); @size = sizeof(*$p); }",
                List.of(), () -> exec("/bin/bash", "-c", "true"));
        assertEquals("@a: " + point.get().address() + "\n@size: " + point.get().size() + "\n", text.strip() + "\n");
    }

    @Test
    void cgroupPathNamesTheCgroupDirectory() throws Exception {
        String v2 = Files.readAllLines(Path.of("/proc/self/cgroup")).stream().filter(x -> x.startsWith("0::"))
                .map(x -> x.substring(3)).findFirst().orElse(null);
        RequireBpf.environment(v2 != null && Files.readString(Path.of("/proc/self/mountinfo")).contains(" - cgroup2 "),
                "no cgroup v2 hierarchy");
        String text = session("BEGIN { printf(\"%s|%s\\n\", cgroup_path(cgroup, \"unified\"), cgroup_path(cgroup));"
                + " @[cgroup_path(cgroup, \"unif*\")] = count(); exit(); }", List.of(), NOTHING);
        String[] lines = text.split("\n");
        String[] parts = lines[0].split("\\|");
        assertEquals("unified:" + v2, parts[0], text);
        assertTrue(parts[1].startsWith("unified:" + v2), text);
        assertEquals("@[unified:" + v2 + "]: 1", lines[lines.length - 1], text);
    }

    static final String PYTHON = "/usr/bin/python3.11";

    /** Python's function__entry site (semaphore-guarded): arg0 file, arg1 function name, arg2 line number. */
    @Test
    void usdtProbesAttachAtTheirNotesAndReadTheirArguments() throws Exception {
        var sites = dev.bpfbook.linux.UsdtNotes.read(Path.of(PYTHON));
        RequireBpf.environment(sites.stream().anyMatch(n -> n.name().equals("function__entry")), PYTHON + " has no USDT notes");
        String tag = "f" + Long.toString(System.nanoTime(), 36);
        // Python 3.11 only runs its per-function probes while the line probe's semaphore is raised: attach both.
        String text = session("usdt:" + PYTHON + ":python:function__entry /str(arg1) == \"" + tag + "\"/ {"
                + " @calls[str(arg0), arg2] = count(); }"
                + " usdt:" + PYTHON + ":python:line { @lines = count(); }", List.of(),
                // map() calls from C, so each call is a new interpreter frame (3.11 fires no probe for inlined calls).
                () -> exec(PYTHON, "-c", "def " + tag + "(x): pass\nfor _ in map(" + tag + ", range(37)): pass"));
        assertTrue(text.startsWith("@calls[<string>, 1]: 37\n@lines: "), text);
        // gc__start's generation is "-4@112(%rsp)": an int read from the probed process's stack. Only the
        // process that ran our function counts, and it collects generation 1 five times with gc disabled.
        var gc = sites.stream().filter(n -> n.name().equals("gc__start")).findFirst().orElseThrow();
        RequireBpf.environment(gc.arguments().matches("-4@\\d+\\(%rsp\\)"), "gc__start's argument is " + gc.arguments());
        String gcText = session("usdt:" + PYTHON + ":python:function__entry /str(arg1) == \"" + tag + "\"/ { @pid = pid; }"
                + " usdt:" + PYTHON + ":python:gc__start /pid == @pid/ { @gen[arg0] = count(); }"
                + " usdt:" + PYTHON + ":python:line /0/ { }", List.of(),
                () -> exec(PYTHON, "-c", "import gc\ngc.disable()\ndef " + tag + "(x): pass\nlist(map(" + tag + ", [0]))\n"
                        + "for _ in range(5): gc.collect(1)"));
        // (Interpreter shutdown collects generation 2 as well.)
        assertTrue(gcText.contains("@gen[1]: 5\n"), gcText);
        // Wildcards expand against the notes; each site is its own program.
        var notes = new dev.bpfbook.lang.program.ProbeCatalogue() {
            public List<String> tracepoints() { return List.of(); }
            public java.util.Optional<String> tracepointFormat(String c, String n) { return java.util.Optional.empty(); }
            public int possibleCpus() { return 1; }
            public List<UsdtProbe> usdtProbes(String path) {
                return dev.bpfbook.linux.UsdtNotes.read(Path.of(path)).stream()
                        .map(n -> new UsdtProbe(n.provider(), n.name(), n.address(), n.semaphore(), n.arguments())).toList();
            }
        };
        String src = "usdt:" + PYTHON + ":python:gc__* { @[probe] = count(); } usdt:" + PYTHON + ":line { @l = arg2; }";
        var c = Compiler.compile(Parser.parse(src, "stdin"), CompileContext.of("stdin", src, notes));
        assertEquals(List.of("usdt:" + PYTHON + ":python:gc__done", "usdt:" + PYTHON + ":python:gc__start", "usdt:" + PYTHON + ":python:line"),
                c.programs().stream().map(p -> p.attachPoint().name()).sorted().toList());
    }
}
