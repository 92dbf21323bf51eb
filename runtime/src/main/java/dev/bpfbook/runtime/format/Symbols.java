package dev.bpfbook.runtime.format;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the value decoder needs from the live system to print addresses, stacks and timestamps. The run
 * supplies a real implementation (kallsyms, ELF symbols, the stack-trace map); {@link #NONE} prints raw
 * addresses, which is also what bpftrace does when a symbol cannot be resolved.
 */
public interface Symbols {
    Symbols NONE = new Symbols() {};

    /** A kernel symbol, e.g. "vfs_read" or "vfs_read+12" with the offset; unresolved: "0xffff…". */
    default String kernel(long addr, boolean withOffset) {
        return hexAddress(addr);
    }

    /** A user symbol of process {@code pid}. */
    default String user(long addr, int pid, boolean withOffset) {
        return hexAddress(addr);
    }

    /** Frame addresses of stack {@code stackId} (innermost first); empty when the id is unknown or negative. */
    default long[] stack(boolean user, long stackId) {
        return new long[0];
    }

    /** Nanoseconds since the epoch at boot, to turn a bpf_ktime_get_boot_ns() value into wall time. */
    default long bootEpochNanos() {
        try {
            String up = Files.readString(Path.of("/proc/uptime")).trim().split("\\s+")[0];
            long upNanos = new java.math.BigDecimal(up).movePointRight(9).longValue();
            return System.currentTimeMillis() * 1_000_000L - upNanos;
        } catch (Exception e) {
            return 0;
        }
    }

    /** How bpftrace prints an unresolved address (a C++ stream of {@code void*}): "0x…", or "0" for null. */
    static String hexAddress(long addr) {
        return addr == 0 ? "0" : "0x" + Long.toHexString(addr);
    }
}
