package dev.bpfbook.lang.codegen;

/**
 * The 512-byte BPF stack of one program, allocated downward from the frame pointer in 8-byte aligned
 * slots. Allocation is a bump with {@link #mark}/{@link #release} so statement temporaries are reused.
 */
public final class StackFrame {
    public static final int LIMIT = 512;

    private int used;
    private int highWater;

    /** Allocates {@code size} bytes (rounded up to 8) and returns the offset from r10 (negative). */
    public int alloc(int size) {
        int rounded = roundUp(Math.max(size, 1));
        if (used + rounded > LIMIT) {
            throw new StackExhausted(used + rounded);
        }
        used += rounded;
        highWater = Math.max(highWater, used);
        return -used;
    }

    public int mark() {
        return used;
    }

    public void release(int mark) {
        if (mark > used) throw new IllegalStateException("release above current use");
        used = mark;
    }

    public int used() {
        return used;
    }

    public int highWater() {
        return highWater;
    }

    public int free() {
        return LIMIT - used;
    }

    public static int roundUp(int size) {
        return (size + 7) & ~7;
    }

    /** The program needs more than the 512 bytes of BPF stack. */
    public static final class StackExhausted extends RuntimeException {
        public StackExhausted(int wanted) {
            super("BPF stack limit exceeded: " + wanted + " of " + LIMIT + " bytes needed");
        }
    }
}
