package dev.bpfbook.linux;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A file descriptor with exactly one owner (a map, a program, a perf event…). Closing is idempotent and safe
 * from any thread; using it after close is an error that names the object, not a stale fd number.
 */
final class OwnedFd implements AutoCloseable {
    private final AtomicInteger fd;
    private final String owner;

    OwnedFd(int fd, String owner) {
        this.fd = new AtomicInteger(fd);
        this.owner = owner;
    }

    int get() {
        int f = fd.get();
        if (f < 0) throw new IllegalStateException(owner + " is closed");
        return f;
    }

    /** Gives up the fd without closing it: the caller closes it (e.g. after a last ioctl); -1 if already closed. */
    int release() {
        return fd.getAndSet(-1);
    }

    @Override
    public void close() {
        int f = release();
        if (f >= 0) Libc.closeQuietly(f);
    }

    @Override
    public String toString() {
        return Integer.toString(fd.get());
    }
}
