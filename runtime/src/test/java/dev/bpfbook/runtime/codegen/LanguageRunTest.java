package dev.bpfbook.runtime.codegen;

import dev.bpfbook.lang.CompileContext;
import dev.bpfbook.lang.Compiler;
import dev.bpfbook.lang.program.AsyncAction;
import dev.bpfbook.lang.program.CompiledProgram;
import dev.bpfbook.lang.program.MapRelocation;
import dev.bpfbook.lang.program.MapSpec;
import dev.bpfbook.lang.program.ProbeProgram;
import dev.bpfbook.lang.syntax.Parser;
import dev.bpfbook.linux.BpfAvailability;
import dev.bpfbook.linux.BpfMap;
import dev.bpfbook.linux.BpfProgram;
import dev.bpfbook.linux.RingBuffer;
import dev.bpfbook.linux.VerifierException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Statements, values, aggregations and builtins of the language, run in the real kernel: BEGIN programs
 * run once with BPF_PROG_TEST_RUN and their ring records and maps are checked; others must verify.
 */
class LanguageRunTest {

    @BeforeAll
    static void needBpf() {
        String reason = BpfAvailability.unavailableReason();
        if (reason != null && "1".equals(System.getenv("BPFBOOK_REQUIRE_BPF"))) fail("BPF required but unavailable: " + reason);
        Assumptions.assumeTrue(reason == null, () -> "BPF unavailable: " + reason);
    }

    /** Maps and programs of one compilation, loaded into the kernel. */
    static final class Loaded implements AutoCloseable {
        final CompiledProgram compiled;
        final Map<String, BpfMap> maps = new LinkedHashMap<>();
        final Map<String, BpfProgram> programs = new LinkedHashMap<>();
        final Map<String, FunctionProgramLoad> withFunctions = new LinkedHashMap<>();

        Loaded(CompiledProgram compiled) {
            this.compiled = compiled;
        }

        /** Runs BEGIN once; returns its ring records, and checks none was lost. */
        List<ByteBuffer> runBegin() {
            if (withFunctions.containsKey("BEGIN")) withFunctions.get("BEGIN").testRun();
            else programs.get("BEGIN").testRun(new byte[8]);
            List<ByteBuffer> out = new ArrayList<>();
            try (RingBuffer ring = RingBuffer.open(maps.get(CompiledProgram.OUTPUT_RING))) {
                ring.drain(b -> {
                    ByteBuffer copy = ByteBuffer.allocate(b.remaining()).order(ByteOrder.LITTLE_ENDIAN);
                    copy.put(b.duplicate());
                    copy.flip();
                    out.add(copy);
                });
            }
            BpfMap lost = maps.get("lost");
            if (lost != null) assertEquals(0, VerifierAcceptanceTest.perCpuSum(lost, new byte[4]), "lost records");
            return out;
        }

        AsyncAction action(ByteBuffer record) {
            return compiled.actions().get((int) record.getLong(0));
        }

        long u64(String map, long key) {
            byte[] v = maps.get(map).lookup(VerifierAcceptanceTest.key(key));
            assertNotNull(v, map + "[" + key + "] not written");
            return VerifierAcceptanceTest.u64(v, 0);
        }

        @Override
        public void close() {
            programs.values().forEach(BpfProgram::close);
            withFunctions.values().forEach(FunctionProgramLoad::close);
            maps.values().forEach(BpfMap::close);
        }
    }

    static CompiledProgram compile(String source, List<String> params) throws Exception {
        CompileContext ctx = new CompileContext("stdin", source, VerifierAcceptanceTest.CATALOGUE, Map.of(), Map.of(), params, false);
        return Compiler.compile(Parser.parse(source, "stdin"), ctx);
    }

    static Loaded load(String source) throws Exception {
        return load(source, List.of());
    }

