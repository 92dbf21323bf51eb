package dev.bpfbook.lang.check;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The probe providers the language knows: the canonical name, the other ways to write it and one line of
 * documentation. The checker canonicalises attach points with it; completion and help read it.
 */
public final class ProbeTypes {
    private ProbeTypes() {}

    /** A provider, e.g. {@code tracepoint} written also {@code t}. */
    public record ProbeType(String name, List<String> aliases, String doc) {
        public ProbeType {
            aliases = List.copyOf(aliases);
        }
    }

    private static final List<ProbeType> ALL = List.of(
            new ProbeType("BEGIN", List.of(), "BEGIN: runs once, before any other probe fires"),
            new ProbeType("END", List.of(), "END: runs once at the end (exit() or an interrupt), before maps are printed"),
            new ProbeType("kprobe", List.of("k"), "kprobe:function: entry of a kernel function (arguments in arg0..arg5)"),
            new ProbeType("kretprobe", List.of("kr"), "kretprobe:function: return of a kernel function (retval)"),
            new ProbeType("uprobe", List.of("u"), "uprobe:binary:function: entry of a user-space function (arg0..arg5)"),
            new ProbeType("uretprobe", List.of("ur"), "uretprobe:binary:function: return of a user-space function (retval)"),
            new ProbeType("usdt", List.of("U"), "usdt:binary:[provider:]probe: a user statically defined tracepoint"),
            new ProbeType("tracepoint", List.of("t"), "tracepoint:category:event: a static kernel tracepoint (fields in args->NAME)"),
            new ProbeType("rawtracepoint", List.of("rt"), "rawtracepoint:event: a raw kernel tracepoint (raw arguments in arg0..)"),
            new ProbeType("profile", List.of("p"), "profile:hz:N, profile:s:N, profile:ms:N, profile:us:N: timed sampling on every CPU"),
            new ProbeType("interval", List.of("i"), "interval:s:N, interval:ms:N, interval:us:N, interval:hz:N: a timer on one CPU"),
            new ProbeType("software", List.of("s"), "software:event[:count]: a kernel software event (cpu-clock, page-faults, ...)"),
            new ProbeType("hardware", List.of("h"), "hardware:event[:count]: a hardware PMU event (cycles, cache-misses, ...)"),
            new ProbeType("watchpoint", List.of("w"), "watchpoint:address:length:mode: a hardware watchpoint on memory"),
            new ProbeType("asyncwatchpoint", List.of("aw"), "asyncwatchpoint:address:length:mode: a watchpoint whose action runs later"),
            new ProbeType("kfunc", List.of("f", "fentry"), "kfunc:function (also fentry): entry of a kernel function through BTF, typed args"),
            new ProbeType("kretfunc", List.of("fr", "fexit"), "kretfunc:function (also fexit): return of a kernel function through BTF, retval and args"),
            new ProbeType("iter", List.of("it"), "iter:task, iter:task_file, ...: a BPF iterator over kernel objects"));

    /** Every provider, in the order above. */
    public static List<ProbeType> all() {
        return ALL;
    }

    /**
     * The provider written as {@code written}: its name or an alias exactly ("U" is usdt, "u" uprobe), else,
     * leniently, ignoring case for the lower-case providers (BEGIN and END must be written in capitals).
     */
    public static Optional<ProbeType> lookup(String written) {
        for (ProbeType t : ALL) {
            if (t.name().equals(written) || t.aliases().contains(written)) return Optional.of(t);
        }
        String lower = written.toLowerCase(Locale.ROOT);
        for (ProbeType t : ALL) {
            if (t.name().equals("BEGIN") || t.name().equals("END")) continue;
            if (t.name().equals(lower) || t.aliases().contains(lower)) return Optional.of(t);
        }
        return Optional.empty();
    }

    /** The canonical name of the provider written as {@code written}, or {@code written} when unknown. */
    public static String canonical(String written) {
        return lookup(written).map(ProbeType::name).orElse(written);
    }
}
