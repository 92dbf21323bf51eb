package dev.bpfbook.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;

/** An eventfd(2) counter, used to wake a thread blocked in Epoll.wait from another thread. */
public final class EventFd implements AutoCloseable {
    // signal(), consume() and close() are synchronized: they are called from different threads.
    private static final int EFD_NONBLOCK = 0x800, EFD_CLOEXEC = 0x80000;
    private volatile int fd;

    public EventFd() {
        try {
            fd = Libc.eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
        } catch (LastErrorException e) {
            throw new BpfException("eventfd", e.getErrorCode());
        }
    }

    public int fd() {
        int f = fd;
        if (f < 0) throw new IllegalStateException("eventfd is closed");
        return f;
    }

    /** Adds 1 to the counter, making the fd readable; does nothing once closed. */
    public synchronized void signal() {
        if (fd < 0) return;
        Memory one = new Memory(8);
        one.setLong(0, 1);
        try {
            Libc.write(fd, one, 8);
        } catch (LastErrorException e) {
            if (e.getErrorCode() != Libc.EAGAIN) throw new BpfException("write(eventfd)", e.getErrorCode());
        }
    }

    /** Resets the counter; returns whether it had been signalled. */
    public synchronized boolean consume() {
        Memory buf = new Memory(8);
        try {
            Libc.read(fd(), buf, 8);
            return true;
        } catch (LastErrorException e) {
            if (e.getErrorCode() == Libc.EAGAIN) return false;
            throw new BpfException("read(eventfd)", e.getErrorCode());
        }
    }

    /** Synchronized with signal(), so a signal never writes to a closed (and reused) fd number. */
    @Override
    public synchronized void close() {
        int f = fd;
        fd = -1;
        Libc.closeQuietly(f);
    }
}