    static Loaded load(String source, List<String> params) throws Exception {
        Loaded l = new Loaded(compile(source, params));
        try {
            for (MapSpec m : l.compiled.maps()) {
                l.maps.put(m.name(), BpfMap.create(m.mapType(), m.keySize(), m.valueSize(), m.maxEntries(), m.flags(),
                        m.name().replace("@", "m_")));
            }
            for (ProbeProgram p : l.compiled.programs()) {
                byte[] insns = p.insns().clone();
                for (MapRelocation r : p.relocations()) {
                    ByteBuffer.wrap(insns, r.insnIndex() * 8 + 4, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(l.maps.get(r.mapName()).fd());
                }
                if (!p.functions().isEmpty()) {
                    try {
                        l.withFunctions.put(p.attachPoint().name(), FunctionProgramLoad.load(p.progType(), insns, p.functions(), p.name()));
                    } catch (AssertionError e) {
                        fail("kernel rejected " + p.attachPoint().name() + " of\n" + source + "\n" + e.getMessage());
                    }
                    continue;
                }
                try {
                    l.programs.put(p.attachPoint().name(), BpfProgram.load(p.progType(), insns, "GPL", p.name(), 0));
                } catch (VerifierException e) {
                    fail("verifier rejected " + p.attachPoint().name() + " of\n" + source + "\n" + e.log());
                }
            }
        } catch (Exception | Error e) {
            l.close();
            throw e;
        }
        return l;
    }

    /** The printf records of a BEGIN run, formatted the simple way (%d and %s only). */
    static List<String> printed(Loaded l) {
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
                        if (k == 's') sb.append(VerifierAcceptanceTest.cstring(r, x.offset(), x.type().size()));
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
        try (Loaded l = load("BEGIN { $i = 0; while ($i <= 100) { if ($i > 50) { break; } $i++; } @i = $i;"
                + " $j = 0; $odd = 0; while ($j < 10) { $j++; if ($j % 2 == 0) { continue; } $odd++; } @odd = $odd; }")) {
            l.runBegin();
            assertEquals(51, l.u64("@i", 0));
            assertEquals(5, l.u64("@odd", 0));
        }
    }

    @Test
    void whileWithDataDependentBound() throws Exception {
        try (Loaded l = load("BEGIN { @n = 7; $i = 0; $s = 0; while ($i < @n && $i < 20) { $s += $i; $i++; } @s = $s; }")) {
            l.runBegin();
            assertEquals(21, l.u64("@s", 0));
        }
    }

    @Test
    void unrollEmitsCopies() throws Exception {
        try (Loaded l = load("BEGIN { $k = 0; unroll(10) { $k++; printf(\"k %d\\n\", $k); } unroll(1 + 2) { @u++; } }")) {
            List<String> out = printed(l);
            assertEquals(10, out.size());
            for (int i = 0; i < 10; i++) assertEquals("k " + (i + 1) + "\n", out.get(i));
            assertEquals(3, l.u64("@u", 0));
        }
    }

    @Test
    void forMapSeedPrintsEntries() throws Exception {
        String seed = Files.readString(Path.of("/work/shared/corpus/seeds/for-map.bt"));
        try (Loaded l = load(seed)) {
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
        try (Loaded l = load(src)) {
            assertEquals(List.of("a 1 x\n"), printed(l));
            assertEquals(3, l.u64("@n", 0));
            assertEquals(10, l.u64("@seen", 1));
            assertEquals(40, l.u64("@seen", 4));
            assertNull(l.maps.get("@seen").lookup(VerifierAcceptanceTest.key(2)));
            long first = l.u64("@first", 0);
            assertTrue(first >= 1 && first <= 4);
        }
    }

    // ---- values ----

    @Test
    void tuplesAsValues() throws Exception {
        String src = "BEGIN { $a = (1, 2); $b = (3, 4, $a); print($b.0); @t = (5, \"ab\"); @x = $b.2.1; $c = @t;"
                + " printf(\"%d %s\\n\", $c.0, $c.1); print($a); }";
        try (Loaded l = load(src)) {
            List<ByteBuffer> records = l.runBegin();
            assertEquals(3, records.size());
            AsyncAction.PrintValue p = assertInstanceOf(AsyncAction.PrintValue.class, l.action(records.get(0)));
            assertEquals(3, records.get(0).getLong(p.value().offset()));
            AsyncAction.Printf f = assertInstanceOf(AsyncAction.Printf.class, l.action(records.get(1)));
            assertEquals(5, records.get(1).getLong(f.args().get(0).offset()));
            assertEquals("ab", VerifierAcceptanceTest.cstring(records.get(1), f.args().get(1).offset(), 3));
            AsyncAction.PrintValue pa = assertInstanceOf(AsyncAction.PrintValue.class, l.action(records.get(2)));
            assertEquals(16, pa.value().type().size());
            assertEquals(1, records.get(2).getLong(pa.value().offset()));
            assertEquals(2, records.get(2).getLong(pa.value().offset() + 8));
            assertEquals(2, l.u64("@x", 0));
            byte[] t = l.maps.get("@t").lookup(VerifierAcceptanceTest.key(0));
            assertEquals(5, VerifierAcceptanceTest.u64(t, 0));
            assertEquals("ab", new String(t, 8, 2, StandardCharsets.US_ASCII));
        }
    }
}
