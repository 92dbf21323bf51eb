package dev.bpfbook.linux;

import static dev.bpfbook.linux.Asm.*;
import static dev.bpfbook.linux.Bytes.u32;
import static dev.bpfbook.linux.Bytes.u64;
import static org.junit.jupiter.api.Assertions.*;

import com.sun.jna.Memory;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({BpfTestSupport.class, NoLeftoverFds.class})
class PerfEventTest {

    /** Counts events of thread {@code tid} into slot 0 of {@code counter}. */
    private static byte[] countForThread(BpfMap counter, int tid) {
        Asm a = new Asm()
                .call(FN_GET_CURRENT_PID_TGID)
                .jne32Imm(R0, tid, 9) // to the final mov r0,0
                .lookupSlotZero(counter, 2)
                .movImm(R1, 1)
                .atomicAddDw(R0, 0, R1)
                .movImm(R0, 0)
                .exit();
        return a.bytes();
    }

    private static byte[] countAll(BpfMap counter) {
        return new Asm().lookupSlotZero(counter, 2).movImm(R1, 1).atomicAddDw(R0, 0, R1).movImm(R0, 0).exit().bytes();
    }

    @Test
    void tracepointProgramSeesEveryCallOfThisThreadOnEveryCpu() {
        int id = Tracefs.tracepointId("syscalls", "sys_enter_getppid");
        int tid = Libc.gettid();
        List<Integer> cpus = Cpus.online();
        try (BpfMap counter = BpfMap.create(MapType.ARRAY, 4, 8, 1, 0, "getppid_count");
             BpfProgram prog = BpfProgram.load(ProgramType.TRACEPOINT, countForThread(counter, tid), "GPL", "getppid", 0);
             PerfEvent event = PerfEvent.openTracepoint(id, 0)) {
            event.attach(prog);
            assertTrue(event.isAttached());
            int expected = 0;
            // The event is on cpu 0, the program must still run for calls made on every CPU.
            for (int cpu : cpus) {
                Memory old = TestLibc.pinTo(cpu);
                try {
                    int n = 25 + cpu;
                    for (int i = 0; i < n; i++) TestLibc.getppid();
                    expected += n;
                } finally {
                    TestLibc.restoreAffinity(old);
                }
            }
            assertEquals(expected, u64(counter.lookup(u32(0))));
        }
    }

    @Test
    void closingTheEventDetachesTheProgram() {
        int id = Tracefs.tracepointId("syscalls", "sys_enter_getppid");
        int tid = Libc.gettid();
        try (BpfMap counter = BpfMap.create(MapType.ARRAY, 4, 8, 1, 0, "getppid_count");
             BpfProgram prog = BpfProgram.load(ProgramType.TRACEPOINT, countForThread(counter, tid), "GPL", "getppid", 0)) {
            try (PerfEvent event = PerfEvent.openTracepoint(id, 0)) {
                event.attach(prog);
                for (int i = 0; i < 10; i++) TestLibc.getppid();
            }
            assertEquals(0, ProcessFds.count("[perf_event]"));
            for (int i = 0; i < 10; i++) TestLibc.getppid();
            assertEquals(10, u64(counter.lookup(u32(0))));
        }
    }

    @Test
    void attachRejectsWrongProgramType() {
        int id = Tracefs.tracepointId("syscalls", "sys_enter_getppid");
        try (BpfProgram prog = BpfProgram.load(ProgramType.RAW_TRACEPOINT, new Asm().movImm(R0, 0).exit().bytes(), "GPL", "wrong", 0);
             PerfEvent event = PerfEvent.openTracepoint(id, 0)) {
            BpfException e = assertThrows(BpfException.class, () -> event.attach(prog));
            assertEquals("PERF_EVENT_IOC_SET_BPF", e.command());
            assertEquals(22, e.errno());
        }
    }

    @Test
    void unknownTracepointIsReported() {
        BpfException e = assertThrows(BpfException.class, () -> Tracefs.tracepointId("syscalls", "sys_enter_no_such_call"));
        assertTrue(e.getMessage().contains("sys_enter_no_such_call"), e.getMessage());
    }

    @Test
    void cpuClockSoftwareEventRunsPerfEventProgram() {
        try (BpfMap counter = BpfMap.create(MapType.ARRAY, 4, 8, 1, 0, "clock_count");
             BpfProgram prog = BpfProgram.load(ProgramType.PERF_EVENT, countAll(counter), "GPL", "clock", 0)) {
            List<Integer> cpus = Cpus.online();
            PerfEvent[] events = new PerfEvent[cpus.size()];
            try {
                for (int i = 0; i < events.length; i++) {
                    events[i] = PerfEvent.openSoftware(PerfEvent.SW_CPU_CLOCK, 1_000_000L, false, cpus.get(i));
                    events[i].attach(prog);
                }
                // Busy until the 1 ms timer has fired at least once; bounded by a generous deadline.
                long deadline = System.nanoTime() + 20_000_000_000L;
                long spins = 0;
                while (u64(counter.lookup(u32(0))) == 0 && System.nanoTime() < deadline) spins++;
                assertTrue(u64(counter.lookup(u32(0))) > 0, "cpu-clock program never ran after " + spins + " spins");
                assertTrue(events[0].count() > 0);
            } finally {
                for (PerfEvent e : events) if (e != null) e.close();
            }
        }
    }

    @Test
    void frequencyModeSoftwareEventOpens() {
        try (BpfMap counter = BpfMap.create(MapType.ARRAY, 4, 8, 1, 0, "freq_count");
             BpfProgram prog = BpfProgram.load(ProgramType.PERF_EVENT, countAll(counter), "GPL", "freq", 0);
             PerfEvent e = PerfEvent.openSoftware(PerfEvent.SW_CPU_CLOCK, 999, true, 0)) {
            e.attach(prog);
            Memory old = TestLibc.pinTo(0);
            try {
                long deadline = System.nanoTime() + 20_000_000_000L;
                while (u64(counter.lookup(u32(0))) == 0 && System.nanoTime() < deadline) Thread.onSpinWait();
            } finally {
                TestLibc.restoreAffinity(old);
            }
            assertTrue(u64(counter.lookup(u32(0))) > 0);
        }
    }
}
