package dev.bpfbook.runtime.format;

import dev.bpfbook.lang.program.MapSpec;
import dev.bpfbook.lang.program.ValueKind;
import dev.bpfbook.lang.types.Type;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.bpfbook.runtime.format.ValueDecoder.readLong;

/**
 * Prints one map exactly as bpftrace 0.17 does, at the end of a run or for print(@m, top, div).
 *
 * <p>What we observed (and checked against captured bpftrace output in the tests):
 * <ul>
 * <li>At exit bpftrace first writes "\n\n" (even with no maps, and in JSON mode too), then every map of the
 *   program in name order ("@" before "@a" before "@b"), each followed by its own terminator. That preamble
 *   and the ordering belong to the caller; this class prints one map.</li>
 * <li>An element is {@code @name[k1, k2]: value}; a scalar map has no brackets; string keys are bare. Elements
 *   are separated by "\n" and the map ends with "\n", so plain maps have no blank line between them. When
 *   the value is a stack, symbol or inet address bpftrace uses no separator at all, so keyed elements run
 *   together on one line; we reproduce that.</li>
 * <li>avg() and stats() maps end with "\n\n" (a blank line after them); stats prints
 *   {@code count N, average A, total T}; average is total/count truncated toward zero.</li>
 * <li>hist/lhist elements are {@code @name[key]: } then a newline and one row per bucket from the first
 *   non-zero to the last non-zero bucket; rows are the label left-aligned in 16 columns, the count
 *   right-aligned in 8, " |", a bar of '@' left-aligned in 52, "|". The bar is count/max*52 in single
 *   precision, truncated. Elements are separated by "\n" and the map ends with "\n", which makes the blank
 *   line after each histogram.</li>
 * <li>hist labels: (..., 0) for negatives, [0], [1], then [2^k, 2^(k+1)) with K/M/G/T for powers of 1024.
 *   lhist labels: (..., min), [lo, hi), [max, ...); a multiple of 1024 (or 1048576) prints as K (M).</li>
 * <li>An empty map still prints its terminator: "\n" (or "\n\n" for avg/stats) in text, nothing in JSON.</li>
 * <li>Order: count, sum, min, max and integer maps sort ascending by value; hist/lhist by the total of their
 *   buckets; avg/stats by average; everything else by key (integers compared unsigned, so negative keys come
 *   last; strings bytewise; multi-keys by the first key, then the next). Value sorts are libstdc++'s
 *   unstable std::sort, reproduced by {@link CxxSort}; we start from key-byte order, which is bpftrace's
 *   order for hist/avg/stats and a deterministic stand-in for the kernel's hash order elsewhere.</li>
 * <li>print(@m, top, div): keeps the last {@code top} elements of that order (the largest) and divides
 *   values by {@code div}; for hist only the printed counts are divided, the bars are drawn from the raw
 *   counts. stats maps ignore both.</li>
 * <li>Values print as {@link Value#text()}: strings bare, tuples "(1, ab)", structs "{ .a = 1 }", arrays
 *   "[1,2]", buffers with \xNN escapes. Stacks print one frame per line, indented by 8 as values and by 4
 *   inside keys; pointers print as signed decimals as values but as 0x… in keys.</li>
 * <li>JSON: {@code {"type": "map"|"hist"|"stats", "data": {"@name": V}}} where V is the value for a scalar
 *   map or {@code {"k1,k2": value, ...}} (the key texts joined by "," and escaped); avg maps are "stats"
 *   with the average as value. hist buckets become {"min": lo, "max": hi, "count": n} (bounds computed with
 *   32-bit shifts, so they wrap from 2^31 up). Strings, symbols, stacks and inet addresses are quoted, other
 *   values (MAC addresses, timestamps) are not. Each byte of a non-ASCII character is escaped as the
 *   sign-extended byte (ffffffc3), a bpftrace quirk kept for byte-identical output (see Json).</li>
 * </ul>
 */
public final class MapPrinter {
    private static final int BAR_WIDTH = 52;
    private static final Comparator<byte[]> BYTES = Arrays::compareUnsigned;

    private final ValueDecoder decoder;

    public MapPrinter(ValueDecoder decoder) {
        this.decoder = decoder;
    }

    public MapPrinter() {
        this(new ValueDecoder());
    }

    /** The order bpftrace prints maps in at exit: by name. */
    public static final Comparator<String> PRINT_ORDER = Comparator.naturalOrder();

    /** The end-of-run text of one map. */
    public String text(MapSpec spec, List<MapEntry> entries) {
        return text(spec, entries, 0, 0);
    }

