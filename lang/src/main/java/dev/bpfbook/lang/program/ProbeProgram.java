package dev.bpfbook.lang.program;

import dev.bpfbook.lang.ast.Span;

import java.util.List;
import java.util.function.ToIntFunction;

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

    /**
     * The instructions with each map relocation's fd written into its ld_imm64 (src_reg BPF_PSEUDO_MAP_FD).
     * {@code mapFd} gives a map's fd by name; a relocation on any other instruction is a compiler bug.
     */
    public byte[] relocated(ToIntFunction<String> mapFd) {
        byte[] out = insns.clone();
        for (MapRelocation r : relocations) {
            int at = r.insnIndex() * 8;
            if ((out[at] & 0xff) != 0x18 || (out[at + 1] & 0xf0) != 0x10) {
                throw new IllegalStateException(name + ": relocation for " + r.mapName() + " at insn " + r.insnIndex()
                        + " is not an ld_imm64 of a map fd");
            }
            int fd = mapFd.applyAsInt(r.mapName());
            out[at + 4] = (byte) fd;
            out[at + 5] = (byte) (fd >>> 8);
            out[at + 6] = (byte) (fd >>> 16);
            out[at + 7] = (byte) (fd >>> 24);
        }
        return out;
    }
}
