package dev.bpfbook.lang.builtins;

import dev.bpfbook.lang.check.ProbeResolver;
import dev.bpfbook.lang.check.ProbeTypes;
import dev.bpfbook.lang.diag.CompileException;
import dev.bpfbook.lang.diag.Diagnostic;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.bpfbook.lang.check.TestCompiler.compile;
import static dev.bpfbook.lang.check.TestCompiler.errors;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The registry is the one list of builtins: every name it gives is documented and compiles somewhere,
 * and the names completion and help used to list by hand are all here.
 */
class BuiltinRegistryTest {
    /** Probes of different kinds, so that each context-bound builtin has one where it is allowed. */
    static final List<String> PROBES = List.of("BEGIN", "kprobe:vfs_read", "kretprobe:vfs_read",
            "uprobe:/bin/bash:readline", "uretprobe:/bin/bash:readline", "tracepoint:syscalls:sys_enter_read");

    @Test
    void everyNameHasOneLineOfDocStartingWithItsName() {
        assertFalse(Builtins.names().isEmpty());
        for (String name : Builtins.names()) {
            String doc = Builtins.doc(name).orElseThrow(() -> new AssertionError("no doc for " + name));
            assertTrue(doc.startsWith(name) && doc.length() > name.length() + 10, name + ": " + doc);
            assertFalse(doc.contains("\n"), name);
        }
        assertEquals(Optional.empty(), Builtins.doc("frobnicate"));
    }

    @Test
    void namesAreSortedAndSplitByKind() {
        assertEquals(new ArrayList<>(Builtins.variableNames()), Builtins.variableNames().stream().sorted().toList());
        assertTrue(Builtins.variableNames().containsAll(List.of("pid", "comm", "nsecs", "jiffies", "numaid", "sarg0", "sarg9", "arg5")));
        assertTrue(Builtins.functionNames().containsAll(List.of("printf", "str", "kptr", "uptr", "kstack")));
        assertTrue(Builtins.aggregationNames().containsAll(List.of("count", "hist", "lhist", "avg")));
        assertFalse(Builtins.functionNames().contains("count"), "aggregations are listed apart");
        assertNull(Builtins.function("hist"));
        assertEquals(Builtins.aggregation("hist").doc(), Builtins.doc("hist").orElseThrow());
        // kstack is a variable and a function; the function's line documents both.
        assertEquals(Builtins.function("kstack").doc(), Builtins.doc("kstack").orElseThrow());
    }

    @Test
    void everyVariableIsKnownInBeginAndCompilesInSomeProbe() {
        for (String name : Builtins.variableNames()) {
            String begin = "BEGIN { $x = " + name + "; }";
            for (Diagnostic d : errors(begin)) {
                assertFalse(d.message().startsWith("Unknown identifier"), begin + ": " + d.message());
                // The only refusals are about where the builtin may be used (or how args must be written).
                assertTrue(d.message().contains(name), begin + ": " + d.message());
            }
            if (name.equals("args")) continue; // args alone is never a value: args->FIELD, checked below
            List<String> where = new ArrayList<>();
            for (String probe : PROBES) {
                if (errors(probe + " { $x = " + name + "; }").isEmpty()) where.add(probe);
            }
            assertFalse(where.isEmpty(), name + " compiles in none of " + PROBES);
        }
        assertEquals(List.of(), errors("tracepoint:syscalls:sys_enter_read { $x = args->fd; }"));
    }

    @Test
    void everyFunctionIsKnown() {
        for (String name : Builtins.functionNames()) {
            for (Diagnostic d : errors("BEGIN { " + name + "(); }")) {
                assertFalse(d.message().startsWith("Unknown function"), name + ": " + d.message());
            }
        }
        for (String name : Builtins.aggregationNames()) {
            for (Diagnostic d : errors("BEGIN { @m = " + name + "(); }")) {
                assertFalse(d.message().startsWith("Unknown function"), name + ": " + d.message());
            }
        }
    }

    @Test
    void contextBuiltinsAreRefusedWhereTheyMeanNothing() {
        List<Diagnostic> d = errors("BEGIN { $x = sarg0; }");
        assertEquals(1, d.size());
        assertEquals("The sarg0 builtin can only be used with 'kprobes' and 'uprobes' probes", d.get(0).message());
        assertEquals(1, errors("kretprobe:vfs_read { $x = sarg3; }").size());
        assertTrue(errors("BEGIN { $x = sarg10; }").get(0).message().startsWith("Unknown identifier"), "sarg0..sarg9 only");
        assertEquals(List.of(), errors("BEGIN { printf(\"%d %d\\n\", jiffies, numaid); }"));
        assertEquals("kptr() only supports integer or pointer arguments (string provided)",
                errors("BEGIN { $x = kptr(\"a\"); }").get(0).message());
        assertEquals("uptr() requires one argument (2 provided)", errors("BEGIN { $x = uptr(1, 2); }").get(0).message());
    }

