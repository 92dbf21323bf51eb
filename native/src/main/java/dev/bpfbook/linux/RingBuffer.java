package dev.bpfbook.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Pointer;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The user-space consumer of a BPF_MAP_TYPE_RINGBUF map (it does not own the map).
 *
 * <p>Layout, from the kernel's ringbuf ABI: page 0 of the map holds consumer_pos (mapped
 * read-write: we own it); page 1 holds producer_pos, followed by the data area of max_entries
 * bytes, mapped twice in a row so a record that wraps around the end is still contiguous (both
 * read-only). Each record starts with an 8-byte header: u32 len whose top bits are BUSY (still
 * being written) and DISCARD (skip it), and u32 page offset. Records are 8-byte aligned.
 *
 * <p>Ordering: producer_pos and each header are read with acquire semantics and consumer_pos is
 * published with release semantics, like the kernel's smp_load_acquire/smp_store_release pairs.
 * The reads go through JNA (opaque native calls); VarHandle fences supply the hardware barriers
 * that weakly ordered CPUs (aarch64) need and that x86's TSO gives for free.
 */
public final class RingBuffer implements AutoCloseable {
    private static final int HDR_SIZE = 8;
    private static final long BUSY_BIT = 1L << 31;
    private static final long DISCARD_BIT = 1L << 30;
    private static final long TAG_RING = 1, TAG_WAKEUP = 2;

    private final int mapFd;
    private final long size;
    private final long mask;
    private final long pageSize;
    private final Epoll epoll;
    private final EventFd wakeup;
    /** Guards the mappings: drains read them, close removes them. */
    private final ReentrantLock lock = new ReentrantLock();
    /** Held by a poll while it waits in epoll_wait, so close cannot close the fds under it. */
    private final ReentrantLock waitLock = new ReentrantLock();
    private volatile boolean closed;
    private Pointer consumer;
    private Pointer producer;
    private Pointer data;

    /** Maps the ring of the ringbuf map {@code mapFd}, asking the kernel for its size. */
    public RingBuffer(int mapFd) {
        this(mapFd, checkedSize(MapInfo.of(mapFd)));
    }

    private static long checkedSize(MapInfo info) {
        if (info.mapType() != MapType.RINGBUF) throw new IllegalArgumentException("map " + info.name() + " is not a ringbuf map");
        return info.maxEntries();
    }

    private RingBuffer(int mapFd, long size) {
        this.mapFd = mapFd;
        this.size = size;
        this.mask = size - 1;
        this.pageSize = Libc.getpagesize();
        Epoll ep = null;
        EventFd ev = null;
        try {
            consumer = mmap(pageSize, Libc.PROT_READ | Libc.PROT_WRITE, 0);
            producer = mmap(pageSize + 2 * size, Libc.PROT_READ, pageSize);
            data = producer.share(pageSize);
            ep = new Epoll();
            ev = new EventFd();
            ep.add(mapFd, TAG_RING);
            ep.add(ev.fd(), TAG_WAKEUP);
        } catch (RuntimeException e) {
            if (ep != null) ep.close();
            if (ev != null) ev.close();
            unmap();
            throw e;
        }
        this.epoll = ep;
        this.wakeup = ev;
    }

    /** Maps the ring of a BPF_MAP_TYPE_RINGBUF map; the map must outlive the RingBuffer. */
    public static RingBuffer open(BpfMap map) {
        if (map.mapType() != MapType.RINGBUF) throw new IllegalArgumentException(map + " is not a ringbuf map");
        return open(map.fd(), map.maxEntries());
    }

    /** Maps the ring of the ringbuf map {@code mapFd} whose max_entries (data size) is {@code size}. */
    public static RingBuffer open(int mapFd, long size) {
        if (size <= 0 || (size & (size - 1)) != 0) throw new IllegalArgumentException("ringbuf size must be a power of 2: " + size);
        return new RingBuffer(mapFd, size);
    }

