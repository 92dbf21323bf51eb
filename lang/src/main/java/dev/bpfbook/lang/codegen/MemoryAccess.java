package dev.bpfbook.lang.codegen;

import dev.bpfbook.lang.ast.Expr;
import dev.bpfbook.lang.ast.UnaryOp;
import dev.bpfbook.lang.builtins.ProbeArguments;
import dev.bpfbook.lang.check.CTypes;
import dev.bpfbook.lang.check.Resolution;
import dev.bpfbook.lang.check.TracepointFormat;
import dev.bpfbook.lang.types.Type;

import static dev.bpfbook.lang.codegen.Insn.*;

/**
 * Code for C-level expressions: casts, {@code *p}, {@code &x}, {@code ->} and {@code .} field reads,
 * {@code a[i]}, and the constants the checker resolved (sizeof, offsetof, enum names).
 * <p>
 * A chain such as {@code $sk->__sk_common.skc_v6_daddr.in6_u.u6_addr8} is folded into one {@link Place}
 * (a pointer in a temporary plus a constant offset) and read with a single bpf_probe_read_kernel
 * (bpf_probe_read_user for user pointers) of just the bytes needed, into a stack slot. Integers and
 * pointers then go to a temporary; records, arrays and strings stay on the stack.
 */
final class MemoryAccess {
    private final ProbeEmitter e;

    MemoryAccess(ProbeEmitter e) {
        this.e = e;
    }

    /** Where an expression's bytes are: in kernel/user memory at {@code base + offset}, or on the stack. */
    private sealed interface Place {
        Place plus(int delta);
    }

    private record Remote(Registers.Temp base, int offset, boolean user) implements Place {
        public Place plus(int delta) {
            return new Remote(base, offset + delta, user);
        }
    }

    private record Stack(int offset) implements Place {
        public Place plus(int delta) {
            return new Stack(offset + delta);
        }
    }

    /** Whether {@code x} is a C-level expression emitted here (tracepoint args fields stay with the probe emitter). */
    boolean handles(Expr x) {
        if (x instanceof Expr.Cast || x instanceof Expr.SizeOf || x instanceof Expr.OffsetOf) return true;
        if (x instanceof Expr.Unary u) return u.op() == UnaryOp.DEREF || u.op() == UnaryOp.ADDR;
        if (x instanceof Expr.Identifier) return e.types().resolution(x) instanceof Resolution.Constant;
        if (x instanceof Expr.FieldAccess f) return !(isArgs(f.base()) && e.tracepoint() != null);
        if (x instanceof Expr.Index ix) {
            // Only arrays inside a tracepoint record are read by the probe emitter; pointer fields index memory.
            return !(ix.base() instanceof Expr.FieldAccess f && isArgs(f.base()) && e.tracepoint() != null
                    && e.tracepoint().field(f.field()).filter(fd -> fd.kind() == TracepointFormat.Kind.ARRAY).isPresent());
        }
        return false;
    }

    private static boolean isArgs(Expr x) {
        return x instanceof Expr.Identifier id && id.name().equals("args");
    }

    Value eval(Expr x) {
        Resolution r = e.types().resolution(x);
        if (r instanceof Resolution.Constant c) return e.constant(c.value());
        if (r instanceof Resolution.FunctionArg a) return new Value.Scalar(ProbeArguments.functionSlot(e, a.index(), e.typeOf(x)));
        if (x instanceof Expr.Cast c) return cast(c);
        if (x instanceof Expr.Unary u && u.op() == UnaryOp.ADDR) {
            Remote p = (Remote) place(u.operand());
            Registers.Temp t = p.base();
            if (p.offset() != 0) e.asm().emit(alu64Imm(ADD, e.regs().reg(t), p.offset()));
            return new Value.Scalar(t);
        }
        CTypes.Member member = r instanceof Resolution.Field f ? f.member() : null;
        return load(place(x), e.typeOf(x), member);
    }

    private Value cast(Expr.Cast c) {
        Registers.Temp t = e.scalar(c.operand());
        if (e.typeOf(c) instanceof Type.IntType it && it.bytes() < 8) narrow(e.regs().reg(t), it);
        return new Value.Scalar(t);
    }

    /** Truncates (and sign-extends, for signed types) a 64-bit register to an integer type. */
    private void narrow(int reg, Type.IntType it) {
        int shift = 64 - 8 * it.bytes();
        if (it.signed()) {
            e.asm().emit(alu64Imm(LSH, reg, shift));
            e.asm().emit(alu64Imm(ARSH, reg, shift));
        } else if (it.bytes() == 4) {
            e.asm().emit(alu32Reg(MOV, reg, reg)); // 32-bit mov zero-extends
        } else {
            e.asm().emit(alu64Imm(AND, reg, (1 << (8 * it.bytes())) - 1));
        }
    }