    /** print(@map, top, div); 0 means "all" for top and 1 for div. */
    public String text(MapSpec spec, List<MapEntry> entries, long top, long div) {
        ValueKind kind = spec.value();
        if (div == 0) div = 1;
        List<Row> rows = rows(spec, entries);
        StringBuilder sb = new StringBuilder();
        if (kind instanceof ValueKind.Hist || kind instanceof ValueKind.LHist) {
            List<String> elems = new ArrayList<>();
            for (Row r : top(rows, top)) {
                elems.add(spec.name() + keyText(r) + ": \n" + histText(kind, r.buckets, div));
            }
            sb.append(String.join("\n", elems)).append('\n');
        } else if (kind instanceof ValueKind.Avg || kind instanceof ValueKind.Stats) {
            boolean stats = kind instanceof ValueKind.Stats;
            List<String> elems = new ArrayList<>();
            for (Row r : stats ? rows : top(rows, top)) {
                long sum = r.stats[0], count = r.stats[1], avg = count == 0 ? 0 : sum / count;
                String v = stats ? "count " + count + ", average " + avg + ", total " + sum : Long.toString(avg / div);
                elems.add(spec.name() + keyText(r) + ": " + v);
            }
            sb.append(String.join("\n", elems)).append("\n\n");
        } else {
            String delim = runsTogether(kind) ? "" : "\n";
            List<String> elems = new ArrayList<>();
            for (Row r : top(rows, top)) elems.add(spec.name() + keyText(r) + ": " + divided(r.value, div).text());
            sb.append(String.join(delim, elems)).append('\n');
        }
        return sb.toString();
    }

    public String json(MapSpec spec, List<MapEntry> entries) {
        return json(spec, entries, 0, 0);
    }

    /** The {@code -f json} line for one map (with its trailing newline), or "" for an empty map. */
    public String json(MapSpec spec, List<MapEntry> entries, long top, long div) {
        ValueKind kind = spec.value();
        if (div == 0) div = 1;
        List<Row> rows = rows(spec, entries);
        if (rows.isEmpty()) return "";
        String type;
        List<String> elems = new ArrayList<>();
        if (kind instanceof ValueKind.Hist || kind instanceof ValueKind.LHist) {
            type = "hist";
            for (Row r : top(rows, top)) elems.add(jsonElem(r, histJson(kind, r.buckets, div)));
        } else if (kind instanceof ValueKind.Avg || kind instanceof ValueKind.Stats) {
            type = "stats";
            boolean stats = kind instanceof ValueKind.Stats;
            for (Row r : stats ? rows : top(rows, top)) {
                long sum = r.stats[0], count = r.stats[1], avg = count == 0 ? 0 : sum / count;
                String v = stats ? "{\"count\": " + count + ", \"average\": " + avg + ", \"total\": " + sum + "}"
                        : Long.toString(avg / div);
                elems.add(jsonElem(r, v));
            }
        } else {
            type = "map";
            for (Row r : top(rows, top)) elems.add(jsonElem(r, divided(r.value, div).json()));
        }
        boolean keyed = spec.keyType() != null;
        return "{\"type\": \"" + type + "\", \"data\": {" + Json.quote(spec.name()) + ": " + (keyed ? "{" : "")
                + String.join(", ", elems) + (keyed ? "}" : "") + "}}\n";
    }

    // ---- rows: decoded, grouped and ordered entries ----

    private static final class Row {
        final byte[] key;
        final List<Value> keyArgs;
        Value value;        // plain, count, sum, min, max
        long[] stats;       // {sum, count}
        long[] buckets;     // hist/lhist counts

        Row(byte[] key, List<Value> keyArgs) {
            this.key = key;
            this.keyArgs = keyArgs;
        }
    }

