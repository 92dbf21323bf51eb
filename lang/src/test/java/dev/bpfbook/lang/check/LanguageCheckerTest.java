package dev.bpfbook.lang.check;

import dev.bpfbook.lang.ast.Span;
import dev.bpfbook.lang.codegen.Insn;
import dev.bpfbook.lang.diag.CompileException;
import dev.bpfbook.lang.program.AttachPoint;
import dev.bpfbook.lang.program.CompiledProgram;
import dev.bpfbook.lang.program.ProbeProgram;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import static dev.bpfbook.lang.check.TestCompiler.compile;
import static dev.bpfbook.lang.check.TestCompiler.rejection;
import static org.junit.jupiter.api.Assertions.*;

/** Statements, builtins and probe kinds: bpftrace's rules with positioned errors, and the shape of their code. */
class LanguageCheckerTest {
    static void assertError(String src, Span span, String message) {
        CompileException e = rejection(src);
        assertEquals(message, e.diagnostics().get(0).message(), e.getMessage());
        assertEquals(span, e.diagnostics().get(0).span(), e.getMessage());
    }

    @Test
    void loopStatementRules() {
        assertError("BEGIN { break; }", new Span(1, 9, 1, 14), "break used outside of a loop");
        assertError("BEGIN { if (1) { continue; } }", new Span(1, 18, 1, 26), "continue used outside of a loop");
        assertError("BEGIN { unroll(101) { } }", new Span(1, 9, 1, 20), "unroll maximum value is 100");
        assertError("BEGIN { unroll(0) { } }", new Span(1, 9, 1, 18), "unroll minimum value is 1");
        assertError("BEGIN { $n = 2; unroll($n) { } }", new Span(1, 17, 1, 27), "unroll count must be an integer literal");
        assertError("BEGIN { while (\"a\") { } }", new Span(1, 15, 1, 19), "Invalid condition in while(): string[2]");
    }

    @Test
    void forLoopBodyIsItsOwnScope() {
        assertError("BEGIN { @m[1] = 1; $x = 1; for ($kv : @m) { @y = $x; } }", new Span(1, 50, 1, 52),
                "Variable $x is declared outside the for-loop: a for-loop body can only use its own variables, the loop variable and maps");
        assertError("BEGIN { @m[1] = 1; for ($kv : @m) { return; } }", new Span(1, 37, 1, 43), "'return' statement is not allowed in a for-loop");
        assertError("BEGIN { @h = hist(1); for ($kv : @h) { } }", new Span(1, 34, 1, 36), "Maps of type hist cannot be iterated in a for-loop");
        assertError("BEGIN { for ($kv : @none) { } }", new Span(1, 20, 1, 25), "Undefined map: @none");
        assertError("BEGIN { @m[1] = 1; for ($kv : @m) { $a = $kv.2; } }", new Span(1, 42, 1, 47), "Invalid tuple index: 2. Found 2 elements in tuple.");
    }

    @Test
    void tupleRules() {
        assertError("BEGIN { $t = (1, 2); $x = $t.5; }", new Span(1, 27, 1, 31), "Invalid tuple index: 5. Found 2 elements in tuple.");
        assertError("BEGIN { $x = 1; $y = $x.0; }", new Span(1, 22, 1, 26), "The tuple index operator can only be used on tuples, not 'int64'");
        assertError("BEGIN { print(1, 2); }", new Span(1, 9, 1, 20), "Non-map print() only takes 1 argument, 2 found");
    }

    @Test
    void unsafeFunctionsNeedUnsafeMode() {
        assertError("BEGIN { system(\"ls\"); }", new Span(1, 9, 1, 21), "system() is an unsafe function being used in safe mode");
        assertError("t:syscalls:sys_enter_read { signal(\"KILL\"); }", new Span(1, 29, 1, 43), "signal() is an unsafe function being used in safe mode");
    }

    @Test
    void builtinArgumentRules() {
        assertError("BEGIN { $x = strncmp(\"a\", \"b\"); }", new Span(1, 14, 1, 31), "strncmp() requires 3 arguments (2 provided)");
        assertError("BEGIN { $x = bswap(\"a\"); }", new Span(1, 14, 1, 24), "bswap() only supports integer arguments (string provided)");
        assertError("BEGIN { $x = ntop(\"a\"); }", new Span(1, 14, 1, 22), "ntop() expects an integer or array argument of size 4 or 16 (string[2] provided)");
        assertError("BEGIN { $x = kaddr(\"nope\"); }", new Span(1, 14, 1, 26), "Failed to resolve kernel symbol: nope");
        assertError("BEGIN { $x = cgroupid(\"/x\"); }", new Span(1, 14, 1, 27), "cgroupid: cannot resolve cgroup path \"/x\"");
        assertError("BEGIN { $x = reg(\"ip\"); }", new Span(1, 14, 1, 23), "reg can not be used with \"BEGIN\" probes");
        assertError("BEGIN { $x = path(1); }", new Span(1, 14, 1, 21), "The path function can only be used with 'kfunc', 'kretfunc', 'iter' probes");
        assertError("BEGIN { @[kstack(fast)] = count(); }", new Span(1, 9, 1, 22), "kstack(): invalid stack mode 'fast' (bpftrace, perf or raw)");
        assertError("BEGIN { @[ustack(200)] = count(); }", new Span(1, 9, 1, 21), "ustack(): stack depth must be between 1 and 127");
        assertError("BEGIN { $x = strcontains(comm, comm); }", new Span(1, 32, 1, 36), "strcontains() needle must be a string literal");
        assertError("BEGIN { $x = pton(\"1.2.3\"); }", new Span(1, 14, 1, 26), "pton() expects an IPv4 or IPv6 address literal, got \"1.2.3\"");
    }

