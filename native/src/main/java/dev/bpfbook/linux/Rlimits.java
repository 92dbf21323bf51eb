package dev.bpfbook.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;

/** Resource limits that BPF objects were charged against on kernels before 5.11. */
public final class Rlimits {
    private Rlimits() {}

    private static final int RLIMIT_MEMLOCK = 8;
    private static final long RLIM_INFINITY = -1L;

    /**
     * Tries to set RLIMIT_MEMLOCK to infinity and reports whether it is now unlimited. Failure
     * (EPERM in a container) is ignored: since 5.11 BPF memory is accounted by memcg instead.
     */
    public static boolean raiseMemlock() {
        Memory rlim = new Memory(16);
        rlim.setLong(0, RLIM_INFINITY);
        rlim.setLong(8, RLIM_INFINITY);
        try {
            Libc.setrlimit(RLIMIT_MEMLOCK, rlim);
            return true;
        } catch (LastErrorException e) {
            return false;
        }
    }

    /** The current soft RLIMIT_MEMLOCK in bytes, -1 for unlimited. */
    public static long memlock() {
        Memory rlim = new Memory(16);
        try {
            Libc.getrlimit(RLIMIT_MEMLOCK, rlim);
        } catch (LastErrorException e) {
            throw new BpfException("getrlimit", e.getErrorCode());
        }
        return rlim.getLong(0);
    }
}
