package dev.bpfbook.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;

/** An epoll instance owning its fd; waits on other fds, each registered with a caller tag. */
public final class Epoll implements AutoCloseable {
    private static final int EPOLL_CLOEXEC = 0x80000;
    private static final int EPOLL_CTL_ADD = 1, EPOLL_CTL_DEL = 2;
    public static final int EPOLLIN = 1;
    /** struct epoll_event is packed on x86_64 (12 bytes) and naturally aligned elsewhere (16). */
    private static final int EVENT_SIZE = Libc.AARCH64 ? 16 : 12;
    private static final int DATA_OFFSET = Libc.AARCH64 ? 8 : 4;
    private static final int MAX_EVENTS = 64;

    private final Memory events = new Memory((long) EVENT_SIZE * MAX_EVENTS);
    private volatile int fd;

    public Epoll() {
        try {
            fd = Libc.epoll_create1(EPOLL_CLOEXEC);
        } catch (LastErrorException e) {
            throw new BpfException("epoll_create1", e.getErrorCode());
        }
    }

    public int fd() {
        int f = fd;
        if (f < 0) throw new IllegalStateException("epoll is closed");
        return f;
    }

    /** Watches {@code target} for readability (level-triggered); wait() reports it as {@code tag}. */
    public void add(int target, long tag) {
        Memory ev = new Memory(EVENT_SIZE);
        ev.clear();
        ev.setInt(0, EPOLLIN);
        ev.setLong(DATA_OFFSET, tag);
        try {
            Libc.epoll_ctl(fd(), EPOLL_CTL_ADD, target, ev);
        } catch (LastErrorException e) {
            throw new BpfException("epoll_ctl", e.getErrorCode());
        }
    }

    public void remove(int target) {
        try {
            Libc.epoll_ctl(fd(), EPOLL_CTL_DEL, target, null);
        } catch (LastErrorException e) {
            throw new BpfException("epoll_ctl", e.getErrorCode());
        }
    }

    /**
     * Waits up to timeoutMs (-1 forever, 0 not at all) and returns the tags of the ready fds;
     * empty on timeout or when a signal interrupted the wait.
     */
    public long[] wait(int timeoutMs) {
        int n;
        try {
            n = Libc.epoll_wait(fd(), events, MAX_EVENTS, timeoutMs);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == Libc.EINTR) return new long[0];
            throw new BpfException("epoll_wait", e.getErrorCode());
        }
        long[] tags = new long[n];
        for (int i = 0; i < n; i++) tags[i] = events.getLong((long) i * EVENT_SIZE + DATA_OFFSET);
        return tags;
    }

    @Override
    public void close() {
        int f = fd;
        fd = -1;
        Libc.closeQuietly(f);
    }
}
