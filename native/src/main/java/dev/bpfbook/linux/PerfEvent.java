package dev.bpfbook.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A perf event (perf_event_open(2)) owning its fd, to which one BPF program can be attached with
 * PERF_EVENT_IOC_SET_BPF. Closing the fd detaches the program.
 */
public final class PerfEvent implements AutoCloseable {
    public static final int TYPE_HARDWARE = 0;
    public static final int TYPE_BREAKPOINT = 5;
    public static final int TYPE_SOFTWARE = 1;
    public static final int TYPE_TRACEPOINT = 2;

    /** perf_sw_ids */
    public static final int SW_CPU_CLOCK = 0;
    public static final int SW_TASK_CLOCK = 1;
    public static final int SW_PAGE_FAULTS = 2;
    public static final int SW_CONTEXT_SWITCHES = 3;
    public static final int SW_CPU_MIGRATIONS = 4;

    private static final int ATTR_SIZE = 128;
    private static final long FLAG_DISABLED = 1L;
    private static final long FLAG_FREQ = 1L << 10;
    private static final long SAMPLE_RAW = 1L << 10;
    private static final long PERF_FLAG_FD_CLOEXEC = 8;

    private static final long IOC_ENABLE = 0x2400;
    private static final long IOC_DISABLE = 0x2401;
    private static final long IOC_SET_BPF = 0x40042408;

    private final String description;
    private final OwnedFd fd;
    private volatile boolean attached;

    private PerfEvent(int fd, String description) {
        this.fd = new OwnedFd(fd, description);
        this.description = description;
    }

    /**
     * A tracepoint event (id from Tracefs.tracepointId). A BPF program attached to it runs for
     * every hit of the tracepoint on every CPU, whatever cpu the event was opened on, so one
     * event on cpu 0 with pid -1 is enough.
     */
    public static PerfEvent openTracepoint(int tracepointId, int cpu) {
        Memory attr = attr(TYPE_TRACEPOINT, tracepointId);
        attr.setLong(16, 1);
        attr.setLong(24, SAMPLE_RAW);
        attr.setInt(48, 1);
        return open(attr, -1, cpu, "tracepoint id " + tracepointId);
    }

    /**
     * A software event (PERF_TYPE_SOFTWARE, e.g. SW_CPU_CLOCK) on one CPU for all tasks,
     * sampling every {@code periodOrFreq} events (ns for the clocks), or {@code periodOrFreq}
     * times a second when {@code freq}.
     */
    public static PerfEvent openSoftware(int config, long periodOrFreq, boolean freq, int cpu) {
        Memory attr = attr(TYPE_SOFTWARE, config);
        attr.setLong(16, periodOrFreq);
        attr.setLong(40, FLAG_DISABLED | (freq ? FLAG_FREQ : 0));
        return open(attr, -1, cpu, "software event " + config + " on cpu " + cpu);
    }

    /** A hardware counter (PERF_TYPE_HARDWARE) on one CPU, sampling every {@code period} events. */
    public static PerfEvent openHardware(int config, long period, int cpu) {
        Memory attr = attr(TYPE_HARDWARE, config);
        attr.setLong(16, period);
        attr.setLong(40, FLAG_DISABLED);
        return open(attr, -1, cpu, "hardware event " + config + " on cpu " + cpu);
    }

    /**
     * A hardware breakpoint (watchpoint) on {@code length} bytes at {@code address}; {@code bpType} is
     * HW_BREAKPOINT_R (1), W (2), RW (3) or X (4). pid -1 watches every process on {@code cpu}.
     */
    public static PerfEvent openBreakpoint(long address, int length, int bpType, int pid, int cpu) {
        Memory attr = attr(TYPE_BREAKPOINT, 0);
        attr.setLong(16, 1);             // sample_period
        attr.setLong(40, FLAG_DISABLED);
        attr.setInt(52, bpType);         // bp_type
        attr.setLong(56, address);       // bp_addr
        attr.setLong(64, length);        // bp_len
        return open(attr, pid, cpu, "watchpoint 0x" + Long.toHexString(address) + ":" + length);
    }

    /**
     * A uprobe (or uretprobe) on {@code path} at {@code fileOffset}, through the uprobe PMU.
     * pid -1 probes every process (the event then lives on cpu 0), otherwise only that process.
     */
    public static PerfEvent openUprobe(String path, long fileOffset, boolean isReturn, int pid) {
        return openUprobe(path, fileOffset, isReturn, pid, 0);
    }

