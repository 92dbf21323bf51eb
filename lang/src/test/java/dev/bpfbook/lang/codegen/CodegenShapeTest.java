package dev.bpfbook.lang.codegen;

import dev.bpfbook.lang.CompileContext;
import dev.bpfbook.lang.Compiler;
import dev.bpfbook.lang.check.TestCatalogue;
import dev.bpfbook.lang.program.AsyncAction;
import dev.bpfbook.lang.program.AttachPoint;
import dev.bpfbook.lang.program.CompiledProgram;
import dev.bpfbook.lang.program.MapSpec;
import dev.bpfbook.lang.program.ProbeProgram;
import dev.bpfbook.lang.program.ValueKind;
import dev.bpfbook.lang.syntax.Parser;
import dev.bpfbook.lang.types.Type;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class CodegenShapeTest {
    static CompiledProgram compile(String src) throws Exception {
        return Compiler.compile(Parser.parse(src, "stdin"), CompileContext.of("stdin", src, new TestCatalogue()));
    }

    @Test
    void beginPrintfExit() throws Exception {
        CompiledProgram p = compile("BEGIN { printf(\"%s %d\\n\", comm, 7); exit(); }");
        assertEquals(1, p.programs().size());
        ProbeProgram begin = p.programs().get(0);
        assertEquals(17, begin.progType());
        assertEquals(new AttachPoint("BEGIN", "", 0, "", "BEGIN"), begin.attachPoint());
        assertEquals(begin.insnCount(), begin.insnSpans().size());
        assertEquals(List.of(new AsyncAction.Printf("%s %d\n", List.of(new AsyncAction.Arg(new Type.StringType(16), 8),
                new AsyncAction.Arg(Type.S64, 24))), new AsyncAction.Exit()), p.actions());
        MapSpec ring = p.map(CompiledProgram.OUTPUT_RING).orElseThrow();
        assertEquals(27, ring.mapType());
        assertEquals(0, ring.maxEntries() % 4096);
        assertEquals(0, Integer.bitCount(ring.maxEntries()) - 1, "power of two");
        for (var r : begin.relocations()) {
            assertEquals(0x18, begin.insns()[r.insnIndex() * 8] & 0xff);
            assertTrue(List.of(CompiledProgram.OUTPUT_RING, ProgramLayout.LOST_RECORDS_MAP).contains(r.mapName()), r.mapName());
        }
        // the last two instructions: r0 = 0; exit
        int n = begin.insnCount();
        assertEquals((byte) 0xb7, begin.insns()[(n - 2) * 8]);
        assertEquals((byte) 0x95, begin.insns()[(n - 1) * 8]);
    }

    @Test
    void mapSpecsFollowTheContract() throws Exception {
        CompiledProgram p = compile("t:syscalls:sys_enter_read { @c[comm] = count(); @s[pid, comm] = sum(args->count);"
                + " @h = hist(args->count); @l[comm] = lhist(args->count, 0, 100, 10); @v = \"x\"; @i[1] = 2; }");
        assertEquals(new MapSpec("@c", 5, 16, 8, 4096, 0, new Type.StringType(16), new ValueKind.Count()), p.map("@c").orElseThrow());
        MapSpec s = p.map("@s").orElseThrow();
        assertEquals(new Type.TupleType(List.of(Type.U64, new Type.StringType(16))), s.keyType());
        assertEquals(24, s.keySize());
        assertEquals(new ValueKind.Sum(false), s.value());
        assertEquals(new MapSpec("@h", 5, 8, 8, 4096, 0, null, new ValueKind.Hist()), p.map("@h").orElseThrow());
        assertEquals(new MapSpec("@l", 5, 24, 8, 4096, 0, new Type.StringType(16), new ValueKind.LHist(0, 100, 10)), p.map("@l").orElseThrow());
        assertEquals(new MapSpec("@v", 1, 8, 2, 4096, 0, null, new ValueKind.Plain(new Type.StringType(2))), p.map("@v").orElseThrow());
        assertEquals(new MapSpec("@i", 1, 8, 8, 4096, 0, Type.S64, new ValueKind.Plain(Type.S64)), p.map("@i").orElseThrow());
        assertEquals(5, p.programs().get(0).progType());
        assertEquals(java.util.Set.of("@c", "@s", "@h", "@l", "@v", "@i"), p.writtenMaps());
        CompiledProgram reader = compile("BEGIN { @a = 1; print(@b); clear(@c); $x = @d; } END { @b = 1; @c = 2; @d = 3; @e++; }");
        assertEquals(java.util.Set.of("@a", "@b", "@c", "@d", "@e"), reader.writtenMaps());
    }

    @Test
    void wildcardsIntervalAndProfile() throws Exception {
        CompiledProgram p = compile("t:syscalls:sys_*_read { @[probe] = count(); } interval:s:2 { exit(); } i:hz:4 { } profile:hz:99 { } interval:ms:100 { }");
        List<String> names = p.programs().stream().map(x -> x.attachPoint().name()).toList();
        assertEquals(List.of("tracepoint:syscalls:sys_enter_read", "tracepoint:syscalls:sys_exit_read", "interval:s:2",
                "interval:hz:4", "profile:hz:99", "interval:ms:100"), names);
        assertEquals(2_000_000_000L, p.programs().get(2).attachPoint().value());
        assertEquals(250_000_000L, p.programs().get(3).attachPoint().value());
        assertEquals(new AttachPoint("profile", "", 99, "hz", "profile:hz:99"), p.programs().get(4).attachPoint());
        assertEquals(100_000_000L, p.programs().get(5).attachPoint().value());
        assertEquals(7, p.programs().get(4).progType());
        MapSpec m = p.map("@").orElseThrow();
        assertEquals(new Type.StringType("tracepoint:syscalls:sys_enter_read".length() + 1), m.keyType());
    }

    @Test
    void elapsedUsesTheStartTimeMap() throws Exception {
        CompiledProgram p = compile("BEGIN { @e = elapsed; }");
        MapSpec start = p.map(ProgramLayout.START_TIME_MAP).orElseThrow();
        assertEquals(2, start.mapType());
        assertEquals(4, start.keySize());
        assertEquals(8, start.valueSize());
    }

    @Test
    void deepExpressionsStayWithinTheRegisters() throws Exception {
        CompiledProgram p = compile("BEGIN { @x = 1 + (2 + (3 + (4 + (5 + (6 + (7 + 8)))))) * (pid + (tid + (uid + gid))); }");
        byte[] code = p.programs().get(0).insns();
        for (int i = 0; i < code.length; i += 8) {
            int dst = code[i + 1] & 0x0f, src = (code[i + 1] >> 4) & 0x0f;
            assertTrue(dst <= 10 && src <= 10);
        }
    }
}
