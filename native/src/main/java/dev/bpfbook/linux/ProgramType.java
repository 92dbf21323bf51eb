package dev.bpfbook.linux;

/** enum bpf_prog_type values from linux/bpf.h. */
public final class ProgramType {
    private ProgramType() {}

    public static final int SOCKET_FILTER = 1;
    public static final int KPROBE = 2;
    public static final int TRACEPOINT = 5;
    public static final int XDP = 6;
    public static final int PERF_EVENT = 7;
    public static final int RAW_TRACEPOINT = 17;
    public static final int TRACING = 26;
}