    private List<Row> rows(MapSpec spec, List<MapEntry> entries) {
        ValueKind kind = spec.value();
        List<MapEntry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(MapEntry::key, BYTES));
        List<Row> rows = new ArrayList<>();
        if (kind instanceof ValueKind.Hist || kind instanceof ValueKind.LHist) {
            int nbuckets = kind instanceof ValueKind.LHist l ? (int) ((l.max() - l.min()) / l.step()) + 2 : 65;
            Map<byte[], Row> byKey = new TreeMap<>(BYTES);
            for (MapEntry e : sorted) {
                byte[] k = e.key();
                byte[] prefix = Arrays.copyOf(k, Math.max(0, k.length - 8));
                long bucket = k.length >= 8 ? readLong(k, k.length - 8) : 0;
                Row r = byKey.computeIfAbsent(prefix, p -> newRow(spec, p));
                if (r.buckets == null) r.buckets = new long[nbuckets];
                if (bucket >= 0 && bucket < nbuckets) r.buckets[(int) bucket] = readLong(e.value(), 0);
            }
            rows.addAll(byKey.values());
            // bpftrace sums the buckets into an int64 and compares the totals as uint64.
            CxxSort.sort(rows, (a, b) -> Long.compareUnsigned(total(a.buckets), total(b.buckets)));
            return rows;
        }
        for (MapEntry e : sorted) {
            Row r = newRow(spec, e.key());
            byte[] v = e.value();
            if (kind instanceof ValueKind.Avg || kind instanceof ValueKind.Stats) {
                r.stats = new long[] {readLong(v, 0), readLong(v, 8)};
            } else {
                r.value = scalar(kind, v);
            }
            rows.add(r);
        }
        if (kind instanceof ValueKind.Avg || kind instanceof ValueKind.Stats) {
            CxxSort.sort(rows, Comparator.comparingLong(r -> r.stats[1] == 0 ? 0 : r.stats[0] / r.stats[1]));
        } else if (kind instanceof ValueKind.Plain p && !(p.type() instanceof Type.IntType)) {
            sortByKey(spec.keyType(), rows);
        } else {
            CxxSort.sort(rows, (a, b) -> compareInts((Value.Int) a.value, (Value.Int) b.value));
        }
        return rows;
    }

    private Row newRow(MapSpec spec, byte[] key) {
        Type kt = spec.keyType();
        List<Value> args = new ArrayList<>();
        if (kt instanceof Type.TupleType t) {
            List<Integer> offsets = t.offsets();
            for (int i = 0; i < t.elements().size(); i++) args.add(decoder.decodeKey(t.elements().get(i), key, offsets.get(i)));
        } else if (kt != null) {
            args.add(decoder.decodeKey(kt, key, 0));
        }
        return new Row(key, args);
    }

    private Value scalar(ValueKind kind, byte[] v) {
        if (kind instanceof ValueKind.Plain p) return decoder.decode(p.type(), v, 0);
        if (kind instanceof ValueKind.Count) return new Value.Int(readLong(v, 0), false);
        if (kind instanceof ValueKind.Sum s) return new Value.Int(readLong(v, 0), s.signed());
        if (kind instanceof ValueKind.Min m) return new Value.Int(readLong(v, 0), m.signed());
        if (kind instanceof ValueKind.Max m) return new Value.Int(readLong(v, 0), m.signed());
        throw new IllegalArgumentException("not a scalar value kind: " + kind);
    }

    /** bpftrace's sort_by_key: stable sorts from the last key to the first; integers unsigned, strings bytewise. */
    private static void sortByKey(Type keyType, List<Row> rows) {
        if (keyType == null) return;
        List<Type> args = keyType instanceof Type.TupleType t ? t.elements() : List.of(keyType);
        List<Integer> offsets = keyType instanceof Type.TupleType t ? t.offsets() : List.of(0);
        for (int i = args.size() - 1; i >= 0; i--) {
            Type arg = args.get(i);
            int off = offsets.get(i);
            if (arg instanceof Type.IntType it) {
                // Unsigned compare of the sign-extended value orders like bpftrace's unsigned compare of the raw key.
                rows.sort((a, b) -> Long.compareUnsigned(ValueDecoder.readInt(a.key, off, it.bytes(), it.signed()),
                        ValueDecoder.readInt(b.key, off, it.bytes(), it.signed())));
            } else if (arg instanceof Type.StringType st) {
                rows.sort((a, b) -> strncmp(a.key, b.key, off, st.capacity()));
            }
        }
    }

    private static int strncmp(byte[] a, byte[] b, int off, int n) {
        for (int i = off; i < off + n && i < a.length && i < b.length; i++) {
            int x = a[i] & 0xff, y = b[i] & 0xff;
            if (x != y) return Integer.compare(x, y);
            if (x == 0) return 0;
        }
        return 0;
    }

    private static int compareInts(Value.Int a, Value.Int b) {
        return a.signed() ? Long.compare(a.value(), b.value()) : Long.compareUnsigned(a.value(), b.value());
    }

    private static long total(long[] buckets) {
        long s = 0;
        for (long b : buckets) s += b;
        return s;
    }

    private static List<Row> top(List<Row> rows, long top) {
        if (top > 0 && rows.size() > top) return rows.subList((int) (rows.size() - top), rows.size());
        return rows;
    }

    private static Value divided(Value v, long div) {
        if (div == 1 || !(v instanceof Value.Int i)) return v;
        return new Value.Int(i.signed() ? i.value() / div : Long.divideUnsigned(i.value(), div), i.signed());
    }

    private static boolean runsTogether(ValueKind kind) {
        if (!(kind instanceof ValueKind.Plain p)) return false;
        Type t = p.type();
        return t instanceof Type.StackType || t instanceof Type.SymbolType || t instanceof Type.InetType;
    }

    private static String keyText(Row r) {
        if (r.keyArgs.isEmpty()) return "";
        List<String> parts = new ArrayList<>();
        for (Value v : r.keyArgs) parts.add(v.text());
        return "[" + String.join(", ", parts) + "]";
    }

    private static String jsonElem(Row r, String value) {
        if (r.keyArgs.isEmpty()) return value;
        List<String> parts = new ArrayList<>();
        for (Value v : r.keyArgs) parts.add(v.text());
        return Json.quote(String.join(",", parts)) + ": " + value;
    }

    // ---- histograms ----

    /** First and last bucket with a positive count, and the largest count (bpftrace truncates counts to int here). */
    private record Span(int first, int last, int max) {
        static Span of(long[] buckets, int limit) {
            int first = -1, last = -1, max = 0;
            for (int i = 0; i < limit; i++) {
                int v = (int) buckets[i];
                if (v > 0) {
                    if (first == -1) first = i;
                    last = i;
                }
                if (v > max) max = v;
            }
            return new Span(first, last, max);
        }
    }

    private static String histText(ValueKind kind, long[] buckets, long div) {
        Span s = Span.of(buckets, buckets.length);
        if (s.last == -1) return "";
        StringBuilder sb = new StringBuilder();
        boolean lhist = kind instanceof ValueKind.LHist;
        int nb = buckets.length - 2;
        for (int i = s.first; i <= s.last; i++) {
            String label = lhist ? lhistLabel((ValueKind.LHist) kind, i, nb) : histLabel(i);
            long count = lhist ? buckets[i] : Long.divideUnsigned(buckets[i], div);
            int bar = (int) ((float) buckets[i] / (float) s.max * BAR_WIDTH);
            sb.append(padRight(label, 16)).append(padLeft(Long.toUnsignedString(count), 8)).append(" |")
                    .append(padRight("@".repeat(bar), BAR_WIDTH)).append("|\n");
        }
        return sb.toString();
    }

    private static String histJson(ValueKind kind, long[] buckets, long div) {
        Span s = Span.of(buckets, buckets.length);
        if (s.last == -1) return "[]";
        boolean lhist = kind instanceof ValueKind.LHist;
        int nb = buckets.length - 2;
        List<String> out = new ArrayList<>();
        for (int i = s.first; i <= s.last; i++) {
            String range;
            if (lhist) {
                ValueKind.LHist l = (ValueKind.LHist) kind;
                if (i == 0) range = "\"max\": " + (l.min() - 1) + ", ";
                else if (i == nb + 1) range = "\"min\": " + l.max() + ", ";
                else range = "\"min\": " + ((i - 1) * l.step() + l.min()) + ", \"max\": " + (i * l.step() + l.min() - 1) + ", ";
            } else {
                if (i == 0) range = "\"max\": -1, ";
                else if (i == 1) range = "\"min\": 0, \"max\": 0, ";
                else if (i == 2) range = "\"min\": 1, \"max\": 1, ";
                // bpftrace computes these with a 32-bit shift (the count masked to 5 bits, as x86 and Java
                // do), so from [2G, 4G) up the JSON bounds wrap; we print what it prints.
                else range = "\"min\": " + (1 << (i - 2)) + ", \"max\": " + ((1 << (i - 1)) - 1) + ", ";
            }
            long count = lhist ? buckets[i] : Long.divideUnsigned(buckets[i], div);
            out.add("{" + range + "\"count\": " + Long.toUnsignedString(count) + "}");
        }
        return "[" + String.join(", ", out) + "]";
    }

    static String histLabel(int bucket) {
        if (bucket == 0) return "(..., 0)";
        if (bucket == 1) return "[0]";
        if (bucket == 2) return "[1]";
        return "[" + power(bucket - 2) + ", " + power(bucket - 1) + ")";
    }

    private static String power(int p) {
        String suffix = "";
        for (String s : new String[] {"T", "G", "M", "K"}) {
            int base = switch (s) { case "T" -> 40; case "G" -> 30; case "M" -> 20; default -> 10; };
            if (p >= base) {
                p -= base;
                suffix = s;
                break;
            }
        }
        return (1L << p) + suffix;
    }

    private static String lhistLabel(ValueKind.LHist l, int i, int nb) {
        if (i == 0) return "(..., " + number(l.min()) + ")";
        if (i == nb + 1) return "[" + number(l.max()) + ", ...)";
        return "[" + number((i - 1) * l.step() + l.min()) + ", " + number(i * l.step() + l.min()) + ")";
    }

    private static String number(long n) {
        if (n == 0) return "0";
        if (n % 1048576 == 0) return n / 1048576 + "M";
        if (n % 1024 == 0) return n / 1024 + "K";
        return Long.toString(n);
    }

    private static String padRight(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    private static String padLeft(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }
}
