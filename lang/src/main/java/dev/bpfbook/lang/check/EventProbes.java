package dev.bpfbook.lang.check;

import dev.bpfbook.lang.Wildcard;
import dev.bpfbook.lang.ast.AttachPointSpec;
import dev.bpfbook.lang.diag.Diagnostic;
import dev.bpfbook.lang.program.AttachPoint;
import dev.bpfbook.lang.program.ProbeCatalogue;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Attach points of uprobe/uretprobe, usdt, software, hardware, rawtracepoint, watchpoint/asyncwatchpoint
 * and iter: how each is written, checked and (where the catalogue can) expanded.
 */
final class EventProbes {
    static final int PROG_KPROBE = 2;

    private EventProbes() {}

    /** Software events with bpftrace's default sample periods, under their names and aliases. */
    static final Map<String, Long> SOFTWARE = new LinkedHashMap<>();
    /** Hardware events with bpftrace's default sample periods. */
    static final Map<String, Long> HARDWARE = new LinkedHashMap<>();

    static {
        for (String n : List.of("cpu-clock", "cpu", "task-clock")) SOFTWARE.put(n, 1_000_000L);
        for (String n : List.of("page-faults", "faults", "minor-faults")) SOFTWARE.put(n, 100L);
        for (String n : List.of("context-switches", "cs")) SOFTWARE.put(n, 1000L);
        for (String n : List.of("cpu-migrations", "migrations", "major-faults", "alignment-faults", "emulation-faults",
                "dummy", "bpf-output")) SOFTWARE.put(n, 1L);
        for (String n : List.of("cpu-cycles", "cycles", "instructions", "cache-references", "cache-misses", "frontend-stalls",
                "backend-stalls", "ref-cycles")) HARDWARE.put(n, 1_000_000L);
        for (String n : List.of("branch-instructions", "branches", "branch-misses", "bus-cycles")) HARDWARE.put(n, 100_000L);
    }

    static void resolve(ProbeCatalogue catalogue, String provider, AttachPointSpec spec, List<ProbeResolver.Target> out,
                        List<Diagnostic> errors) {
        List<String> parts = spec.parts();
        switch (provider) {
            case "software", "hardware" -> perfEvent(provider, spec, out, errors);
            case "uprobe", "uretprobe" -> uprobe(catalogue, provider, spec, out, errors);
            case "rawtracepoint" -> rawTracepoint(catalogue, spec, out, errors);
            case "watchpoint", "asyncwatchpoint" -> watchpoint(provider, spec, out, errors);
            case "usdt" -> usdt(catalogue, spec, out, errors);
            case "iter" -> errors.add(Diagnostic.error(spec.span(), parts.size() == 2
                    ? "iter probes are not supported yet" : "iter probe must be written iter:NAME, e.g. iter:task"));
            default -> errors.add(Diagnostic.error(spec.span(), "Invalid probe type: " + parts.get(0)));
        }
    }

    /** software:EVENT[:PERIOD] and hardware:EVENT[:PERIOD]: a perf event sampled every PERIOD occurrences. */
    private static void perfEvent(String provider, AttachPointSpec spec, List<ProbeResolver.Target> out, List<Diagnostic> errors) {
        List<String> parts = spec.parts();
        if (parts.size() < 2 || parts.size() > 3) {
            errors.add(Diagnostic.error(spec.span(), provider + " probe must be written " + provider + ":EVENT[:PERIOD]"));
            return;
        }
        Map<String, Long> events = provider.equals("software") ? SOFTWARE : HARDWARE;
        String event = parts.get(1);
        Long period = events.get(event);
        if (period == null) {
            errors.add(Diagnostic.error(spec.span(), "Invalid " + provider + " event: " + event));
            return;
        }
        if (parts.size() == 3) {
            period = ProbeResolver.count(parts.get(2)).orElse(-1L);
            if (period <= 0) {
                errors.add(Diagnostic.error(spec.span(), "Invalid count for " + provider + " probe: " + parts.get(2)));
                return;
            }
        }
        // bpftrace names the probe with the count as a plain integer ("1e6" prints as 1000000).
        String name = provider + ":" + event + (parts.size() == 3 ? ":" + period : "");
        out.add(new ProbeResolver.Target(new AttachPoint(provider, event, period, "", name), ProbeResolver.PROG_PERF_EVENT));
    }

    /**
     * uprobe:PATH:FUNC (also FUNC+OFFSET and a numeric address). FUNC wildcards expand against the ELF
     * symbols the catalogue lists; a plain name is taken as written when the symbols are unknown.
     */
    private static void uprobe(ProbeCatalogue catalogue, String provider, AttachPointSpec spec, List<ProbeResolver.Target> out,
                               List<Diagnostic> errors) {
        List<String> parts = spec.parts();
        if (parts.size() != 3 || parts.get(1).isEmpty() || parts.get(2).isEmpty()) {
            errors.add(Diagnostic.error(spec.span(), provider + " probe must be written " + provider + ":PATH:FUNCTION"));
            return;
        }
        String path = parts.get(1);
        String function = parts.get(2);
        Set<String> functions = new LinkedHashSet<>();
        if (function.contains("*") || function.contains("?")) {
            Pattern glob = Wildcard.pattern(function);
            for (String f : catalogue.userFunctions(path)) if (glob.matcher(f).matches()) functions.add(f);
            if (functions.isEmpty()) {
                errors.add(Diagnostic.error(spec.span(), "No " + provider + " targets matched " + path + ":" + function));
                return;
            }
        } else {
            List<String> known = catalogue.userFunctions(path);
            String base = function.contains("+") ? function.substring(0, function.indexOf('+')) : function;
            boolean address = base.matches("0x[0-9a-fA-F]+|\\d+");
            if (!known.isEmpty() && !address && !known.contains(base)) {
                errors.add(Diagnostic.error(spec.span(), "Could not resolve symbol: " + path + ":" + base));
                return;
            }
            functions.add(function);
        }
        for (String f : functions) {
            String target = path + ":" + f;
            out.add(new ProbeResolver.Target(new AttachPoint(provider, target, 0, "", provider + ":" + target), PROG_KPROBE));
        }
    }

