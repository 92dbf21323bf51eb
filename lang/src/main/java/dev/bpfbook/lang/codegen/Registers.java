package dev.bpfbook.lang.codegen;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Allocates the callee-saved registers r7–r9 to expression temporaries (r6 holds the context, r0–r5
 * are scratch around helper calls). When all three are taken, the least recently used temporary is
 * spilled to a stack slot and reloaded on its next use. Temporaries therefore survive helper calls.
 */
public final class Registers {
    public static final int CTX = 6;
    private static final int[] POOL = {7, 8, 9};

    /** A 64-bit value being computed: in a register, or spilled to {@code slot} (fp offset). */
    public static final class Temp {
        private int reg = -1;
        private int slot;
        private boolean live = true;
        private long lastUse;

        public boolean inRegister() {
            return reg >= 0;
        }
    }

    private final Assembler asm;
    private final StackFrame frame;
    private final Temp[] holder = new Temp[11];
    private final List<Temp> live = new ArrayList<>();
    private long clock;

    public Registers(Assembler asm, StackFrame frame) {
        this.asm = asm;
        this.frame = frame;
    }

    /** A new temporary in a register (its value is undefined until written). */
    public Temp alloc() {
        Temp t = new Temp();
        live.add(t);
        place(t, freeRegister(null));
        return t;
    }

    /** The register holding {@code t}, reloading it if spilled. Valid until the next alloc/reg call. */
    public int reg(Temp t) {
        check(t);
        t.lastUse = ++clock;
        if (t.reg < 0) {
            int r = freeRegister(t);
            asm.emit(Insn.ldx(Insn.DW, r, Insn.FP, t.slot));
            place(t, r);
        }
        return t.reg;
    }

    /** Registers of two temporaries, both loaded at once. */
    public int[] regs(Temp a, Temp b) {
        reg(a);
        a.lastUse = Long.MAX_VALUE; // pin a while b is reloaded
        reg(b);
        a.lastUse = ++clock;
        return new int[] {a.reg, b.reg};
    }

    public void free(Temp t) {
        if (t == null || !t.live) return;
        t.live = false;
        live.remove(t);
        if (t.reg >= 0) holder[t.reg] = null;
        t.reg = -1;
    }

    public int liveCount() {
        return live.size();
    }

    /** Where each live temporary is, to undo spills made on one path of a branch. */
    public Map<Temp, Integer> snapshot() {
        Map<Temp, Integer> s = new IdentityHashMap<>();
        for (Temp t : live) s.put(t, t.reg);
        return s;
    }

    /**
     * Puts temporaries back where {@code snapshot} had them, emitting reloads for those spilled since.
     * Called at the end of a conditional path so both paths reach the join with the same allocation.
     */
    public void restore(Map<Temp, Integer> snapshot) {
        for (Temp t : new ArrayList<>(live)) {
            if (!snapshot.containsKey(t)) throw new IllegalStateException("temporary leaked out of a branch");
        }
        // First spill again what was spilled at the snapshot: that frees registers for the moves below.
        List<Temp> moves = new ArrayList<>();
        for (var e : snapshot.entrySet()) {
            Temp t = e.getKey();
            int want = e.getValue();
            if (!t.live || t.reg == want) continue;
            if (want < 0) { // was spilled, has been reloaded (maybe changed) since: spill it again
                asm.emit(Insn.stx(Insn.DW, Insn.FP, t.slot, t.reg));
                holder[t.reg] = null;
                t.reg = -1;
            } else {
                moves.add(t);
            }
        }
        // Then put each temporary back in its register: a move waits while its register holds a temporary
        // that must itself move; a cycle of such moves is broken by spilling one of them.
        while (!moves.isEmpty()) {
            boolean progress = false;
            for (var it = moves.iterator(); it.hasNext(); ) {
                Temp t = it.next();
                int want = snapshot.get(t);
                if (holder[want] != null) continue;
                if (t.reg >= 0) {
                    asm.emit(Insn.mov64Reg(want, t.reg));
                    holder[t.reg] = null;
                } else {
                    asm.emit(Insn.ldx(Insn.DW, want, Insn.FP, t.slot));
                }
                place(t, want);
                it.remove();
                progress = true;
            }
            if (!progress) {
                // Every waiting move waits on a register: some of them hold registers in a cycle.
                Temp t = moves.stream().filter(Temp::inRegister).findFirst().orElseThrow();
                if (t.slot == 0) t.slot = frame.alloc(8);
                asm.emit(Insn.stx(Insn.DW, Insn.FP, t.slot, t.reg));
                holder[t.reg] = null;
                t.reg = -1;
            }
        }
    }

    private void place(Temp t, int r) {
        t.reg = r;
        holder[r] = t;
        t.lastUse = ++clock;
    }

    private int freeRegister(Temp forWhom) {
        for (int r : POOL) if (holder[r] == null) return r;
        Temp victim = null;
        for (int r : POOL) {
            Temp t = holder[r];
            if (t != forWhom && (victim == null || t.lastUse < victim.lastUse)) victim = t;
        }
        if (victim.slot == 0) victim.slot = frame.alloc(8);
        asm.emit(Insn.stx(Insn.DW, Insn.FP, victim.slot, victim.reg));
        int r = victim.reg;
        holder[r] = null;
        victim.reg = -1;
        return r;
    }

    private static void check(Temp t) {
        if (!t.live) throw new IllegalStateException("use of a freed temporary");
    }
}
