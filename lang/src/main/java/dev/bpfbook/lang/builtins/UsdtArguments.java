package dev.bpfbook.lang.builtins;

import dev.bpfbook.lang.program.AttachPoint;
import dev.bpfbook.lang.program.ProbeCatalogue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The arguments of a USDT probe site, from the x86-64 specs in its stapsdt note ("-4@%edi 8@-8(%rbp) 4@$5"):
 * each is {@code [-]SIZE@OPERAND}, the sign saying whether the value is signed. Operands read a register of the
 * probed context, a constant, or {@code SIZE} bytes of user memory at a register plus a displacement.
 * Indexed ({@code (%rax,%rbx,8)}) and rip-relative operands are not supported.
 */
public final class UsdtArguments {
    private UsdtArguments() {}

    /** One argument: {@code register} is a pt_regs offset (-1 for constants); memory operands add {@code displacement}. */
    public record Arg(int size, boolean signed, Kind kind, int register, long displacement) {
        public enum Kind { REGISTER, CONSTANT, MEMORY }
    }

    /** Offsets in x86-64 struct pt_regs of each register, under all the names its low parts have. */
    private static final Map<String, Integer> REGISTERS = registers();

    private static Map<String, Integer> registers() {
        Map<String, Integer> m = new java.util.HashMap<>();
        String[][] legacy = {{"ax", "80", "al"}, {"bx", "40", "bl"}, {"cx", "88", "cl"}, {"dx", "96", "dl"},
                {"si", "104", "sil"}, {"di", "112", "dil"}, {"bp", "32", "bpl"}, {"sp", "152", "spl"}};
        for (String[] r : legacy) {
            int off = Integer.parseInt(r[1]);
            for (String n : List.of("r" + r[0], "e" + r[0], r[0], r[2])) m.put(n, off);
        }
        int[] numbered = {72, 64, 56, 48, 24, 16, 8, 0}; // r8..r15
        for (int i = 0; i < numbered.length; i++) {
            String n = "r" + (8 + i);
            for (String suffix : List.of("", "d", "w", "b")) m.put(n + suffix, numbered[i]);
        }
        m.put("rip", 128);
        return Map.copyOf(m);
    }

    private static final Pattern SPEC = Pattern.compile("(-?)(1|2|4|8)@(.+)");
    private static final Pattern MEMORY = Pattern.compile("(-?(?:0x[0-9a-fA-F]+|\\d+))?\\(%(\\w+)\\)");

    /** Parses a note's argument text; empty when one of its operands is of a form not supported. */
    public static Optional<List<Arg>> parse(String text) {
        List<Arg> out = new ArrayList<>();
        if (text.isBlank()) return Optional.of(out);
        for (String spec : text.trim().split("\\s+")) {
            Matcher m = SPEC.matcher(spec);
            if (!m.matches()) return Optional.empty();
            int size = Integer.parseInt(m.group(2));
            boolean signed = !m.group(1).isEmpty();
            String op = m.group(3);
            if (op.startsWith("%")) {
                Integer reg = REGISTERS.get(op.substring(1));
                if (reg == null) return Optional.empty();
                out.add(new Arg(size, signed, Arg.Kind.REGISTER, reg, 0));
            } else if (op.startsWith("$")) {
                try {
                    out.add(new Arg(size, signed, Arg.Kind.CONSTANT, -1, Long.decode(op.substring(1))));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            } else {
                Matcher mm = MEMORY.matcher(op);
                if (!mm.matches() || !REGISTERS.containsKey(mm.group(2)) || mm.group(2).equals("rip")) return Optional.empty();
                long disp = mm.group(1) == null ? 0 : Long.decode(mm.group(1));
                out.add(new Arg(size, signed, Arg.Kind.MEMORY, REGISTERS.get(mm.group(2)), disp));
            }
        }
        return Optional.of(out);
    }

    /** The note of a resolved usdt attach point: the site in its file at the attach point's address. */
    public static Optional<ProbeCatalogue.UsdtProbe> site(ProbeCatalogue catalogue, AttachPoint ap) {
        if (ap.value() == 0) return Optional.empty();
        String path = ap.target().substring(0, ap.target().indexOf(':'));
        return catalogue.usdtProbes(path).stream().filter(p -> p.address() == ap.value()).findFirst();
    }
}