    private Pointer mmap(long length, int prot, long offset) {
        try {
            Pointer p = Libc.mmap(null, length, prot, Libc.MAP_SHARED, mapFd, offset);
            if (Pointer.nativeValue(p) == -1L) throw new BpfException("mmap(ringbuf)", Libc.EPERM);
            return p;
        } catch (LastErrorException e) {
            throw new BpfException("mmap(ringbuf)", e.getErrorCode());
        }
    }

    /**
     * Waits up to timeoutMs (-1 forever) for records, then consumes all that are available.
     * Returns the number of records handed to onRecord (0 on timeout or wakeup()).
     * The ByteBuffer given to onRecord is little-endian, read-only, positioned at the record's
     * data and limited to its length; it is valid only during the call.
     */
    public int poll(int timeoutMs, Consumer<ByteBuffer> onRecord) {
        int n = drain(onRecord);
        if (n > 0 || timeoutMs == 0) return n;
        waitLock.lock();
        try {
            if (closed) return 0;
            for (long tag : epoll.wait(timeoutMs)) {
                if (tag == TAG_WAKEUP && !closed) wakeup.consume();
            }
        } finally {
            waitLock.unlock();
        }
        return drain(onRecord);
    }

    /** Makes a poll() blocked in another thread return now (or the next poll, if none is waiting). */
    public void wakeup() {
        wakeup.signal(); // a no-op once closed
    }

    /** Consumes every committed record without waiting; returns how many were handed over. */
    public int drain(Consumer<ByteBuffer> onRecord) {
        lock.lock();
        try {
            return closed ? 0 : drainLocked(onRecord);
        } finally {
            lock.unlock();
        }
    }

    private int drainLocked(Consumer<ByteBuffer> onRecord) {
        int count = 0;
        long cons = consumer.getLong(0);
        boolean progressed;
        do {
            progressed = false;
            long prod = producer.getLong(0);
            VarHandle.acquireFence();
            while (cons < prod) {
                long off = cons & mask;
                long header = Integer.toUnsignedLong(data.getInt(off));
                VarHandle.acquireFence();
                if ((header & BUSY_BIT) != 0) return count;
                long len = header & ~(BUSY_BIT | DISCARD_BIT);
                progressed = true;
                cons += (len + HDR_SIZE + 7) & ~7L;
                try {
                    if ((header & DISCARD_BIT) == 0) {
                        ByteBuffer record = data.getByteBuffer(off + HDR_SIZE, len).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
                        count++;
                        onRecord.accept(record);
                    }
                } finally {
                    // Releases the record's space to the producer, unless the callback closed
                    // the ring (the mapping is gone then).
                    if (!closed) {
                        VarHandle.releaseFence();
                        consumer.setLong(0, cons);
                    }
                }
                if (closed) return count;
            }
        } while (progressed);
        return count;
    }

    /** Bytes written by the producer and not yet consumed. */
    public long available() {
        lock.lock();
        try {
            return closed ? 0 : producer.getLong(0) - consumer.getLong(0);
        } finally {
            lock.unlock();
        }
    }

    public int mapFd() {
        return mapFd;
    }

    private void unmap() {
        try {
            if (consumer != null) Libc.munmap(consumer, pageSize);
            if (producer != null) Libc.munmap(producer, pageSize + 2 * size);
        } catch (LastErrorException ignored) {
            // Nothing useful to do; the mapping goes away with the process.
        }
        consumer = null;
        producer = null;
        data = null;
    }

    /**
     * Unmaps the ring. Safe while another thread polls (that poll returns 0; the mapping is only
     * removed once no drain is reading it) and from inside an onRecord callback (the drain stops).
     */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        // The eventfd stays readable until consumed, so a poll waiting now (or about to wait)
        // returns; only then are the fds closed, never under a thread inside epoll_wait.
        wakeup.signal();
        waitLock.lock();
        lock.lock();
        try {
            epoll.close();
            wakeup.close();
            unmap();
        } finally {
            lock.unlock();
            waitLock.unlock();
        }
    }
}
