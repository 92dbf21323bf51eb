package dev.bpfbook.linux;

/** errno values as the C library describes them (strerror), for bpftrace's strerror(). */
public final class Errno {
    private Errno() {}

    public static String describe(int errno) {
        return Libc.strerror(errno);
    }
}
