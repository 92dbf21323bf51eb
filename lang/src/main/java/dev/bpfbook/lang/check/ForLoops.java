package dev.bpfbook.lang.check;

import dev.bpfbook.lang.program.ValueKind;
import dev.bpfbook.lang.types.Type;

/** What a for-loop over a map sees of each entry. */
public final class ForLoops {
    private ForLoops() {}

    /**
     * The type of {@code $kv.1} for a map of this kind, or null when its entries cannot be iterated
     * (hist/lhist keys carry a bucket; avg/min/max/stats values are per-CPU pairs).
     */
    public static Type entryValueType(ValueKind kind) {
        if (kind instanceof ValueKind.Plain p) return p.type();
        if (kind instanceof ValueKind.Count) return Type.U64;
        if (kind instanceof ValueKind.Sum s) return s.signed() ? Type.S64 : Type.U64;
        return null;
    }
}
