package dev.bpfbook.linux;

/** Whether this process can use BPF for tracing here, and if not, why and how to fix it. */
public final class BpfAvailability {
    private BpfAvailability() {}

    private static volatile String reason;
    private static volatile boolean probed;

    /** Null when a small map can be created and a tracepoint program loaded; else the reason. */
    public static String unavailableReason() {
        if (!probed) {
            synchronized (BpfAvailability.class) {
                if (!probed) {
                    reason = probe();
                    probed = true;
                }
            }
        }
        return reason;
    }

    public static boolean available() {
        return unavailableReason() == null;
    }

    private static String probe() {
        if (!"Linux".equals(System.getProperty("os.name"))) {
            return "BPF needs Linux; this is " + System.getProperty("os.name");
        }
        try {
            Rlimits.raiseMemlock();
            // mov r0, 0; exit
            byte[] insns = {(byte) 0xb7, 0, 0, 0, 0, 0, 0, 0, (byte) 0x95, 0, 0, 0, 0, 0, 0, 0};
            try (BpfMap m = BpfMap.create(MapType.ARRAY, 4, 8, 1, 0, "bpfbook_probe");
                 BpfProgram p = BpfProgram.load(ProgramType.TRACEPOINT, insns, "GPL", "bpfbook_probe", 0)) {
                return null;
            }
        } catch (BpfException e) {
            return explain(e);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            return "cannot call libc through JNA: " + e;
        }
    }

    private static String explain(BpfException e) {
        String fix = "run as root, or grant the JVM the capabilities: "
                + "sudo setcap cap_bpf,cap_perfmon+ep \"$(readlink -f \"$(which java)\")\"";
        return switch (e.errno()) {
            case 1 -> "BPF is not permitted (" + e.getMessage().lines().findFirst().orElse("") + "): this process lacks CAP_BPF and CAP_PERFMON "
                    + "(kernel.unprivileged_bpf_disabled=" + sysctl("kernel/unprivileged_bpf_disabled") + "); " + fix;
            case 38 -> "the bpf(2) syscall is not available (kernel built without CONFIG_BPF_SYSCALL, or blocked by seccomp)";
            case 13 -> "BPF is denied (" + e.getMessage().lines().findFirst().orElse("") + "), likely by an LSM or seccomp; " + fix;
            default -> "BPF does not work here: " + e.getMessage();
        };
    }

    private static String sysctl(String name) {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys", name)).trim();
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
