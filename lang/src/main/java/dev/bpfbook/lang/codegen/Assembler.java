package dev.bpfbook.lang.codegen;

import dev.bpfbook.lang.ast.Span;
import dev.bpfbook.lang.program.MapRelocation;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds one program's instruction stream: labels with forward and backward jumps (patched in
 * {@link #assemble}), map-fd loads recorded as {@link MapRelocation}s, and the source span of every slot.
 */
public final class Assembler {

    /** A jump target. Bound once; jumps to it may come before or after. */
    public static final class Label {
        private int position = -1;
        private final String name;

        private Label(String name) {
            this.name = name;
        }

        public boolean isBound() {
            return position >= 0;
        }

        @Override
        public String toString() {
            return name + "@" + position;
        }
    }

    /** The assembled program. */
    public record Assembled(byte[] insns, List<MapRelocation> relocations, List<Span> spans) {
        public int count() {
            return insns.length / 8;
        }
    }

    /** A jump (patched in {@code off}) or a subprogram reference (patched in {@code imm}). */
    private record Fixup(int index, Label target, boolean inImm) {}

    /** src_reg of a call to a subprogram (BPF_PSEUDO_CALL) and of an ld_imm64 of a subprogram's address (BPF_PSEUDO_FUNC). */
    public static final int PSEUDO_CALL = 1, PSEUDO_FUNC = 4;

    private final List<Insn> insns = new ArrayList<>();
    private final List<Span> spans = new ArrayList<>();
    private final List<Fixup> fixups = new ArrayList<>();
    private final List<MapRelocation> relocations = new ArrayList<>();
    private Span span = Span.NONE;
    private int labelCount;

    /** Source span attributed to the instructions emitted from now on. Returns the previous one. */
    public Span at(Span newSpan) {
        Span old = span;
        if (newSpan != null) span = newSpan;
        return old;
    }

    public int position() {
        return insns.size();
    }

    public Label newLabel(String name) {
        return new Label(name + labelCount++);
    }

    public void bind(Label label) {
        if (label.isBound()) throw new IllegalStateException("label bound twice: " + label);
        label.position = insns.size();
    }

    public void emit(Insn insn) {
        insns.add(insn);
        spans.add(span);
    }

    public void emit(Insn... slots) {
        for (Insn i : slots) emit(i);
    }

    public void ja(Label target) {
        jumpTo(Insn.ja(0), target);
    }

    public void jmpImm(int op, int dst, int imm, Label target) {
        jumpTo(Insn.jmpImm(op, dst, imm, 0), target);
    }

    public void jmpReg(int op, int dst, int src, Label target) {
        jumpTo(Insn.jmpReg(op, dst, src, 0), target);
    }

    private void jumpTo(Insn jump, Label target) {
        fixups.add(new Fixup(insns.size(), target, false));
        emit(jump);
    }

    /** A BPF-to-BPF call of the subprogram starting at {@code target}. */
    public void callFunction(Label target) {
        fixups.add(new Fixup(insns.size(), target, true));
        emit(new Insn(Insn.JMP | Insn.CALL, 0, PSEUDO_CALL, 0, 0));
    }

    /** {@code dst = &subprogram} (a callback for bpf_for_each_map_elem, bpf_loop…). */
    public void ldFunction(int dst, Label target) {
        fixups.add(new Fixup(insns.size(), target, true));
        emit(new Insn(Insn.LD | Insn.DW | Insn.IMM, dst, PSEUDO_FUNC, 0, 0), new Insn(0, 0, 0, 0, 0));
    }

    /** {@code dst = &map}: an ld_imm64 with src_reg BPF_PSEUDO_MAP_FD, relocated to the map's fd at load time. */
    public void ldMap(int dst, String mapName) {
        relocations.add(new MapRelocation(insns.size(), mapName));
        emit(Insn.ldMapFd(dst, 0));
    }

    /** {@code dst = value}, using a 32-bit mov when the value sign-extends from 32 bits. */
    public void movImm(int dst, long value) {
        if (value == (int) value) emit(Insn.mov64Imm(dst, (int) value));
        else emit(Insn.ldImm64(dst, value));
    }

    public void call(Helper helper) {
        emit(Insn.call(helper.id));
    }

    public Assembled assemble() {
        List<Insn> out = new ArrayList<>(insns);
        for (Fixup f : fixups) {
            if (!f.target.isBound()) throw new AssemblyException("jump to unbound label " + f.target.name);
            int delta = f.target.position - (f.index + 1);
            if (delta < Short.MIN_VALUE || delta > Short.MAX_VALUE) {
                throw new AssemblyException("jump from " + f.index + " to " + f.target.position + " is out of range (" + delta + ")");
            }
            Insn old = out.get(f.index);
            out.set(f.index, f.inImm ? new Insn(old.opcode(), old.dst(), old.src(), old.off(), delta) : old.withOff(delta));
        }
        byte[] bytes = new byte[out.size() * 8];
        for (int i = 0; i < out.size(); i++) out.get(i).encode(bytes, i * 8);
        return new Assembled(bytes, relocations, spans);
    }

    /** A program that cannot be encoded (a jump beyond ±32767 slots, a jump to a label never bound). */
    public static final class AssemblyException extends RuntimeException {
        public AssemblyException(String message) {
            super(message);
        }
    }
}
