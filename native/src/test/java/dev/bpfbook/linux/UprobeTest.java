package dev.bpfbook.linux;

import static dev.bpfbook.linux.Asm.*;
import static dev.bpfbook.linux.Bytes.u32;
import static dev.bpfbook.linux.Bytes.u64;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ExtendWith({BpfTestSupport.class, NoLeftoverFds.class})
class UprobeTest {
    private static String libc() {
        return ProcMaps.findLibrary(ProcMaps.read(-1), "libc").orElseThrow(() -> new AssertionError("libc not mapped"));
    }

    /** Counts hits by the calling thread (bpf_get_current_pid_tgid's low half). */
    private static byte[] countForThread(BpfMap counter, int tid) {
        return new Asm()
                .call(FN_GET_CURRENT_PID_TGID)
                .jne32Imm(R0, tid, 9)
                .lookupSlotZero(counter, 2)
                .movImm(R1, 1)
                .atomicAddDw(R0, 0, R1)
                .movImm(R0, 0)
                .exit()
                .bytes();
    }

    @ParameterizedTest(name = "return={0} thisProcessOnly={1}")
    @CsvSource({"false,true", "true,true", "false,false", "true,false"})
    void uprobeOnLibcGetppidCountsEveryCall(boolean isReturn, boolean thisProcessOnly) {
        String libc = libc();
        long offset = ElfSymbols.read(Path.of(libc)).fileOffset("getppid");
        int tid = Libc.gettid();
        int pid = thisProcessOnly ? (int) ProcessHandle.current().pid() : -1;
        try (BpfMap counter = BpfMap.create(MapType.ARRAY, 4, 8, 1, 0, "uprobe_count");
             BpfProgram prog = BpfProgram.load(ProgramType.KPROBE, countForThread(counter, tid), "GPL", "getppid_u", 0);
             PerfEvent probe = PerfEvent.openUprobe(libc, offset, isReturn, pid)) {
            probe.attach(prog);
            for (int i = 0; i < 37; i++) TestLibc.getppid();
            assertEquals(37, u64(counter.lookup(u32(0))));
        }
    }

    @Test
    void uprobeOnMissingFileFails() {
        BpfException e = assertThrows(BpfException.class, () -> PerfEvent.openUprobe("/no/such/binary", 0, false, -1));
        assertEquals("perf_event_open", e.command());
        assertEquals(2, e.errno());
    }

    @Test
    void kprobeWithoutPmuSaysSo() {
        if (java.nio.file.Files.exists(java.nio.file.Path.of("/sys/bus/event_source/devices/kprobe"))) {
            try (BpfProgram prog = BpfProgram.load(ProgramType.KPROBE, new Asm().movImm(R0, 0).exit().bytes(), "GPL", "kp", 0);
                 PerfEvent e = PerfEvent.openKprobe("do_sys_openat2", 0, false)) {
                e.attach(prog);
            }
        } else {
            BpfException e = assertThrows(BpfException.class, () -> PerfEvent.openKprobe("do_sys_openat2", 0, false));
            assertTrue(e.getMessage().contains("no kprobe PMU"), e.getMessage());
        }
    }
}
