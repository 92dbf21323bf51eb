package dev.bpfbook.lang.program;

import dev.bpfbook.lang.ast.Span;

import java.util.List;

/**
 * The BPF program for one attach point. {@code functions} is {@link FunctionInfo#NONE} unless the program has
 * subprograms (for-loop callbacks), which the loader must then pass as BTF func_info. {@code insns} are little-endian 8-byte eBPF instructions;
 * {@code insnSpans.get(i)} is the source span that produced instruction i (for verifier errors).
 * {@code progType} is the kernel's BPF_PROG_TYPE_* number.
 */
public record ProbeProgram(String name, AttachPoint attachPoint, int progType, byte[] insns,
                           List<MapRelocation> relocations, List<Span> insnSpans, FunctionInfo functions) {
    public ProbeProgram {
        relocations = List.copyOf(relocations);
        insnSpans = List.copyOf(insnSpans);
        if (functions == null) functions = FunctionInfo.NONE;
    }

    /** A single-function program. */
    public ProbeProgram(String name, AttachPoint attachPoint, int progType, byte[] insns,
                        List<MapRelocation> relocations, List<Span> insnSpans) {
        this(name, attachPoint, progType, insns, relocations, insnSpans, FunctionInfo.NONE);
    }

    public int insnCount() {
        return insns.length / 8;
    }
}