    /**
     * usdt:PATH:PROVIDER:NAME (or usdt:PATH:NAME, any provider): one target per probe site in the file's
     * {@code .note.stapsdt}, with the site's address as the attach point's value. Wildcards expand against
     * the notes. A plain name with no note is still compiled (bpftrace 0.17 checks it too, then finds no
     * probe to attach); its value is 0 and attaching it fails.
     */
    private static void usdt(ProbeCatalogue catalogue, AttachPointSpec spec, List<ProbeResolver.Target> out, List<Diagnostic> errors) {
        List<String> parts = spec.parts();
        if ((parts.size() != 3 && parts.size() != 4) || parts.stream().anyMatch(String::isEmpty)) {
            errors.add(Diagnostic.error(spec.span(), "usdt probe must be written usdt:PATH:[PROVIDER:]NAME"));
            return;
        }
        String path = parts.get(1);
        String provider = parts.size() == 4 ? parts.get(2) : "*";
        String name = parts.get(parts.size() - 1);
        Pattern providerGlob = Wildcard.pattern(provider), nameGlob = Wildcard.pattern(name);
        for (ProbeCatalogue.UsdtProbe site : catalogue.usdtProbes(path)) {
            if (!providerGlob.matcher(site.provider()).matches() || !nameGlob.matcher(site.name()).matches()) continue;
            String target = path + ":" + site.provider() + ":" + site.name();
            out.add(new ProbeResolver.Target(new AttachPoint("usdt", target, site.address(), "", "usdt:" + target), PROG_KPROBE));
        }
        if (!out.isEmpty()) return;
        boolean wildcard = (provider + name).contains("*") || (provider + name).contains("?");
        if (wildcard && parts.size() == 4 || name.contains("*") || name.contains("?")) {
            errors.add(Diagnostic.error(spec.span(), "No usdt probes matched " + path + ":" + (parts.size() == 4 ? provider + ":" : "") + name));
            return;
        }
        String target = path + ":" + (parts.size() == 4 ? provider + ":" : "") + name;
        out.add(new ProbeResolver.Target(new AttachPoint("usdt", target, 0, "", "usdt:" + target), PROG_KPROBE));
    }

    /** rawtracepoint:NAME (or rawtracepoint:CATEGORY:NAME): a tracepoint's raw arguments, arg0…argN. */
    private static void rawTracepoint(ProbeCatalogue catalogue, AttachPointSpec spec, List<ProbeResolver.Target> out,
                                      List<Diagnostic> errors) {
        List<String> parts = spec.parts();
        if (parts.size() < 2 || parts.size() > 3) {
            errors.add(Diagnostic.error(spec.span(), "rawtracepoint probe must be written rawtracepoint:NAME"));
            return;
        }
        String wanted = parts.get(parts.size() - 1);
        Pattern glob = Wildcard.pattern(wanted);
        Pattern category = parts.size() == 3 ? Wildcard.pattern(parts.get(1)) : null;
        Set<String> names = new LinkedHashSet<>();
        for (String tp : catalogue.tracepoints()) {
            int colon = tp.indexOf(':');
            String name = tp.substring(colon + 1);
            if (glob.matcher(name).matches() && (category == null || category.matcher(tp.substring(0, colon)).matches())) names.add(name);
        }
        if (names.isEmpty()) {
            errors.add(Diagnostic.error(spec.span(), "rawtracepoint not found: " + wanted));
            return;
        }
        for (String n : names) {
            out.add(new ProbeResolver.Target(new AttachPoint("rawtracepoint", n, 0, "", "rawtracepoint:" + n), ProbeResolver.PROG_RAW_TRACEPOINT));
        }
    }

    /** watchpoint:ADDRESS:LENGTH:MODE with LENGTH 1, 2, 4 or 8 and MODE a combination of r, w, x. */
    private static void watchpoint(String provider, AttachPointSpec spec, List<ProbeResolver.Target> out, List<Diagnostic> errors) {
        List<String> parts = spec.parts();
        if (parts.size() != 4) {
            errors.add(Diagnostic.error(spec.span(), provider + " probe must be written " + provider + ":ADDRESS:LENGTH:MODE"));
            return;
        }
        long address;
        int length;
        try {
            address = Long.decode(parts.get(1));
        } catch (NumberFormatException e) {
            errors.add(Diagnostic.error(spec.span(), "Invalid " + provider + " address: " + parts.get(1)));
            return;
        }
        try {
            length = Integer.parseInt(parts.get(2));
        } catch (NumberFormatException e) {
            length = -1;
        }
        if (length != 1 && length != 2 && length != 4 && length != 8) {
            errors.add(Diagnostic.error(spec.span(), "Invalid " + provider + " length: " + parts.get(2) + " (1, 2, 4 or 8)"));
            return;
        }
        String mode = parts.get(3);
        if (mode.isEmpty() || !mode.matches("[rwx]+") || mode.chars().distinct().count() != mode.length()) {
            errors.add(Diagnostic.error(spec.span(), provider + " mode must be a combination of (r,w,x): " + mode));
            return;
        }
        String target = "0x" + Long.toHexString(address) + ":" + length + ":" + mode;
        out.add(new ProbeResolver.Target(new AttachPoint(provider, target, 0, "", provider + ":" + target), ProbeResolver.PROG_PERF_EVENT));
    }
}
