package dev.bpfbook.lang.check;

import dev.bpfbook.lang.ast.Span;
import dev.bpfbook.lang.program.ValueKind;
import dev.bpfbook.lang.types.Type;

/**
 * A user map as the checker sees it: the user's key type (null for a scalar map), what its value is,
 * and whether it already lives in the session (then its types are fixed).
 */
public record MapDef(String name, Type keyType, ValueKind kind, boolean fromSession, String origin, Span span) {

    public boolean isAggregation() {
        return !(kind instanceof ValueKind.Plain);
    }

    public boolean hasBucketKey() {
        return kind instanceof ValueKind.Hist || kind instanceof ValueKind.LHist;
    }

    public static String kindName(ValueKind kind) {
        if (kind instanceof ValueKind.Plain p) return TypeNames.full(p.type());
        if (kind instanceof ValueKind.Count) return "count";
        if (kind instanceof ValueKind.Sum) return "sum";
        if (kind instanceof ValueKind.Avg) return "avg";
        if (kind instanceof ValueKind.Min) return "min";
        if (kind instanceof ValueKind.Max) return "max";
        if (kind instanceof ValueKind.Stats) return "stats";
        if (kind instanceof ValueKind.Hist) return "hist";
        return "lhist";
    }
}
