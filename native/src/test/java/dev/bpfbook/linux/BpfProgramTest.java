package dev.bpfbook.linux;

import static dev.bpfbook.linux.Asm.*;
import static dev.bpfbook.linux.Bytes.u32;
import static dev.bpfbook.linux.Bytes.u64;
import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith({BpfTestSupport.class, NoLeftoverFds.class})
class BpfProgramTest {
    private static byte[] returnZero() {
        return new Asm().movImm(R0, 0).exit().bytes();
    }

    @ParameterizedTest
    @ValueSource(ints = {ProgramType.RAW_TRACEPOINT, ProgramType.TRACEPOINT, ProgramType.KPROBE, ProgramType.PERF_EVENT})
    void loadsTrivialProgram(int type) {
        try (BpfProgram p = BpfProgram.load(type, returnZero(), "GPL", "trivial", 0)) {
            assertTrue(p.fd() >= 0);
            assertEquals(2, p.instructionCount());
            assertEquals(1, ProcessFds.count("bpf-prog"));
        }
    }

    @Test
    void testRunReturnsR0AndWritesMap() {
        try (BpfMap array = BpfMap.create(MapType.ARRAY, 4, 8, 1, 0, "tr_array")) {
            Asm a = new Asm().lookupSlotZero(array, 1).stDw(R0, 0, 4242).movImm(R0, 7).exit();
            try (BpfProgram p = BpfProgram.load(ProgramType.RAW_TRACEPOINT, a.bytes(), "GPL", "write_const", 0)) {
                assertEquals(0L, u64(array.lookup(u32(0))));
                TestRunResult r = p.testRun(null);
                assertEquals(7, r.retval());
                assertEquals(4242L, u64(array.lookup(u32(0))));
            }
        }
    }

    @Test
    void testRunPassesContext() {
        // r0 = ctx->args[1]
        byte[] insns = new Asm().ldxDw(R0, R1, 8).exit().bytes();
        try (BpfProgram p = BpfProgram.load(ProgramType.RAW_TRACEPOINT, insns, "GPL", "ctx_arg", 0)) {
            byte[] ctx = new byte[16];
            System.arraycopy(u64(99), 0, ctx, 8, 8);
            assertEquals(99, p.testRun(ctx).retval());
        }
    }

    @Test
    void verifierRejectionCarriesLogAndInstruction() {
        // r1 = 1; exit  -- r0 never set
        byte[] insns = new Asm().movImm(R1, 1).exit().bytes();
        VerifierException e = assertThrows(VerifierException.class,
                () -> BpfProgram.load(ProgramType.RAW_TRACEPOINT, insns, "GPL", "bad", 0));
        assertTrue(e.log().contains("R0 !read_ok"), e.log());
        assertEquals(1, e.instruction());
        assertEquals(13, e.errno()); // EACCES
        assertEquals("BPF_PROG_LOAD", e.command());
        assertTrue(e.getMessage().startsWith("BPF_PROG_LOAD: Permission denied (errno 13)"), e.getMessage());
        assertTrue(e.getMessage().contains("R0 !read_ok"), e.getMessage());
    }

    @Test
    void verifierRejectionPointsAtTheBadLoad() {
        // r0 = 0; r0 = *(u64 *)(r2 + 0)  -- r2 is uninitialised
        byte[] insns = new Asm().movImm(R0, 0).movImm(R3, 1).ldxDw(R0, R2, 0).exit().bytes();
        VerifierException e = assertThrows(VerifierException.class,
                () -> BpfProgram.load(ProgramType.RAW_TRACEPOINT, insns, "GPL", "bad2", 0));
        assertTrue(e.log().contains("R2 !read_ok"), e.log());
        assertEquals(2, e.instruction());
    }

    @Test
    void malformedInstructionsAreRejectedBeforeTheKernel() {
        assertThrows(IllegalArgumentException.class, () -> BpfProgram.load(ProgramType.KPROBE, new byte[12], "GPL", "x", 0));
    }

    @Test
    void rejectedInstructionParsing() {
        String log = "func#0 @0\n0: R1=ctx() R10=fp0\n0: (b7) r1 = 1                        ; R1_w=1\n1: (95) exit\nR0 !read_ok\n";
        assertEquals(1, BpfProgram.rejectedInstruction(log));
        assertEquals(-1, BpfProgram.rejectedInstruction("invalid\n"));
    }

    @Test
    void kernelVersionCode() {
        assertEquals((6 << 16) | (18 << 8) | 44, KernelVersion.parse("6.18.44-fc-v1300"));
        assertEquals((5 << 16) | (4 << 8) | 255, KernelVersion.parse("5.4.300"));
        assertEquals(0, KernelVersion.parse("weird"));
    }

    @Test
    void testRunOnEachCpuWritesThatCpusSlot() {
        int cpus = Cpus.possible();
        try (BpfMap perCpu = BpfMap.create(MapType.PERCPU_ARRAY, 4, 8, 1, 0, "tr_pcpu")) {
            Asm a = new Asm().lookupSlotZero(perCpu, 2).movImm(R1, 1).atomicAddDw(R0, 0, R1).movImm(R0, 0).exit();
            try (BpfProgram p = BpfProgram.load(ProgramType.RAW_TRACEPOINT, a.bytes(), "GPL", "on_cpu", 0)) {
                for (int cpu : Cpus.online()) {
                    for (int i = 0; i <= cpu; i++) p.testRunOnCpu(null, cpu);
                }
                byte[][] values = perCpu.lookupPerCpu(u32(0));
                for (int cpu : Cpus.online()) assertEquals(cpu + 1, u64(values[cpu]));
                assertEquals(cpus, values.length);
            }
        }
    }

    @Test
    void longVerifierLogGrowsTheBufferAndKeepsTheEnd() {
        // 20000 verified instructions log far more than the first 256 KiB log buffer.
        int n = 20_000;
        Asm a = new Asm().movImm(R1, 0);
        for (int i = 0; i < n; i++) a.addImm(R1, 1);
        byte[] insns = a.exit().bytes();
        VerifierException e = assertThrows(VerifierException.class,
                () -> BpfProgram.load(ProgramType.RAW_TRACEPOINT, insns, "GPL", "long_log", 0));
        assertTrue(e.log().length() > 256 * 1024, "log of " + e.log().length() + " chars");
        assertTrue(e.log().contains("R0 !read_ok"), e.log().substring(Math.max(0, e.log().length() - 500)));
        assertEquals(n + 1, e.instruction());
        assertEquals(13, e.errno());
    }
}
