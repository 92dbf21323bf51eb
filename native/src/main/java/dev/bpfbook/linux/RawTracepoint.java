package dev.bpfbook.linux;

import com.sun.jna.Memory;

import java.nio.charset.StandardCharsets;

/** A program attached to a raw tracepoint with BPF_RAW_TRACEPOINT_OPEN; closing the fd detaches it. */
public final class RawTracepoint implements AutoCloseable {
    private final OwnedFd fd;
    private final String name;

    private RawTracepoint(int fd, String name) {
        this.fd = new OwnedFd(fd, "raw tracepoint " + name);
        this.name = name;
    }

    /** Attaches {@code program} (a RAW_TRACEPOINT program) to the raw tracepoint {@code name}, e.g. "sched_switch". */
    public static RawTracepoint open(String name, BpfProgram program) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        Memory nameMem = new Memory(n.length + 1);
        nameMem.clear();
        nameMem.write(0, n, 0, n.length);
        Bpf.Attr attr = Bpf.attr().pointer(0, nameMem); // raw_tracepoint.name
        attr.setInt(8, program.fd());                    // raw_tracepoint.prog_fd
        return new RawTracepoint(Bpf.call(Bpf.Cmd.BPF_RAW_TRACEPOINT_OPEN, attr), name);
    }

    public int fd() {
        return fd.get();
    }

    @Override
    public void close() {
        fd.close();
    }

    @Override
    public String toString() {
        return "RawTracepoint[" + name + ", fd " + fd + "]";
    }
}