    /** One decoded instruction: opcode, registers, offset and immediate. */
    record Ins(int opcode, int dst, int src, int off, int imm) {}

    static List<Ins> decode(byte[] code) {
        ByteBuffer b = ByteBuffer.wrap(code).order(ByteOrder.LITTLE_ENDIAN);
        List<Ins> out = new ArrayList<>();
        while (b.remaining() >= 8) {
            int op = b.get() & 0xff;
            int regs = b.get() & 0xff;
            out.add(new Ins(op, regs & 0xf, regs >> 4, b.getShort(), b.getInt()));
        }
        return out;
    }

    static int callIndex(List<Ins> code, int helper, int from) {
        for (int i = from; i < code.size(); i++) {
            if (code.get(i).opcode() == 0x85 && code.get(i).imm() == helper) return i;
        }
        return -1;
    }

    @Test
    void sargReadsTheStackAboveTheReturnAddressFromTheProbesMemory() throws CompileException {
        for (String probe : List.of("uprobe:/bin/bash:readline", "kprobe:vfs_read")) {
            List<Ins> code = decode(compile(probe + " { @[sarg2] = count(); }").programs().get(0).insns());
            int read = probe.startsWith("u") ? 112 : 113; // bpf_probe_read_user / bpf_probe_read_kernel
            int call = callIndex(code, read, 0);
            assertTrue(call > 0, probe + ": no probe_read call");
            // sp from pt_regs (ctx is r6 = the saved context), then 8 * (2 + 1) added to the source pointer r3.
            boolean loadsSp = false, addsOffset = false;
            for (Ins i : code.subList(0, call)) {
                if (i.opcode() == 0x79 && i.src() == 6 && i.off() == 152) loadsSp = true;
                if (i.opcode() == 0x07 && i.dst() == 3 && i.imm() == 24) addsOffset = true;
            }
            assertTrue(loadsSp && addsOffset, probe + ": " + code.subList(0, call));
            assertEquals(new Ins(0xb7, 2, 0, 0, 8), code.get(call - 1), "reads 8 bytes");
        }
    }

    @Test
    void jiffiesAndNumaidCallTheirHelpers() throws CompileException {
        List<Ins> code = decode(compile("BEGIN { @j = jiffies; @n = numaid; }").programs().get(0).insns());
        assertTrue(callIndex(code, 118, 0) >= 0, "bpf_jiffies64");
        assertTrue(callIndex(code, 42, 0) >= 0, "bpf_get_numa_node_id");
    }

    @Test
    void probeTypesCanonicaliseNamesAndAliases() {
        assertEquals("tracepoint", ProbeResolver.canonicalProvider("t"));
        assertEquals("usdt", ProbeResolver.canonicalProvider("U"), "capital U is usdt, as in bpftrace");
        assertEquals("uprobe", ProbeResolver.canonicalProvider("u"));
        assertEquals("kfunc", ProbeResolver.canonicalProvider("fentry"));
        assertEquals("watchpoint", ProbeResolver.canonicalProvider("w"));
        assertEquals("kprobe", ProbeResolver.canonicalProvider("KPROBE"));
        assertEquals("begin", ProbeResolver.canonicalProvider("begin"), "BEGIN must be written in capitals");
        Set<String> seen = new HashSet<>();
        for (ProbeTypes.ProbeType t : ProbeTypes.all()) {
            assertTrue(t.doc().startsWith(t.name()), t.doc());
            assertTrue(seen.add(t.name()), t.name());
            for (String a : t.aliases()) {
                assertTrue(seen.add(a), "alias used twice: " + a);
                assertEquals(t.name(), ProbeTypes.canonical(a));
            }
        }
        // Every provider is one the resolver handles: none is refused as an unknown probe type.
        for (ProbeTypes.ProbeType t : ProbeTypes.all()) {
            for (Diagnostic d : errors(t.name() + ":x:y { }")) {
                assertFalse(d.message().startsWith("Invalid probe type"), t.name() + ": " + d.message());
            }
        }
        assertTrue(errors("nosuch:x { }").get(0).message().startsWith("Invalid probe type"));
    }
}
