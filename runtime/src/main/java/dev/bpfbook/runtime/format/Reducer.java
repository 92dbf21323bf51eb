package dev.bpfbook.runtime.format;

import dev.bpfbook.lang.program.ValueKind;

import static dev.bpfbook.runtime.format.ValueDecoder.readLong;
import static dev.bpfbook.runtime.format.ValueDecoder.writeLong;

/**
 * Folds the per-CPU copies of an aggregation's value into one value with the same layout as a single
 * CPU's: count/sum/hist/lhist counters are added, avg/stats add both {sum, count} fields, and min/max take
 * the extreme over the CPUs that set a value (an {@code isSet} of 0 marks a CPU that never saw the key).
 */
public final class Reducer {
    private Reducer() {}

    /** The distance between CPUs in a per-CPU lookup buffer: the kernel rounds each value up to 8 bytes. */
    public static int stride(int valueSize) {
        return (valueSize + 7) & ~7;
    }

    /** Reduces the buffer BPF_MAP_LOOKUP_ELEM fills for a per-CPU map: {@code ncpus} values at {@link #stride}. */
    public static byte[] reduce(ValueKind kind, byte[] flat, int valueSize, int ncpus) {
        byte[][] perCpu = new byte[ncpus][valueSize];
        int stride = stride(valueSize);
        for (int cpu = 0; cpu < ncpus; cpu++) System.arraycopy(flat, cpu * stride, perCpu[cpu], 0, valueSize);
        return reduce(kind, perCpu);
    }

    public static byte[] reduce(ValueKind kind, byte[][] perCpu) {
        if (perCpu.length == 0) throw new IllegalArgumentException("no CPU values");
        int size = perCpu[0].length;
        byte[] out = new byte[size];
        if (kind instanceof ValueKind.Plain) {
            System.arraycopy(perCpu[0], 0, out, 0, size);
        } else if (kind instanceof ValueKind.Min || kind instanceof ValueKind.Max) {
            boolean max = kind instanceof ValueKind.Max;
            boolean signed = max ? ((ValueKind.Max) kind).signed() : ((ValueKind.Min) kind).signed();
            boolean any = false;
            long best = 0;
            for (byte[] v : perCpu) {
                if (readLong(v, 8) == 0) continue;
                long x = readLong(v, 0);
                int cmp = signed ? Long.compare(x, best) : Long.compareUnsigned(x, best);
                if (!any || (max ? cmp > 0 : cmp < 0)) best = x;
                any = true;
            }
            writeLong(out, 0, best);
            writeLong(out, 8, any ? 1 : 0);
        } else {
            // Counters: every 8-byte field is summed (count/sum/hist/lhist have one, avg/stats two).
            for (int field = 0; field + 8 <= size; field += 8) {
                long total = 0;
                for (byte[] v : perCpu) total += readLong(v, field);
                writeLong(out, field, total);
            }
        }
        return out;
    }
}