    @Test
    void probeKinds() throws Exception {
        assertError("usdt:/bin/bash:a:b* { }", new Span(1, 1, 1, 20), "No usdt probes matched /bin/bash:a:b*");
        assertError("iter:task { }", new Span(1, 1, 1, 10), "iter probes are not supported yet");
        assertError("watchpoint:0x1000:3:w { }", new Span(1, 1, 1, 22), "Invalid watchpoint length: 3 (1, 2, 4 or 8)");
        assertError("software:nope:1 { }", new Span(1, 1, 1, 16), "Invalid software event: nope");
        assertError("uprobe:/bin/bash:nope { }", new Span(1, 1, 1, 22), "Could not resolve symbol: /bin/bash:nope");
        CompiledProgram p = compile("uprobe:/bin/bash:readline* { @[probe] = count(); } software:faults { @f = count(); }"
                + " hardware:cycles:5000 { @c = count(); } rawtracepoint:sched_switch { @r = count(); }"
                + " watchpoint:0x1000:8:rw { @w = count(); } uretprobe:/bin/bash:main { @u = count(); }");
        List<AttachPoint> aps = p.programs().stream().map(ProbeProgram::attachPoint).toList();
        assertEquals(List.of(
                new AttachPoint("uprobe", "/bin/bash:readline", 0, "", "uprobe:/bin/bash:readline"),
                new AttachPoint("uprobe", "/bin/bash:readline_internal", 0, "", "uprobe:/bin/bash:readline_internal"),
                new AttachPoint("software", "faults", 100, "", "software:faults"),
                new AttachPoint("hardware", "cycles", 5000, "", "hardware:cycles:5000"),
                new AttachPoint("rawtracepoint", "sched_switch", 0, "", "rawtracepoint:sched_switch"),
                new AttachPoint("watchpoint", "0x1000:8:rw", 0, "", "watchpoint:0x1000:8:rw"),
                new AttachPoint("uretprobe", "/bin/bash:main", 0, "", "uretprobe:/bin/bash:main")), aps);
        assertEquals(List.of(2, 2, 7, 7, 17, 7, 2), p.programs().stream().map(ProbeProgram::progType).toList());
    }

    static int countCalls(ProbeProgram p, int helper) {
        ByteBuffer b = ByteBuffer.wrap(p.insns()).order(ByteOrder.LITTLE_ENDIAN);
        int n = 0;
        for (int i = 0; i < p.insnCount(); i++) {
            if ((b.get(i * 8) & 0xff) == (Insn.JMP | Insn.CALL) && ((b.get(i * 8 + 1) >> 4) & 0xf) == 0 && b.getInt(i * 8 + 4) == helper) n++;
        }
        return n;
    }

    @Test
    void codeShapes() throws Exception {
        CompiledProgram unroll = compile("BEGIN { unroll(10) { printf(\"x\\n\"); } }");
        assertEquals(10, countCalls(unroll.programs().get(0), 130), "ten ringbuf outputs");
        assertTrue(unroll.map("lost").isPresent(), "lost-records counter with output");
        assertTrue(unroll.programs().get(0).functions().isEmpty());
        assertTrue(compile("BEGIN { @x = 1; }").map("lost").isEmpty(), "no output, no counter");

        CompiledProgram loop = compile("BEGIN { @m[1] = 2; for ($kv : @m) { printf(\"%d\\n\", $kv.1); } }");
        ProbeProgram p = loop.programs().get(0);
        assertEquals(2, p.functions().count());
        assertEquals(1, countCalls(p, 164), "bpf_for_each_map_elem");
        ByteBuffer btf = ByteBuffer.wrap(p.functions().btf()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals((short) 0xeB9F, btf.getShort(0));
        ByteBuffer rec = ByteBuffer.wrap(p.functions().records()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0, rec.getInt(0));
        int callback = rec.getInt(8);
        assertTrue(callback > 0 && callback < p.insnCount());
        // The ld_imm64 of the callback (src_reg BPF_PSEUDO_FUNC) points at the second function.
        ByteBuffer code = ByteBuffer.wrap(p.insns()).order(ByteOrder.LITTLE_ENDIAN);
        boolean found = false;
        for (int i = 0; i < p.insnCount(); i++) {
            if ((code.get(i * 8) & 0xff) == 0x18 && ((code.get(i * 8 + 1) >> 4) & 0xf) == 4) {
                assertEquals(callback, i + 1 + code.getInt(i * 8 + 4));
                found = true;
            }
        }
        assertTrue(found);
    }
}
