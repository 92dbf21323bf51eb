package dev.bpfbook.linux;

import static dev.bpfbook.linux.Asm.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({BpfTestSupport.class, NoLeftoverFds.class})
class RingBufferTest {
    private static final long MARK = 0x1122334455667788L;

    /** bpf_ringbuf_output of 16 bytes: {ctx->args[0], MARK}. */
    private static byte[] emitArgAndMark(BpfMap ring) {
        return new Asm()
                .ldxDw(R6, R1, 0)
                .stxDw(R10, -16, R6)
                .ldImm64(R7, MARK)
                .stxDw(R10, -8, R7)
                .ldMapFd(R1, ring.fd())
                .movReg(R2, R10).addImm(R2, -16)
                .movImm(R3, 16)
                .movImm(R4, 0)
                .call(FN_RINGBUF_OUTPUT)
                .exit()
                .bytes();
    }

    private static byte[] ctx(long arg) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(arg).array();
    }

    @Test
    void pollDeliversExactlyTheRecordsWritten() {
        try (BpfMap ring = BpfMap.create(MapType.RINGBUF, 0, 0, 4096, 0, "test_ring");
             BpfProgram prog = BpfProgram.load(ProgramType.RAW_TRACEPOINT, emitArgAndMark(ring), "GPL", "emit", 0);
             RingBuffer rb = RingBuffer.open(ring)) {
            List<long[]> got = new ArrayList<>();
            java.util.function.Consumer<ByteBuffer> collect = b -> {
                assertEquals(16, b.remaining());
                got.add(new long[] {b.getLong(), b.getLong()});
            };
            assertEquals(0, rb.poll(0, collect));

            // One at a time, 600 times: 24-byte records wrap around the 4 KiB ring several times.
            for (int i = 0; i < 600; i++) {
                assertEquals(0, prog.testRun(ctx(i)).retval());
                assertEquals(1, rb.poll(1000, collect));
                assertArrayEquals(new long[] {i, MARK}, got.get(got.size() - 1));
            }
            // Several before one poll, in order.
            got.clear();
            for (int i = 0; i < 5; i++) prog.testRun(ctx(1000 + i));
            assertEquals(5 * 24, rb.available());
            assertEquals(5, rb.poll(1000, collect));
            for (int i = 0; i < 5; i++) assertArrayEquals(new long[] {1000 + i, MARK}, got.get(i));
            assertEquals(0, rb.available());
            assertEquals(0, rb.drain(collect));
        }
    }

    @Test
    void fullRingRejectsOutputAndRecovers() {
        try (BpfMap ring = BpfMap.create(MapType.RINGBUF, 0, 0, 4096, 0, "test_full");
             BpfProgram prog = BpfProgram.load(ProgramType.RAW_TRACEPOINT, emitArgAndMark(ring), "GPL", "emit", 0);
             RingBuffer rb = RingBuffer.open(ring)) {
            int accepted = 0;
            for (int i = 0; i < 300; i++) if (prog.testRun(ctx(i)).retval() == 0) accepted++;
            // 4096 / 24 = 170 records fit; the rest were refused with -ENOSPC.
            assertEquals(4096 / 24, accepted);
            AtomicInteger next = new AtomicInteger();
            assertEquals(accepted, rb.drain(b -> assertEquals(next.getAndIncrement(), b.getLong())));
            assertEquals(0, prog.testRun(ctx(7)).retval());
            assertEquals(1, rb.drain(b -> assertEquals(7, b.getLong())));
        }
    }

    @Test
    void wakeupEndsABlockedPoll() throws Exception {
        try (BpfMap ring = BpfMap.create(MapType.RINGBUF, 0, 0, 4096, 0, "test_wake");
             RingBuffer rb = RingBuffer.open(ring)) {
            AtomicInteger result = new AtomicInteger(-1);
            Thread t = new Thread(() -> result.set(rb.poll(-1, b -> {})));
            t.start();
            Thread.sleep(50);
            rb.wakeup();
            t.join(30_000);
            assertFalse(t.isAlive());
            assertEquals(0, result.get());
        }
    }

    @Test
    void recordsFromAnotherThreadWakeThePoller() throws Exception {
        try (BpfMap ring = BpfMap.create(MapType.RINGBUF, 0, 0, 4096, 0, "test_xthread");
             BpfProgram prog = BpfProgram.load(ProgramType.RAW_TRACEPOINT, emitArgAndMark(ring), "GPL", "emit", 0);
             RingBuffer rb = RingBuffer.open(ring)) {
            Thread producer = new Thread(() -> prog.testRun(ctx(77)));
            List<Long> got = new ArrayList<>();
            producer.start();
            while (got.isEmpty()) rb.poll(-1, b -> got.add(b.getLong()));
            producer.join();
            assertEquals(List.of(77L), got);
        }
    }

    @Test
    void openRejectsOtherMaps() {
        try (BpfMap m = BpfMap.create(MapType.ARRAY, 4, 4, 1, 0, "not_ring")) {
            assertThrows(IllegalArgumentException.class, () -> RingBuffer.open(m));
        }
    }

    @Test
    void constructorFromFdAsksTheKernelForTheSize() {
        try (BpfMap ring = BpfMap.create(MapType.RINGBUF, 0, 0, 8192, 0, "test_fd_ring");
             BpfProgram prog = BpfProgram.load(ProgramType.RAW_TRACEPOINT, emitArgAndMark(ring), "GPL", "emit", 0);
             RingBuffer rb = new RingBuffer(ring.fd())) {
            MapInfo info = MapInfo.of(ring.fd());
            assertEquals(new MapInfo(MapType.RINGBUF, info.id(), 0, 0, 8192, 0, "test_fd_ring"), info);
            // 8192 / 24 = 341 records fit: the ring really is 8 KiB.
            int accepted = 0;
            for (int i = 0; i < 400; i++) if (prog.testRun(ctx(i)).retval() == 0) accepted++;
            assertEquals(8192 / 24, accepted);
            assertEquals(accepted, rb.drain(b -> {}));
        }
    }

    @Test
    void closeFromAnotherThreadEndsAPoll() throws Exception {
        // Many rounds with different timings: close before, during and after the poller's wait.
        long epolls = ProcessFds.count(ProcessFds.EVENTPOLL);
        for (int round = 0; round < 60; round++) {
            try (BpfMap ring = BpfMap.create(MapType.RINGBUF, 0, 0, 4096, 0, "test_close")) {
                RingBuffer rb = RingBuffer.open(ring);
                AtomicInteger result = new AtomicInteger(-1);
                Thread t = new Thread(() -> result.set(rb.poll(-1, b -> {})));
                t.start();
                if (round % 3 == 1) Thread.sleep(round % 7);
                rb.close();
                rb.wakeup();
                t.join(30_000);
                assertFalse(t.isAlive(), "poll still blocked in round " + round);
                assertEquals(0, result.get());
                assertEquals(0, rb.poll(10, b -> {}));
                rb.close();
            }
        }
        assertEquals(epolls, ProcessFds.count(ProcessFds.EVENTPOLL));
    }

    @Test
    void closeInsideACallbackStopsTheDrain() {
        try (BpfMap ring = BpfMap.create(MapType.RINGBUF, 0, 0, 4096, 0, "test_cb_close");
             BpfProgram prog = BpfProgram.load(ProgramType.RAW_TRACEPOINT, emitArgAndMark(ring), "GPL", "emit", 0)) {
            RingBuffer rb = RingBuffer.open(ring);
            for (int i = 0; i < 3; i++) prog.testRun(ctx(i));
            List<Long> got = new ArrayList<>();
            assertEquals(1, rb.drain(b -> {
                got.add(b.getLong());
                rb.close();
            }));
            assertEquals(List.of(0L), got);
            assertEquals(0, rb.drain(b -> got.add(b.getLong())));
        }
    }
}