    /**
     * A uprobe with a reference counter: while it is attached the kernel keeps the u16 at file offset
     * {@code refCtrOffset} of {@code path} incremented in every process mapping it (a USDT semaphore, which
     * the probed program tests before preparing the probe's arguments). 0 means none.
     */
    public static PerfEvent openUprobe(String path, long fileOffset, boolean isReturn, int pid, long refCtrOffset) {
        return openProbe("uprobe", path, fileOffset, (isReturn ? 1 : 0) | (refCtrOffset << 32), pid,
                (isReturn ? "uretprobe " : "uprobe ") + path + "+0x" + Long.toHexString(fileOffset));
    }

    /**
     * A kprobe (or kretprobe) on kernel function {@code function} + {@code offset}, through the
     * kprobe PMU (absent when the kernel is built without CONFIG_KPROBES).
     */
    public static PerfEvent openKprobe(String function, long offset, boolean isReturn) {
        return openProbe("kprobe", function, offset, isReturn ? 1 : 0, -1,
                (isReturn ? "kretprobe " : "kprobe ") + function + (offset == 0 ? "" : "+" + offset));
    }

    /**
     * Both probe PMUs take config bit 0 = return probe, config1 = char *target, config2 = offset; the uprobe
     * PMU takes the reference counter's offset in config bits 32-63.
     */
    private static PerfEvent openProbe(String pmu, String target, long offset, long config, int pid, String description) {
        int type = pmuType(pmu);
        Memory attr = attr(type, config);
        byte[] t = target.getBytes(StandardCharsets.UTF_8);
        Memory targetMem = new Memory(t.length + 1);
        targetMem.clear();
        targetMem.write(0, t, 0, t.length);
        attr.setLong(16, 1);
        attr.setInt(48, 1);
        attr.setLong(56, Pointer.nativeValue(targetMem));
        attr.setLong(64, offset);
        try {
            return open(attr, pid < 0 ? -1 : pid, pid < 0 ? 0 : -1, description);
        } finally {
            java.lang.ref.Reference.reachabilityFence(targetMem);
        }
    }

    /** The dynamic PMU type number from /sys/bus/event_source/devices/NAME/type. */
    public static int pmuType(String pmu) {
        Path p = Path.of("/sys/bus/event_source/devices", pmu, "type");
        try {
            return Integer.parseInt(Files.readString(p).trim());
        } catch (IOException | NumberFormatException e) {
            throw new BpfException("perf_event_open", "this kernel has no " + pmu + " PMU (" + p + " is missing)", e);
        }
    }

    private static Memory attr(int type, long config) {
        Memory attr = new Memory(ATTR_SIZE);
        attr.clear();
        attr.setInt(0, type);
        attr.setInt(4, ATTR_SIZE);
        attr.setLong(8, config);
        return attr;
    }

    private static PerfEvent open(Memory attr, int pid, int cpu, String description) {
        try {
            int fd = (int) Libc.syscall(Libc.SYS_PERF_EVENT_OPEN, Pointer.nativeValue(attr), pid, cpu, -1, PERF_FLAG_FD_CLOEXEC);
            return new PerfEvent(fd, description);
        } catch (LastErrorException e) {
            throw new BpfException("perf_event_open", e.getErrorCode(), description);
        } finally {
            java.lang.ref.Reference.reachabilityFence(attr);
        }
    }

    public int fd() {
        return fd.get();
    }

    /** PERF_EVENT_IOC_SET_BPF, then PERF_EVENT_IOC_ENABLE. */
    public void attach(BpfProgram program) {
        ioctl(IOC_SET_BPF, program.fd(), "PERF_EVENT_IOC_SET_BPF");
        attached = true;
        ioctl(IOC_ENABLE, 0, "PERF_EVENT_IOC_ENABLE");
    }

    public void enable() {
        ioctl(IOC_ENABLE, 0, "PERF_EVENT_IOC_ENABLE");
    }

    public void disable() {
        ioctl(IOC_DISABLE, 0, "PERF_EVENT_IOC_DISABLE");
    }

    public boolean isAttached() {
        return attached;
    }

    /** The event's counter value (read(2) of the fd with the default read_format). */
    public long count() {
        Memory buf = new Memory(8);
        try {
            Libc.read(fd(), buf, 8);
        } catch (LastErrorException e) {
            throw new BpfException("read(perf_event)", e.getErrorCode(), description);
        }
        return buf.getLong(0);
    }

    private void ioctl(long request, long arg, String name) {
        try {
            Libc.ioctl(fd(), request, arg);
        } catch (LastErrorException e) {
            throw new BpfException(name, e.getErrorCode(), description);
        }
    }

    /** Disables the event and closes it, which also releases the attached program. */
    @Override
    public void close() {
        int f = fd.release();
        if (f < 0) return;
        try {
            Libc.ioctl(f, IOC_DISABLE, 0);
        } catch (LastErrorException ignored) {
            // Closing below releases the event either way.
        }
        Libc.closeQuietly(f);
    }

    @Override
    public String toString() {
        return "PerfEvent[" + description + " fd=" + fd + "]";
    }
}
