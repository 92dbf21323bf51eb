package dev.bpfbook.runtime;

import dev.bpfbook.lang.codegen.ProgramLayout;
import dev.bpfbook.lang.program.CompiledProgram;
import dev.bpfbook.linux.RingBuffer;
import dev.bpfbook.runtime.attach.Attacher;
import dev.bpfbook.runtime.attach.Attachment;
import dev.bpfbook.runtime.format.JsonLines;
import dev.bpfbook.runtime.format.MapPrinter;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * One program's life in a session: attached, streaming output, until exit(), {@link #interrupt()} or its
 * deadline; then the probes detach, END runs, and the maps it wrote are printed. Closing a run interrupts
 * it and waits, so nothing of it stays attached.
 */
public final class Run implements AutoCloseable {
    private static final int POLL_MS = 50;
    private static final int DETACH_THREADS = 64;

    private final Session session;
    private final LoadedProgram loaded;
    private final RunOptions options;
    private final OutputRecords records;
    private final Output out;
    private final List<Attachment> attachments = new ArrayList<>();
    private final List<LiveMap> ownedMaps;
    private final RingBuffer ring;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopRequested;
    private volatile boolean interrupted;
    private volatile RunResult result;
    private volatile Throwable failure;
    private Thread worker;

    Run(Session session, LoadedProgram loaded, List<LiveMap> ownedMaps, RunOptions options, Output out) {
        this.session = session;
        this.loaded = loaded;
        this.ownedMaps = ownedMaps;
        this.options = options;
        this.out = out;
        LiveMap ringMap = loaded.maps.get(CompiledProgram.OUTPUT_RING);
        this.ring = ringMap == null ? null : new RingBuffer(ringMap.map().fd());
        this.records = new OutputRecords(loaded.compiled.actions(), session, out, this::requestStop, options.unsafe(), options.json());
    }

    /** Attaches every probe, runs BEGIN, and starts streaming. On failure everything is released. */
    void start() {
        out.attaching(probeCount());
        try {
            writeU64(ProgramLayout.START_TIME_MAP, System.nanoTime()); // CLOCK_MONOTONIC, the clock of bpf_ktime_get_ns
            for (LoadedProgram.Loaded p : loaded.programs) {
                String provider = p.spec().attachPoint().provider();
                if (provider.equals("BEGIN") || provider.equals("END")) continue;
                attachments.add(Attacher.forProvider(provider).attach(p.spec().attachPoint(), p.program()));
            }
            runSpecial("BEGIN");
        } catch (RuntimeException | Error e) {
            release();
            finished.countDown();
            throw e;
        }
        worker = new Thread(this::loop, "bpfbook-run");
        worker.setDaemon(true);
        worker.start();
    }

    /** Writes {@code value} at key 0 of a one-slot ARRAY map the program reads, if it uses that map. */
    private void writeU64(String map, long value) {
        LiveMap m = loaded.maps.get(map);
        if (m == null) return;
        byte[] v = new byte[8];
        ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN).putLong(value);
        m.map().update(new byte[4], v, 0);
    }

    /** The child of -c: its pid is what cpid reads. */
    void setChildPid(long pid) {
        writeU64(ProgramLayout.CPID_MAP, pid);
    }

    /** Records the kernel could not put in the output ring (it was full), summed over CPUs. */
    private long lostRecords() {
        LiveMap m = loaded.maps.get(ProgramLayout.LOST_RECORDS_MAP);
        if (m == null) return 0;
        byte[][] perCpu = m.map().lookupPerCpu(new byte[4]);
        long sum = 0;
        if (perCpu != null) {
            for (byte[] v : perCpu) sum += ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN).getLong();
        }
        return sum;
    }

    /** Number of attach points, as bpftrace counts them for "Attaching N probes...". */
    int probeCount() {
        return loaded.programs.size();
    }

    private void runSpecial(String provider) {
        for (LoadedProgram.Loaded p : loaded.programs) {
            if (p.spec().attachPoint().provider().equals(provider)) {
                p.program().testRun(new byte[0]);
            }
        }
    }

    private void loop() {
        long deadline = options.deadline() == null ? Long.MAX_VALUE
                : System.nanoTime() + options.deadline().toNanos();
        try {
            while (!stopRequested && System.nanoTime() < deadline) {
                if (ring != null) {
                    ring.poll((int) Math.min(POLL_MS, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)),
                            records::handle);
                } else {
                    Thread.sleep(POLL_MS);
                }
            }
            detach();
            runSpecial("END");
            if (ring != null) ring.drain(records::handle);
            List<String> shown = switch (options.maps()) {
                case NONE -> List.of();
                case WRITTEN -> session.nonEmpty(loaded.compiled.writtenMaps());
                case ALL -> loaded.compiled.maps().stream().filter(m -> m.isUserMap()).map(m -> m.name())
                        .sorted(MapPrinter.PRINT_ORDER).toList();
            };
            long lost = lostRecords();
            if (lost > 0) {
                out.stderr(options.json() ? JsonLines.lostEvents(lost) : JsonLines.lostEventsText(lost));
            }
            result = new RunResult(session.printMaps(shown, options.json()), shown, lost, interrupted);
        } catch (Throwable t) {
            failure = t;
        } finally {
            release();
            finished.countDown();
        }
    }

    private void requestStop() {
        stopRequested = true;
        if (ring != null) ring.wakeup(); // end a blocked poll now rather than at its timeout
    }

    /** Asks the run to stop as if by SIGINT. Safe from any thread, any number of times. */
    public void interrupt() {
        interrupted = true;
        requestStop();
    }

    /** Blocks until the run has ended (END ran, everything detached) and returns its result. */
    public RunResult await() throws InterruptedException {
        finished.await();
        if (failure != null) {
            throw new RunFailedException("run failed: " + failure.getMessage(), failure);
        }
        return result;
    }

    /** Like {@link #await()} but gives up after {@code timeout}, returning null. */
    public RunResult await(Duration timeout) throws InterruptedException {
        if (!finished.await(timeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS)) return null;
        return await();
    }

    /**
     * Detaching a tracepoint program waits for an RCU grace period in the kernel (tens of ms each), so a
     * wildcard over hundreds of tracepoints would take half a minute one by one; the waits overlap when the
     * closes run side by side.
     */
    private void detach() {
        if (attachments.isEmpty()) return;
        List<RuntimeException> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        int threads = Math.min(attachments.size(), DETACH_THREADS);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "bpfbook-detach");
            t.setDaemon(true);
            return t;
        });
        for (Attachment a : attachments) {
            pool.execute(() -> {
                try {
                    a.close();
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            });
        }
        pool.shutdown();
        boolean interruptedWhileWaiting = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES)) break;
            } catch (InterruptedException e) {
                interruptedWhileWaiting = true; // finish detaching regardless: nothing may stay attached
            }
        }
        if (interruptedWhileWaiting) Thread.currentThread().interrupt();
        attachments.clear();
        if (!failures.isEmpty()) throw failures.get(0);
    }

    private void release() {
        try {
            detach();
        } catch (RuntimeException ignored) {
            // already reported by the loop when it mattered; keep releasing
        }
        if (ring != null) ring.close();
        loaded.close();
        ownedMaps.forEach(m -> m.map().close());
        session.runEnded(this);
    }

    @Override
    public void close() {
        interrupt();
        try {
            finished.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The engine failed while the program was running (not a compile error). */
    public static final class RunFailedException extends RuntimeException {
        RunFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
