package dev.bpfbook.lang.check;

import dev.bpfbook.lang.Wildcard;
import dev.bpfbook.lang.ast.AttachPointSpec;
import dev.bpfbook.lang.diag.Diagnostic;
import dev.bpfbook.lang.program.AttachPoint;
import dev.bpfbook.lang.program.ProbeCatalogue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Canonicalises attach points (aliases, units) and expands wildcards against the probe catalogue. */
public final class ProbeResolver {
    public static final int PROG_TRACEPOINT = 5, PROG_PERF_EVENT = 7, PROG_RAW_TRACEPOINT = 17;

    /** A concrete attach point with the BPF program type that serves it. */
    public record Target(AttachPoint attachPoint, int progType) {}

    private final ProbeCatalogue catalogue;

    public ProbeResolver(ProbeCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** The concrete targets of one written attach point; errors go to {@code errors}. */
    public List<Target> resolve(AttachPointSpec spec, List<Diagnostic> errors) {
        List<String> parts = spec.parts();
        String provider = canonicalProvider(parts.get(0));
        List<Target> out = new ArrayList<>();
        switch (provider) {
            case "BEGIN", "END" -> {
                if (parts.size() != 1) errors.add(Diagnostic.error(spec.span(), provider + " probe does not take arguments"));
                out.add(new Target(new AttachPoint(provider, "", 0, "", provider), PROG_RAW_TRACEPOINT));
            }
            case "tracepoint" -> {
                if (parts.size() != 3) {
                    errors.add(Diagnostic.error(spec.span(), "tracepoint probe must have a category and a name: tracepoint:CATEGORY:NAME"));
                    break;
                }
                String wanted = parts.get(1) + ":" + parts.get(2);
                Pattern glob = Wildcard.pattern(wanted);
                for (String tp : catalogue.tracepoints()) {
                    if (glob.matcher(tp).matches()) {
                        out.add(new Target(new AttachPoint("tracepoint", tp, 0, "", "tracepoint:" + tp), PROG_TRACEPOINT));
                    }
                }
                if (out.isEmpty()) {
                    errors.add(Diagnostic.error(spec.span(), wanted.contains("*") || wanted.contains("?")
                            ? "tracepoints not found: " + wanted : "tracepoint not found: " + wanted));
                }
            }
            case "interval", "profile" -> {
                String unit;
                String count;
                if (parts.size() == 3) {
                    unit = parts.get(1);
                    count = parts.get(2);
                } else if (parts.size() == 2) {
                    unit = provider.equals("profile") ? "hz" : "ms";
                    count = parts.get(1);
                } else {
                    errors.add(Diagnostic.error(spec.span(), provider + " probe must have a unit and a rate, e.g. " + provider + ":hz:99"));
                    break;
                }
                java.util.OptionalLong parsed = count(count);
                if (parsed.isEmpty()) {
                    errors.add(Diagnostic.error(spec.span(), "Invalid rate of " + provider + " probe: " + count));
                    break;
                }
                long n = parsed.getAsLong();
                if (n <= 0) {
                    errors.add(Diagnostic.error(spec.span(), "Invalid rate of " + provider + " probe: " + count));
                    break;
                }
                long perUnit = switch (unit) {
                    case "s" -> 1_000_000_000L;
                    case "ms" -> 1_000_000L;
                    case "us" -> 1_000L;
                    case "hz" -> 0;
                    default -> -1;
                };
                if (perUnit < 0) {
                    errors.add(Diagnostic.error(spec.span(), unit + " is not an accepted unit of time"));
                    break;
                }
                long value;
                if (provider.equals("interval")) value = perUnit == 0 ? 1_000_000_000L / n : perUnit * n;
                else value = perUnit == 0 ? n : perUnit * n;
                String name = provider + ":" + unit + ":" + n;
                out.add(new Target(new AttachPoint(provider, "", value, unit, name), PROG_PERF_EVENT));
            }
            case "kprobe", "kretprobe", "kfunc", "kretfunc" -> KernelFunctionProbes.resolve(catalogue, provider, spec, out, errors);
            case "uprobe", "uretprobe", "usdt", "software", "hardware", "rawtracepoint", "watchpoint", "asyncwatchpoint", "iter" ->
                    EventProbes.resolve(catalogue, provider, spec, out, errors);
            default -> errors.add(Diagnostic.error(spec.span(), "Invalid probe type: " + parts.get(0)));
        }
        return out;
    }

    /** The canonical provider name of a written one ("t" is tracepoint); see {@link ProbeTypes}. */
    public static String canonicalProvider(String written) {
        return ProbeTypes.canonical(written);
    }

    private static final Pattern SCIENTIFIC = Pattern.compile("(\\d+)[eE](\\d+)");

    /**
     * A rate, period or count in an attach point: decimal digits, or an integer in scientific notation
     * ("1e6", as bpftrace accepts). Empty when the text is neither or does not fit in a long.
     */
    static java.util.OptionalLong count(String text) {
        try {
            if (text.matches("\\d+")) return java.util.OptionalLong.of(Long.parseLong(text));
            var m = SCIENTIFIC.matcher(text);
            if (!m.matches()) return java.util.OptionalLong.empty();
            return java.util.OptionalLong.of(new java.math.BigDecimal(m.group(1)).scaleByPowerOfTen(Integer.parseInt(m.group(2)))
                    .toBigIntegerExact().longValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
            return java.util.OptionalLong.empty();
        }
    }

}
