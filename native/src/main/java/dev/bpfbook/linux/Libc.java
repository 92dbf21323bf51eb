package dev.bpfbook.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The libc entry points this module calls, bound by JNA direct mapping (faster than interface
 * proxies, and map reads are hot). Every call that can fail declares LastErrorException, so JNA
 * captures errno right after the call, before the JVM can clobber it.
 *
 * <p>{@code syscall} is variadic in C; it is declared here with six fixed {@code long} arguments.
 * On the x86_64 and aarch64 Linux ABIs integer variadic arguments travel in the same registers as
 * fixed ones, and the kernel ignores arguments a syscall does not take.
 */
final class Libc {
    static {
        Native.register(NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    private Libc() {}

    static final boolean AARCH64 = "aarch64".equals(System.getProperty("os.arch"));
    static final long SYS_BPF = AARCH64 ? 280 : 321;
    static final long SYS_PERF_EVENT_OPEN = AARCH64 ? 241 : 298;
    static final long SYS_GETTID = AARCH64 ? 178 : 186;

    static final int PROT_READ = 1, PROT_WRITE = 2;
    static final int MAP_SHARED = 1;
    static final int O_CLOEXEC = 0x80000;
    static final int EINTR = 4, EAGAIN = 11, ENOENT = 2, EPERM = 1, ENOSPC = 28, E2BIG = 7;

    static native long syscall(long number, long a1, long a2, long a3, long a4, long a5) throws LastErrorException;

    static native int ioctl(int fd, long request, long arg) throws LastErrorException;

    static native int close(int fd) throws LastErrorException;

    static native long read(int fd, Pointer buf, long count) throws LastErrorException;

    static native long write(int fd, Pointer buf, long count) throws LastErrorException;

    static native Pointer mmap(Pointer addr, long length, int prot, int flags, int fd, long offset) throws LastErrorException;

    static native int munmap(Pointer addr, long length) throws LastErrorException;

    static native int epoll_create1(int flags) throws LastErrorException;

    static native int epoll_ctl(int epfd, int op, int fd, Pointer event) throws LastErrorException;

    static native int epoll_wait(int epfd, Pointer events, int maxEvents, int timeoutMs) throws LastErrorException;

    static native int eventfd(int initval, int flags) throws LastErrorException;

    static native int mount(String source, String target, String fstype, long flags, Pointer data) throws LastErrorException;

    static native int setrlimit(int resource, Pointer rlim) throws LastErrorException;

    static native int getrlimit(int resource, Pointer rlim) throws LastErrorException;

    static native int getpagesize();

    static native String strerror(int errnum);

    /** The calling thread's kernel id, as bpf_get_current_pid_tgid() sees it in its low half. */
    static int gettid() {
        return (int) syscall(SYS_GETTID, 0, 0, 0, 0, 0);
    }

    /** close(2) that never throws: fds are released on paths that are already failing. */
    static void closeQuietly(int fd) {
        if (fd < 0) return;
        try {
            close(fd);
        } catch (LastErrorException ignored) {
            // EINTR/EIO on close still release the descriptor on Linux.
        }
    }

    static String describe(int errno) {
        String s = strerror(errno);
        return s == null ? "errno " + errno : s;
    }
}
