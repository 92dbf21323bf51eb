package dev.bpfbook.lang.check;

import dev.bpfbook.lang.Wildcard;
import dev.bpfbook.lang.ast.AttachPointSpec;
import dev.bpfbook.lang.btf.BtfTypes;
import dev.bpfbook.lang.diag.Diagnostic;
import dev.bpfbook.lang.program.AttachPoint;
import dev.bpfbook.lang.program.ProbeCatalogue;

import java.util.List;
import java.util.regex.Pattern;

/**
 * kprobe/kretprobe/kfunc/kretfunc attach points: {@code kprobe:FUNC[+OFFSET]}, {@code kprobe:MODULE:FUNC},
 * wildcards expanded against the kernel's functions (the catalogue's list, else BTF FUNC names).
 * A kprobe on a name the kernel does not list is still compiled (bpftrace only warns; attaching fails),
 * but a wildcard that matches nothing, and a kfunc without a BTF prototype, are errors.
 */
final class KernelFunctionProbes {
    /** BPF_PROG_TYPE_KPROBE and BPF_PROG_TYPE_TRACING (kfunc = fentry, kretfunc = fexit). */
    static final int PROG_KPROBE = 2, PROG_TRACING = 26;

    private KernelFunctionProbes() {}

    static void resolve(ProbeCatalogue catalogue, String provider, AttachPointSpec spec, List<ProbeResolver.Target> out,
                        List<Diagnostic> errors) {
        List<String> parts = spec.parts();
        if (parts.size() < 2 || parts.size() > 3 || parts.get(parts.size() - 1).isEmpty()) {
            errors.add(Diagnostic.error(spec.span(), provider + " probe must name a function: " + provider + ":FUNCTION"));
            return;
        }
        String wanted = parts.get(parts.size() - 1);
        boolean function = provider.equals("kfunc") || provider.equals("kretfunc");
        int progType = function ? PROG_TRACING : PROG_KPROBE;
        String offset = "";
        int plus = wanted.indexOf('+');
        if (plus > 0) {
            if (function || provider.equals("kretprobe")) {
                errors.add(Diagnostic.error(spec.span(), "Offsets are only supported for kprobe"));
                return;
            }
            offset = wanted.substring(plus);
            wanted = wanted.substring(0, plus);
        }
        boolean wildcard = wanted.contains("*") || wanted.contains("?");
        if (!wildcard) {
            // Only kfuncs need the function list here (a prototype must exist); kprobes attach by name.
            if (function && BtfTypes.of(catalogue).flatMap(t -> t.function(wantedName(spec))).isEmpty()) {
                errors.add(Diagnostic.error(spec.span(), "No matching " + provider + "/function found: " + wanted));
                return;
            }
            out.add(target(provider, wanted + offset, progType));
            return;
        }
        Pattern glob = Wildcard.pattern(wanted);
        for (String f : functions(catalogue)) {
            if (glob.matcher(f).matches()) out.add(target(provider, f, progType));
        }
        if (out.isEmpty()) errors.add(Diagnostic.error(spec.span(), "No matching " + (function ? provider : "kprobe") + "/function found: " + wanted));
    }

    private static String wantedName(AttachPointSpec spec) {
        return spec.parts().get(spec.parts().size() - 1);
    }

    private static ProbeResolver.Target target(String provider, String function, int progType) {
        return new ProbeResolver.Target(new AttachPoint(provider, function, 0, "", provider + ":" + function), progType);
    }

    static List<String> functions(ProbeCatalogue catalogue) {
        List<String> listed = catalogue.kernelFunctions();
        if (!listed.isEmpty()) return listed;
        try {
            return BtfTypes.of(catalogue).map(BtfTypes::functionNames).orElse(List.of());
        } catch (RuntimeException e) {
            return List.of();
        }
    }
}