    private Place place(Expr x) {
        if (x instanceof Expr.Unary u && u.op() == UnaryOp.DEREF) {
            return new Remote(e.scalar(u.operand()), 0, e.types().isUserPointer(u.operand()));
        }
        if (x instanceof Expr.FieldAccess f && e.types().resolution(f) instanceof Resolution.Field field) {
            int off = field.member().offset();
            if (f.arrow()) return new Remote(e.scalar(f.base()), off, e.types().isUserPointer(f.base()));
            return place(f.base()).plus(off);
        }
        if (x instanceof Expr.Index ix) {
            Type base = e.typeOf(ix.base());
            int elem = elementSize(base);
            if (base instanceof Type.PointerType) {
                Registers.Temp p = e.scalar(ix.base());
                return offsetBy(new Remote(p, 0, e.types().isUserPointer(ix.base())), ix.index(), elem);
            }
            return offsetBy(place(ix.base()), ix.index(), elem);
        }
        Value v = e.eval(x);
        if (v instanceof Value.Memory m) return new Stack(m.offset());
        throw new IllegalStateException("no memory behind " + x);
    }

    private static int elementSize(Type t) {
        if (t instanceof Type.ArrayType a) return a.element().size();
        if (t instanceof Type.PointerType p) return Math.max(1, p.pointee().size());
        return 1; // strings: char arrays
    }

    /** {@code place + index * elem}: constant indexes fold into the offset, others are added to the pointer. */
    private Place offsetBy(Place p, Expr index, int elem) {
        if (index instanceof Expr.IntLit lit) return p.plus((int) lit.value() * elem);
        Remote r = (Remote) p; // the checker only allows literal indexes into stack values
        Registers.Temp i = e.scalar(index);
        int[] rr = e.regs().regs(r.base(), i);
        if (elem != 1) e.asm().emit(alu64Imm(MUL, rr[1], elem));
        e.asm().emit(alu64Reg(ADD, rr[0], rr[1]));
        e.regs().free(i);
        return r;
    }

    /** Reads a value of {@code type} from a place: scalars into a temporary, everything else onto the stack. */
    private Value load(Place p, Type type, CTypes.Member member) {
        boolean scalar = type instanceof Type.IntType || type instanceof Type.PointerType || type instanceof Type.SymbolType;
        if (!scalar) {
            int size = type.size();
            if (p instanceof Stack s) return new Value.Memory(s.offset(), size);
            int slot = e.frame().alloc(Math.max(size, 1));
            int rounded = StackFrame.roundUp(Math.max(size, 1));
            if (size % 8 != 0 || size == 0) e.asm().emit(st(DW, FP, slot + rounded - 8, 0)); // the tail the read leaves
            if (size > 0) read((Remote) p, slot, size);
            else e.regs().free(((Remote) p).base());
            return new Value.Memory(slot, size);
        }
        int size = type instanceof Type.IntType it ? it.bytes() : 8;
        boolean bitfield = member != null && member.isBitfield();
        int bytes = bitfield ? (member.bitOffset() + member.bitSize() + 7) / 8 : size;
        int slot = e.zeroed(8);
        if (p instanceof Remote r) read(r, slot, bytes);
        else e.copyStack(slot, ((Stack) p).offset(), bytes);
        Registers.Temp t = e.regs().alloc();
        int reg = e.regs().reg(t);
        boolean signed = type instanceof Type.IntType it && it.signed();
        if (bitfield) {
            e.asm().emit(ldx(DW, reg, FP, slot));
            e.asm().emit(alu64Imm(LSH, reg, 64 - member.bitOffset() - member.bitSize()));
            e.asm().emit(alu64Imm(signed ? ARSH : RSH, reg, 64 - member.bitSize()));
            return new Value.Scalar(t);
        }
        e.asm().emit(ldx(sizeOf(size), reg, FP, slot));
        if (signed && size < 8) {
            e.asm().emit(alu64Imm(LSH, reg, 64 - 8 * size));
            e.asm().emit(alu64Imm(ARSH, reg, 64 - 8 * size));
        }
        return new Value.Scalar(t);
    }

    /** bpf_probe_read_{kernel,user}(fp + slot, size, base + offset); frees the base temporary. */
    private void read(Remote r, int slot, int size) {
        int base = e.regs().reg(r.base());
        e.asm().emit(mov64Reg(3, base));
        if (r.offset() != 0) e.asm().emit(alu64Imm(ADD, 3, r.offset()));
        e.regs().free(r.base());
        e.asm().emit(mov64Reg(1, FP));
        e.asm().emit(alu64Imm(ADD, 1, slot));
        e.asm().emit(mov64Imm(2, size));
        e.asm().call(r.user() ? Helper.PROBE_READ_USER : Helper.PROBE_READ_KERNEL);
    }
}
