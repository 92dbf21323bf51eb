package dev.bpfbook.lang.program;

import dev.bpfbook.lang.types.Type;

/**
 * What a map's value means, which decides how per-CPU values are reduced and how it is printed.
 * Aggregations live in per-CPU maps; {@link Plain} values in ordinary hash maps.
 */
public sealed interface ValueKind {
    /** An assigned value of {@code type} ({@code @x = ...}). */
    record Plain(Type type) implements ValueKind {}

    /** count(): one u64 per CPU, summed. */
    record Count() implements ValueKind {}

    /** sum(v): one s64/u64 per CPU, summed. */
    record Sum(boolean signed) implements ValueKind {}

    /** avg(v): {s64 sum, u64 count} per CPU; printed as sum/count (integer division). */
    record Avg(boolean signed) implements ValueKind {}

    /** min(v) / max(v): {s64 value, u64 isSet} per CPU, reduced with min/max over CPUs that set it. */
    record Min(boolean signed) implements ValueKind {}

    record Max(boolean signed) implements ValueKind {}

    /** stats(v): {s64 sum, u64 count} per CPU like avg, printed as count/average/total. */
    record Stats(boolean signed) implements ValueKind {}

    /** hist(v): u64 count per CPU; the map key ends with a u64 bucket index (0 negative, 1 zero, 2+ log2+2). */
    record Hist() implements ValueKind {}

    /** lhist(v, min, max, step): u64 count per CPU; key ends with a u64 bucket (0 below min, then 1+(v-min)/step, capped). */
    record LHist(long min, long max, long step) implements ValueKind {}
}
