package dev.bpfbook.lang.codegen;

import dev.bpfbook.lang.ast.BinaryOp;
import dev.bpfbook.lang.ast.Expr;
import dev.bpfbook.lang.ast.Probe;
import dev.bpfbook.lang.ast.Span;
import dev.bpfbook.lang.ast.Stmt;
import dev.bpfbook.lang.builtins.Builtins;
import dev.bpfbook.lang.check.Checker;
import dev.bpfbook.lang.check.MapDef;
import dev.bpfbook.lang.check.TracepointFormat;
import dev.bpfbook.lang.check.Types;
import dev.bpfbook.lang.program.AttachPoint;
import dev.bpfbook.lang.program.CompiledProgram;
import dev.bpfbook.lang.program.MapSpec;
import dev.bpfbook.lang.program.ValueKind;
import dev.bpfbook.lang.types.Type;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.bpfbook.lang.codegen.Insn.*;

/**
 * Emits the BPF program of one probe at one attach point. r6 holds the context pointer for the whole
 * program, r7–r9 hold expression temporaries ({@link Registers}), r0–r5 are scratch around helper calls.
 * Strings and keys are built in zeroed stack slots ({@link StackFrame}).
 */
public final class ProbeEmitter {
    public static final int BPF_ANY = 0, BPF_NOEXIST = 1;

    private final Assembler asm = new Assembler();
    // The function being emitted: the probe, then each for-loop body as a callback subprogram.
    private StackFrame frame = new StackFrame();
    private Registers regs = new Registers(asm, frame);
    private final ProgramLayout layout;
    /** Casts, *, &, field and index reads on C types, resolved constants. */
    private final MemoryAccess memoryAccess = new MemoryAccess(this);
    private final AttachPoint attachPoint;
    private final TracepointFormat format;
    private final Types types;
    private Map<String, Integer> locals = new HashMap<>();
    private Map<String, Type> localTypes;
    private Assembler.Label exit;
    /** In a for-loop callback: the final {@code exit} insn, reached with r0 already set (1 stops the iteration). */
    private Assembler.Label callbackReturn;
    private final java.util.ArrayDeque<Loop> loops = new java.util.ArrayDeque<>();
    private final List<Callback> callbacks = new java.util.ArrayList<>();
    private final List<Integer> functionStarts = new java.util.ArrayList<>(List.of(0));

    /** Where break and continue jump in the innermost loop. */
    private record Loop(Assembler.Label breakTarget, Assembler.Label continueTarget, boolean callback) {}

    /** A for-loop body still to be emitted as a subprogram after the probe's code. */
    private record Callback(Stmt.For loop, Assembler.Label entry) {}

    public ProbeEmitter(ProgramLayout layout, AttachPoint attachPoint, TracepointFormat format, Types types) {
        this.layout = layout;
        this.attachPoint = attachPoint;
        this.format = format;
        this.types = types;
    }

    public Assembler.Assembled emit(Probe probe) {
        exit = asm.newLabel("exit");
        localTypes = types.locals();
        asm.at(probe.span());
        asm.emit(mov64Reg(Registers.CTX, 1));
        for (var e : types.locals().entrySet()) {
            int size = e.getValue().size();
            locals.put(e.getKey(), zeroed(size));
        }
        if (probe.predicate() != null) {
            asm.at(probe.predicate().span());
            Registers.Temp t = scalar(probe.predicate());
            asm.jmpImm(JEQ, regs.reg(t), 0, exit);
            regs.free(t);
        }
        block(probe.body());
        terminated = false;
        asm.at(probe.span());
        asm.bind(exit);
        asm.emit(mov64Imm(0, 0));
        asm.emit(Insn.exit());
        for (int i = 0; i < callbacks.size(); i++) emitCallback(callbacks.get(i));
        return asm.assemble();
    }

    /** Instruction index of each function: 0 for the probe, then one per for-loop callback. */
    public List<Integer> functionStarts() {
        return List.copyOf(functionStarts);
    }

    /** Ends the probe here (exit() and return); in a for-loop callback, stops the iteration. */
    public void returnFromProbe() {
        if (callbackReturn != null) {
            asm.emit(mov64Imm(0, 1));
            asm.ja(callbackReturn);
        } else {
            asm.ja(exit);
        }
        terminated = true;
    }

    /** Set after an unconditional jump out of the probe: the verifier rejects the unreachable code that would follow. */
    private boolean terminated;

    // ---- accessors for builtins ----

    public Assembler asm() {
        return asm;
    }

    public Registers regs() {
        return regs;
    }

    public StackFrame frame() {
        return frame;
    }

    public ProgramLayout layout() {
        return layout;
    }

    public AttachPoint attachPoint() {
        return attachPoint;
    }

    public TracepointFormat tracepoint() {
        return format;
    }

    public Types types() {
        return types;
    }

    public Type typeOf(Expr e) {
        return types.of(e);
    }

    // ---- statements ----

    private void block(Stmt.Block b) {
        for (Stmt s : b.statements()) {
            if (terminated) return;
            stmt(s);
        }
    }

    private void stmt(Stmt s) {
        Span old = asm.at(s.span());
        int mark = frame.mark();
        if (s instanceof Stmt.Block b) block(b);
        else if (s instanceof Stmt.ExprStmt e) discard(eval(e.expr()));
        else if (s instanceof Stmt.Assign a) assign(a);
        else if (s instanceof Stmt.If i) ifStmt(i);
        else if (s instanceof Stmt.Return) returnFromProbe();
        else if (s instanceof Stmt.While w) whileStmt(w);
        else if (s instanceof Stmt.Unroll u) {
            long n = dev.bpfbook.lang.check.Constants.fold(u.count(), positional()).orElseThrow();
            for (long i = 0; i < n && !terminated; i++) stmt(u.body());
        } else if (s instanceof Stmt.Break || s instanceof Stmt.Continue) loopJump(s instanceof Stmt.Break);
        else if (s instanceof Stmt.For f) forStmt(f);
        else throw new IllegalStateException("unsupported statement reached codegen: " + s);
        if (regs.liveCount() != 0) throw new IllegalStateException("temporaries leaked from " + s);
        frame.release(mark);
        asm.at(old);
    }

    /** A bounded loop: the verifier follows every iteration, so the bound may depend on data. */
    private void whileStmt(Stmt.While w) {
        Assembler.Label cond = asm.newLabel("while");
        Assembler.Label end = asm.newLabel("endwhile");
        asm.bind(cond);
        Registers.Temp c = scalar(w.condition());
        asm.jmpImm(JEQ, regs.reg(c), 0, end);
        regs.free(c);
        loops.push(new Loop(end, cond, false));
        stmt(w.body());
        loops.pop();
        if (!terminated) asm.ja(cond);
        terminated = false;
        asm.bind(end);
    }

    private void loopJump(boolean isBreak) {
        Loop loop = loops.peek();
        if (loop.callback()) {
            // A for-loop body is a callback: 1 stops bpf_for_each_map_elem, 0 goes on with the next entry.
            asm.emit(mov64Imm(0, isBreak ? 1 : 0));
            asm.ja(callbackReturn);
        } else {
            asm.ja(isBreak ? loop.breakTarget() : loop.continueTarget());
        }
        terminated = true;
    }

    /**
     * bpf_for_each_map_elem(map, body, &ctx, 0): the body is a subprogram emitted after the probe; it gets
     * the probe's context pointer through a stack slot so builtins that need it still work there.
     */
    private void forStmt(Stmt.For f) {
        Assembler.Label entry = asm.newLabel("forbody");
        int ctxSlot = frame.alloc(8);
        asm.emit(stx(DW, FP, ctxSlot, Registers.CTX));
        asm.ldMap(1, "@" + f.map().name());
        asm.ldFunction(2, entry);
        asm.emit(mov64Reg(3, FP));
        asm.emit(alu64Imm(ADD, 3, ctxSlot));
        asm.emit(mov64Imm(4, 0));
        asm.call(Helper.FOR_EACH_MAP_ELEM);
        callbacks.add(new Callback(f, entry));
    }

    /** callback(map r1, key r2, value r3, ctx r4): copies the entry into the loop variable, runs the body. */
    private void emitCallback(Callback cb) {
        Stmt.For f = cb.loop();
        frame = new StackFrame();
        regs = new Registers(asm, frame);
        locals = new HashMap<>();
        localTypes = types.loopLocals(f);
        exit = asm.newLabel("cbexit");
        callbackReturn = asm.newLabel("cbret");
        terminated = false;
        loops.clear();
        asm.at(f.span());
        functionStarts.add(asm.position());
        asm.bind(cb.entry());
        asm.emit(ldx(DW, Registers.CTX, 4, 0));
        for (var e : localTypes.entrySet()) locals.put(e.getKey(), zeroed(e.getValue().size()));
        Type.TupleType kv = (Type.TupleType) localTypes.get(f.variable().name());
        int kvSlot = locals.get(f.variable().name());
        MapSpec spec = layout.spec("@" + f.map().name());
        copyFrom(2, 0, kvSlot + kv.offsets().get(0), Math.min(kv.elements().get(0).size(), spec.keySize()));
        copyFrom(3, 0, kvSlot + kv.offsets().get(1), Math.min(kv.elements().get(1).size(), spec.valueSize()));
        loops.push(new Loop(null, null, true));
        block(f.body());
        loops.pop();
        // Reaching the end of the body goes on with the next entry; break/continue/exit() set r0 themselves.
        if (!terminated) asm.emit(mov64Imm(0, 0));
        terminated = false;
        asm.bind(exit);
        asm.bind(callbackReturn);
        asm.emit(Insn.exit());
        callbackReturn = null;
    }

    private void ifStmt(Stmt.If i) {
        Assembler.Label otherwise = asm.newLabel("else");
        Assembler.Label end = asm.newLabel("endif");
        Registers.Temp c = scalar(i.condition());
        asm.jmpImm(JEQ, regs.reg(c), 0, otherwise);
        regs.free(c);
        stmt(i.then());
        boolean thenExits = terminated;
        terminated = false;
        if (i.otherwise() != null && !thenExits) asm.ja(end);
        asm.bind(otherwise);
        if (i.otherwise() != null) stmt(i.otherwise());
        terminated = thenExits && i.otherwise() != null && terminated;
        asm.bind(end);
    }

    private void assign(Stmt.Assign a) {
        if (a.target() instanceof Expr.Variable v) {
            int slot = locals.get(v.name());
            Type t = localTypes.get(v.name());
            if (t instanceof Type.IntType || t instanceof Type.PointerType) {
                Registers.Temp val = scalar(a.value());
                if (a.op() != null) {
                    Registers.Temp old = regs.alloc();
                    asm.emit(ldx(DW, regs.reg(old), FP, slot));
                    if (t instanceof Type.PointerType p && stride(p) != 1) asm.emit(alu64Imm(MUL, regs.reg(val), stride(p)));
                    old = arithmetic(a.op(), old, val, t instanceof Type.IntType it && it.signed() && isSigned(a.value()));
                    val = old;
                }
                asm.emit(stx(DW, FP, slot, regs.reg(val)));
                regs.free(val);
            } else {
                Value value = eval(a.value());
                if (value instanceof Value.Scalar s) {
                    // kstack, ksym/func in kernel probes, username…: an 8-byte value computed in a register.
                    asm.emit(stx(DW, FP, slot, regs.reg(s.temp())));
                    regs.free(s.temp());
                    zeroRange(slot + 8, t.size() - 8);
                } else {
                    Value.Memory m = (Value.Memory) value;
                    copyStack(slot, m.offset(), Math.min(m.size(), t.size()));
                    zeroRange(slot + Math.min(m.size(), t.size()), t.size() - Math.min(m.size(), t.size()));
                }
            }
            return;
        }
        Expr.MapRef ref = (Expr.MapRef) a.target();
        MapDef def = layout.userMap("@" + ref.name());
        if (a.op() == null && a.value() instanceof Expr.Call call && Builtins.aggregation(call.name()) != null) {
            Builtins.aggregation(call.name()).emitUpdate(this, def, ref, call);
            return;
        }
        MapSpec spec = layout.spec(def.name());
        Type valueType = ((ValueKind.Plain) spec.value()).type();
        if (a.op() != null) {
            Registers.Temp val = scalar(a.value());
            int key = mapKey(def, ref.keys());
            Registers.Temp old = lookupScalar(def.name(), key, 0);
            old = arithmetic(a.op(), old, val, ((Type.IntType) valueType).signed() && isSigned(a.value()));
            int slot = frame.alloc(8);
            asm.emit(stx(DW, FP, slot, regs.reg(old)));
            regs.free(old);
            update(def.name(), key, slot, BPF_ANY);
            return;
        }
        Value v = eval(a.value());
        int slot;
        if (v instanceof Value.Scalar s) {
            slot = frame.alloc(8);
            asm.emit(stx(DW, FP, slot, regs.reg(s.temp())));
            regs.free(s.temp());
        } else {
            Value.Memory m = (Value.Memory) v;
            if (m.size() >= spec.valueSize()) {
                slot = m.offset();
            } else {
                slot = zeroed(spec.valueSize());
                copyStack(slot, m.offset(), m.size());
            }
        }
        int key = mapKey(def, ref.keys());
        update(def.name(), key, slot, BPF_ANY);
    }

    // ---- expressions ----

    public Value eval(Expr e) {
        Span old = asm.at(e.span());
        try {
            return compute(e);
        } finally {
            asm.at(old);
        }
    }

    /** Emits {@code e}, which must be an integer, into a temporary. */
    public Registers.Temp scalar(Expr e) {
        Value v = eval(e);
        if (v instanceof Value.Scalar s) return s.temp();
        throw new IllegalStateException("expected an integer from " + e);
    }

    /** Emits {@code e}, which must be a string (or other bytes), onto the stack. */
    public Value.Memory memory(Expr e) {
        Value v = eval(e);
        if (v instanceof Value.Memory m) return m;
        throw new IllegalStateException("expected bytes from " + e);
    }

    public void discard(Value v) {
        if (v instanceof Value.Scalar s) regs.free(s.temp());
    }

    private boolean isSigned(Expr e) {
        return types.of(e) instanceof Type.IntType i && i.signed();
    }

    private Value compute(Expr e) {
        if (memoryAccess.handles(e)) return memoryAccess.eval(e);
        if (e instanceof Expr.IntLit i) return constant(i.value());
        if (e instanceof Expr.StrLit s) return stringConstant(s.value(), ((Type.StringType) types.of(s)).capacity());
        if (e instanceof Expr.Identifier id) return Builtins.variable(id.name()).emit(this, id);
        if (e instanceof Expr.Call call) return Builtins.function(call.name()).emit(this, call);
        if (e instanceof Expr.Variable v) {
            int slot = locals.get(v.name());
            Type t = localTypes.get(v.name());
            if (t instanceof Type.IntType || t instanceof Type.PointerType) {
                Registers.Temp r = regs.alloc();
                asm.emit(ldx(DW, regs.reg(r), FP, slot));
                return new Value.Scalar(r);
            }
            return new Value.Memory(slot, t.size());
        }
        if (e instanceof Expr.Positional p) {
            Type t = types.of(p);
            String value = p.index() <= positional().size() ? positional().get(p.index() - 1) : "";
            if (t instanceof Type.IntType) return constant(value.isEmpty() ? 0 : Long.decode(value));
            return stringConstant(value, ((Type.StringType) t).capacity());
        }
        if (e instanceof Expr.PositionalCount) return constant(positional().size());
        if (e instanceof Expr.MapRef ref) return mapRead(ref);
        if (e instanceof Expr.Binary b) return binary(b);
        if (e instanceof Expr.Unary u) return unary(u);
        if (e instanceof Expr.Ternary t) return ternary(t);
        if (e instanceof Expr.IncDec id) return incDec(id);
        if (e instanceof Expr.Tuple tu) return tuple(tu);
        if (e instanceof Expr.TupleIndex ti) return tupleElement(ti);
        if (e instanceof Expr.FieldAccess f) return contextField(f, 0, false);
        if (e instanceof Expr.Index ix) {
            Expr.FieldAccess f = (Expr.FieldAccess) ix.base();
            TracepointFormat.Field field = format.field(f.field()).orElseThrow();
            int elem = field.size() / Math.max(1, field.arrayLength());
            return contextField(f, (int) ((Expr.IntLit) ix.index()).value() * elem, true);
        }
        throw new IllegalStateException("unsupported expression reached codegen: " + e);
    }

    /** A tuple built in a zeroed stack slot, each element at its offset in storage form. */
    private Value tuple(Expr.Tuple tu) {
        Type.TupleType tt = (Type.TupleType) types.of(tu);
        int slot = zeroed(tt.size());
        for (int i = 0; i < tu.elements().size(); i++) {
            store(slot + tt.offsets().get(i), eval(tu.elements().get(i)), tt.elements().get(i));
        }
        return new Value.Memory(slot, tt.size());
    }

    private Value tupleElement(Expr.TupleIndex ti) {
        Type.TupleType tt = (Type.TupleType) types.of(ti.base());
        Value.Memory m = memory(ti.base());
        int off = m.offset() + tt.offsets().get(ti.index());
        Type et = tt.elements().get(ti.index());
        if (et instanceof Type.IntType) {
            Registers.Temp r = regs.alloc();
            asm.emit(ldx(DW, regs.reg(r), FP, off));
            return new Value.Scalar(r);
        }
        return new Value.Memory(off, et.size());
    }

    private List<String> positional() {
        return positionalParams;
    }

    private List<String> positionalParams = List.of();

    /** The text of positional parameter {@code $index}, "" when not given. */
    public String positionalText(int index) {
        return index <= positionalParams.size() ? positionalParams.get(index - 1) : "";
    }

    private dev.bpfbook.lang.program.ProbeCatalogue catalogue;

    /** The kernel facts compile-time builtins resolve against (kaddr, cgroupid). */
    public dev.bpfbook.lang.program.ProbeCatalogue catalogue() {
        return catalogue;
    }

    public void setCatalogue(dev.bpfbook.lang.program.ProbeCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    public void setPositionalParams(List<String> params) {
        positionalParams = List.copyOf(params);
    }

    public Value.Scalar constant(long value) {
        Registers.Temp t = regs.alloc();
        asm.movImm(regs.reg(t), value);
        return new Value.Scalar(t);
    }

    /** The bytes of {@code s} NUL-padded to {@code capacity} in a new stack slot. */
    public Value.Memory stringConstant(String s, int capacity) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        int off = frame.alloc(capacity);
        int rounded = StackFrame.roundUp(capacity);
        for (int i = 0; i < rounded; i += 8) {
            long chunk = 0;
            for (int b = 0; b < 8 && i + b < bytes.length && i + b < capacity - 1; b++) chunk |= (bytes[i + b] & 0xffL) << (8 * b);
            storeConstant(off + i, chunk);
        }
        return new Value.Memory(off, capacity);
    }

    private void storeConstant(int fpOff, long chunk) {
        if (chunk == (int) chunk) {
            asm.emit(st(DW, FP, fpOff, (int) chunk));
        } else {
            asm.emit(ldImm64(0, chunk));
            asm.emit(stx(DW, FP, fpOff, 0));
        }
    }

    private Value contextField(Expr.FieldAccess f, int extra, boolean indexed) {
        TracepointFormat.Field field = format.field(f.field()).orElseThrow();
        int off = field.offset() + extra;
        switch (field.kind()) {
            case INTEGER, POINTER -> {
                return new Value.Scalar(loadContext(off, field.kind() == TracepointFormat.Kind.POINTER ? 8 : field.size(), field.signed()));
            }
            case DATA_LOC -> {
                Registers.Temp t = loadContext(off, 4, false);
                int r = regs.reg(t);
                asm.emit(alu64Imm(AND, r, 0xffff));
                asm.emit(alu64Reg(ADD, r, Registers.CTX));
                return new Value.Scalar(t);
            }
            case ARRAY -> {
                if (indexed) {
                    int elemSize = field.size() / Math.max(1, field.arrayLength());
                    boolean signed = !field.isCharArray() && ((Type.ArrayType) field.type()).element() instanceof Type.IntType it && it.signed();
                    return new Value.Scalar(loadContext(off, elemSize, signed));
                }
                int size = field.size();
                int slot = zeroed(size);
                copyFrom(Registers.CTX, off, slot, size);
                return new Value.Memory(slot, size);
            }
            default -> throw new IllegalStateException();
        }
    }

    /** Loads a context field of {@code size} bytes at {@code off} into a new temporary, extending it to 64 bits. */
    public Registers.Temp loadContext(int off, int size, boolean signed) {
        Registers.Temp t = regs.alloc();
        int r = regs.reg(t);
        asm.emit(ldx(sizeOf(size), r, Registers.CTX, off));
        if (signed && size < 8) {
            asm.emit(alu64Imm(LSH, r, 64 - 8 * size));
            asm.emit(alu64Imm(ARSH, r, 64 - 8 * size));
        }
        return t;
    }

    private Value binary(Expr.Binary b) {
        Type lt = types.of(b.left());
        if (lt instanceof Type.StringType && types.of(b.right()) instanceof Type.StringType) return stringCompare(b);
        if (b.op() == BinaryOp.LAND || b.op() == BinaryOp.LOR) return logical(b);
        Type rt = types.of(b.right());
        if ((b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB) && (lt instanceof Type.PointerType || rt instanceof Type.PointerType)) {
            return pointerArithmetic(b, lt, rt);
        }
        boolean signed = isSigned(b.left()) && isSigned(b.right());
        Registers.Temp l = scalar(b.left());
        Registers.Temp r = scalar(b.right());
        if (b.op().isComparison()) {
            int op = switch (b.op()) {
                case EQ -> JEQ;
                case NE -> JNE;
                case LT -> signed ? JSLT : JLT;
                case LE -> signed ? JSLE : JLE;
                case GT -> signed ? JSGT : JGT;
                case GE -> signed ? JSGE : JGE;
                default -> throw new IllegalStateException();
            };
            int[] rr = regs.regs(l, r);
            asm.emit(jmpReg(op, rr[0], rr[1], 2));
            asm.emit(mov64Imm(rr[0], 0));
            asm.emit(ja(1));
            asm.emit(mov64Imm(rr[0], 1));
            regs.free(r);
            return new Value.Scalar(l);
        }
        return new Value.Scalar(arithmetic(b.op(), l, r, signed));
    }

    /** The bytes one step of a pointer moves: its target's size (1 for void, as GNU C does). */
    static int stride(Type.PointerType p) {
        return Math.max(1, p.pointee().size());
    }

    /** C pointer arithmetic: p ± n moves by n elements; p − q counts the elements between them. */
    private Value pointerArithmetic(Expr.Binary b, Type lt, Type rt) {
        Registers.Temp l = scalar(b.left());
        Registers.Temp r = scalar(b.right());
        int[] rr = regs.regs(l, r);
        if (lt instanceof Type.PointerType lp && rt instanceof Type.PointerType) {
            asm.emit(alu64Reg(SUB, rr[0], rr[1]));
            regs.free(r);
            divideSigned(regs.reg(l), stride(lp));
            return new Value.Scalar(l);
        }
        if (lt instanceof Type.PointerType lp) {
            if (stride(lp) != 1) asm.emit(alu64Imm(MUL, rr[1], stride(lp)));
        } else {
            if (stride((Type.PointerType) rt) != 1) asm.emit(alu64Imm(MUL, rr[0], stride((Type.PointerType) rt)));
        }
        asm.emit(alu64Reg(b.op() == BinaryOp.ADD ? ADD : SUB, rr[0], rr[1]));
        regs.free(r);
        return new Value.Scalar(l);
    }

    /** {@code reg /= n} rounding toward zero for a signed byte distance (BPF's DIV is unsigned). */
    private void divideSigned(int reg, int n) {
        if (n == 1) return;
        Assembler.Label negative = asm.newLabel("negdist");
        Assembler.Label done = asm.newLabel("dist");
        asm.jmpImm(JSLT, reg, 0, negative);
        asm.emit(alu64Imm(DIV, reg, n));
        asm.ja(done);
        asm.bind(negative);
        asm.emit(neg64(reg));
        asm.emit(alu64Imm(DIV, reg, n));
        asm.emit(neg64(reg));
        asm.bind(done);
    }

    /** {@code l = l op r}; frees r and returns l. */
    public Registers.Temp arithmetic(BinaryOp op, Registers.Temp l, Registers.Temp r, boolean signed) {
        int[] rr = regs.regs(l, r);
        switch (op) {
            case ADD -> asm.emit(alu64Reg(ADD, rr[0], rr[1]));
            case SUB -> asm.emit(alu64Reg(SUB, rr[0], rr[1]));
            case MUL -> asm.emit(alu64Reg(MUL, rr[0], rr[1]));
            // bpftrace 0.17 divides unsigned whatever the operand types; the kernel gives 0 for x / 0.
            case DIV -> asm.emit(alu64Reg(DIV, rr[0], rr[1]));
            case MOD -> asm.emit(alu64Reg(MOD, rr[0], rr[1]));
            case BAND -> asm.emit(alu64Reg(AND, rr[0], rr[1]));
            case BOR -> asm.emit(alu64Reg(OR, rr[0], rr[1]));
            case BXOR -> asm.emit(alu64Reg(XOR, rr[0], rr[1]));
            case SHL -> asm.emit(alu64Reg(LSH, rr[0], rr[1]));
            case SHR -> asm.emit(alu64Reg(RSH, rr[0], rr[1]));
            default -> throw new IllegalStateException("not arithmetic: " + op);
        }
        regs.free(r);
        return l;
    }

    /** Turns a temporary into 0 or 1 in place. */
    private void toBool(int reg) {
        asm.emit(jmpImm(JEQ, reg, 0, 1));
        asm.emit(mov64Imm(reg, 1));
    }

    private Value logical(Expr.Binary b) {
        Assembler.Label end = asm.newLabel("logic");
        Registers.Temp l = scalar(b.left());
        toBool(regs.reg(l));
        asm.jmpImm(b.op() == BinaryOp.LAND ? JEQ : JNE, regs.reg(l), 0, end);
        var snapshot = regs.snapshot();
        Registers.Temp r = scalar(b.right());
        int[] rr = regs.regs(l, r);
        asm.emit(mov64Reg(rr[0], rr[1]));
        toBool(rr[0]);
        regs.free(r);
        regs.restore(snapshot);
        asm.bind(end);
        return new Value.Scalar(l);
    }

    private Value unary(Expr.Unary u) {
        Registers.Temp t = scalar(u.operand());
        int r = regs.reg(t);
        switch (u.op()) {
            case NEG -> asm.emit(neg64(r));
            case BNOT -> asm.emit(alu64Imm(XOR, r, -1));
            case NOT -> {
                asm.emit(jmpImm(JEQ, r, 0, 2));
                asm.emit(mov64Imm(r, 0));
                asm.emit(ja(1));
                asm.emit(mov64Imm(r, 1));
            }
            case PLUS -> { }
            default -> throw new IllegalStateException("unsupported unary " + u.op());
        }
        return new Value.Scalar(t);
    }

    private Value ternary(Expr.Ternary t) {
        Type type = types.of(t);
        Assembler.Label otherwise = asm.newLabel("else");
        Assembler.Label end = asm.newLabel("endt");
        if (type instanceof Type.StringType st) {
            int slot = zeroed(st.capacity());
            Registers.Temp c = scalar(t.condition());
            asm.jmpImm(JEQ, regs.reg(c), 0, otherwise);
            regs.free(c);
            var snapshot = regs.snapshot();
            Value.Memory a = memory(t.then());
            copyStack(slot, a.offset(), Math.min(a.size(), st.capacity()));
            regs.restore(snapshot);
            asm.ja(end);
            asm.bind(otherwise);
            Value.Memory b = memory(t.otherwise());
            copyStack(slot, b.offset(), Math.min(b.size(), st.capacity()));
            regs.restore(snapshot);
            asm.bind(end);
            return new Value.Memory(slot, st.capacity());
        }
        Registers.Temp res = regs.alloc();
        Registers.Temp c = scalar(t.condition());
        asm.jmpImm(JEQ, regs.reg(c), 0, otherwise);
        regs.free(c);
        var snapshot = regs.snapshot();
        Registers.Temp a = scalar(t.then());
        int[] ra = regs.regs(res, a);
        asm.emit(mov64Reg(ra[0], ra[1]));
        regs.free(a);
        regs.restore(snapshot);
        asm.ja(end);
        asm.bind(otherwise);
        Registers.Temp b = scalar(t.otherwise());
        int[] rb = regs.regs(res, b);
        asm.emit(mov64Reg(rb[0], rb[1]));
        regs.free(b);
        regs.restore(snapshot);
        asm.bind(end);
        return new Value.Scalar(res);
    }

    private Value stringCompare(Expr.Binary b) {
        boolean eq = b.op() == BinaryOp.EQ;
        Registers.Temp res = regs.alloc();
        Assembler.Label same = asm.newLabel("same");
        Assembler.Label differ = asm.newLabel("differ");
        Assembler.Label end = asm.newLabel("endcmp");
        Expr litSide = b.right() instanceof Expr.StrLit ? b.right() : b.left() instanceof Expr.StrLit ? b.left() : null;
        if (litSide != null) {
            Expr other = litSide == b.right() ? b.left() : b.right();
            byte[] lit = ((Expr.StrLit) litSide).value().getBytes(StandardCharsets.UTF_8);
            Value.Memory m = memory(other);
            int n = Math.min(lit.length, m.size());
            for (int i = 0; i < n; i++) {
                asm.emit(ldx(B, 0, FP, m.offset() + i));
                asm.jmpImm(JNE, 0, lit[i] & 0xff, differ);
            }
            if (lit.length < m.size()) {
                asm.emit(ldx(B, 0, FP, m.offset() + lit.length));
                asm.jmpImm(JNE, 0, 0, differ);
            }
        } else {
            Value.Memory l = memory(b.left());
            Value.Memory r = memory(b.right());
            int n = Math.min(l.size(), r.size());
            for (int i = 0; i < n; i++) {
                asm.emit(ldx(B, 0, FP, l.offset() + i));
                asm.emit(ldx(B, 1, FP, r.offset() + i));
                asm.jmpReg(JNE, 0, 1, differ);
                asm.jmpImm(JEQ, 0, 0, same);
            }
        }
        int reg = regs.reg(res);
        asm.bind(same);
        asm.emit(mov64Imm(reg, eq ? 1 : 0));
        asm.ja(end);
        asm.bind(differ);
        asm.emit(mov64Imm(reg, eq ? 0 : 1));
        asm.bind(end);
        return new Value.Scalar(res);
    }

    private Value incDec(Expr.IncDec id) {
        int delta = id.increment() ? 1 : -1;
        if (id.target() instanceof Expr.Variable v) {
            int slot = locals.get(v.name());
            if (localTypes.get(v.name()) instanceof Type.PointerType p) delta *= stride(p);
            Registers.Temp res = regs.alloc();
            Registers.Temp cur = regs.alloc();
            int[] rr = regs.regs(res, cur);
            asm.emit(ldx(DW, rr[1], FP, slot));
            asm.emit(alu64Imm(ADD, rr[1], delta));
            asm.emit(stx(DW, FP, slot, rr[1]));
            asm.emit(mov64Reg(rr[0], rr[1]));
            if (!id.prefix()) asm.emit(alu64Imm(SUB, rr[0], delta));
            regs.free(cur);
            return new Value.Scalar(res);
        }
        Expr.MapRef ref = (Expr.MapRef) id.target();
        MapDef def = layout.userMap("@" + ref.name());
        int key = mapKey(def, ref.keys());
        Registers.Temp cur = lookupScalar(def.name(), key, 0);
        int r = regs.reg(cur);
        asm.emit(alu64Imm(ADD, r, delta));
        int slot = frame.alloc(8);
        asm.emit(stx(DW, FP, slot, r));
        update(def.name(), key, slot, BPF_ANY);
        if (!id.prefix()) asm.emit(alu64Imm(SUB, regs.reg(cur), delta));
        return new Value.Scalar(cur);
    }

    private Value mapRead(Expr.MapRef ref) {
        MapDef def = layout.userMap("@" + ref.name());
        MapSpec spec = layout.spec(def.name());
        int key = mapKey(def, ref.keys());
        if (spec.value() instanceof ValueKind.Avg) return average(def.name(), key);
        if (types.of(ref) instanceof Type.IntType) return new Value.Scalar(lookupScalar(def.name(), key, 0));
        int size = spec.valueSize();
        int slot = zeroed(size);
        Assembler.Label absent = asm.newLabel("absent");
        lookup(def.name(), key);
        asm.jmpImm(JEQ, 0, 0, absent);
        asm.emit(mov64Reg(1, 0));
        copyFrom(1, 0, slot, size);
        asm.bind(absent);
        return new Value.Memory(slot, size);
    }

    /** An avg map's {sum, count} read as sum / count (0 when absent or empty). */
    private Value average(String map, int keyOff) {
        Registers.Temp t = regs.alloc();
        lookup(map, keyOff);
        int r = regs.reg(t);
        Assembler.Label done = asm.newLabel("avg");
        asm.emit(mov64Imm(r, 0));
        asm.jmpImm(JEQ, 0, 0, done);
        asm.emit(ldx(DW, 1, 0, 8));
        asm.jmpImm(JEQ, 1, 0, done);
        asm.emit(ldx(DW, r, 0, 0));
        asm.emit(((ValueKind.Avg) layout.spec(map).value()).signed() ? alu64RegSigned(DIV, r, 1) : alu64Reg(DIV, r, 1));
        asm.bind(done);
        return new Value.Scalar(t);
    }

    // ---- maps ----

    /**
     * Builds the key of {@code def} from {@code keys} in a zeroed stack slot: the user key (one value or a
     * tuple at its offsets), followed by room for the u64 bucket of hist/lhist maps. Scalar maps use a u64 0.
     */
    public int mapKey(MapDef def, List<Expr> keys) {
        MapSpec spec = layout.spec(def.name());
        int slot = zeroed(spec.keySize());
        Type keyType = spec.keyType();
        if (keyType == null) return slot;
        List<Type> elements = keyType instanceof Type.TupleType tt && keys.size() > 1 ? tt.elements() : List.of(keyType);
        List<Integer> offsets = keyType instanceof Type.TupleType tt && keys.size() > 1 ? tt.offsets() : List.of(0);
        for (int i = 0; i < keys.size(); i++) {
            Value v = eval(keys.get(i));
            int at = slot + offsets.get(i);
            if (v instanceof Value.Scalar s) {
                asm.emit(stx(DW, FP, at, regs.reg(s.temp())));
                regs.free(s.temp());
            } else {
                Value.Memory m = (Value.Memory) v;
                copyStack(at, m.offset(), Math.min(m.size(), elements.get(i).size()));
            }
        }
        return slot;
    }

    /** r0 = bpf_map_lookup_elem(map, fp + key). */
    public void lookup(String map, int keyOff) {
        asm.ldMap(1, map);
        asm.emit(mov64Reg(2, FP));
        asm.emit(alu64Imm(ADD, 2, keyOff));
        asm.call(Helper.MAP_LOOKUP_ELEM);
    }

    /** The u64 at {@code valueOff} in the map's value for the key, or 0 when absent, in a new temporary. */
    public Registers.Temp lookupScalar(String map, int keyOff, int valueOff) {
        Registers.Temp t = regs.alloc();
        lookup(map, keyOff);
        int r = regs.reg(t);
        asm.emit(mov64Imm(r, 0));
        asm.emit(jmpImm(JEQ, 0, 0, 1));
        asm.emit(ldx(DW, r, 0, valueOff));
        return t;
    }

    public void update(String map, int keyOff, int valueOff, int flags) {
        asm.ldMap(1, map);
        asm.emit(mov64Reg(2, FP));
        asm.emit(alu64Imm(ADD, 2, keyOff));
        asm.emit(mov64Reg(3, FP));
        asm.emit(alu64Imm(ADD, 3, valueOff));
        asm.emit(mov64Imm(4, flags));
        asm.call(Helper.MAP_UPDATE_ELEM);
    }

    public void delete(String map, int keyOff) {
        asm.ldMap(1, map);
        asm.emit(mov64Reg(2, FP));
        asm.emit(alu64Imm(ADD, 2, keyOff));
        asm.call(Helper.MAP_DELETE_ELEM);
    }

    /**
     * Leaves in r0 a pointer to the (per-CPU) value for the key, inserting a zero value first when absent;
     * jumps to {@code failed} if the map is full.
     */
    public void lookupOrInit(String map, int keyOff, Assembler.Label failed) {
        Assembler.Label found = asm.newLabel("found");
        lookup(map, keyOff);
        asm.jmpImm(JNE, 0, 0, found);
        int zero = zeroed(layout.spec(map).valueSize());
        update(map, keyOff, zero, BPF_NOEXIST);
        lookup(map, keyOff);
        asm.jmpImm(JEQ, 0, 0, failed);
        asm.bind(found);
    }

    // ---- output ----

    /** bpf_ringbuf_output(output ring, fp + off, size, 0). */
    public void output(int recordOff, int size) {
        asm.ldMap(1, CompiledProgram.OUTPUT_RING);
        asm.emit(mov64Reg(2, FP));
        asm.emit(alu64Imm(ADD, 2, recordOff));
        asm.emit(mov64Imm(3, size));
        asm.emit(mov64Imm(4, 0));
        asm.call(Helper.RINGBUF_OUTPUT);
        countLostRecord();
    }

    /** After bpf_ringbuf_output: a non-zero r0 means the record was dropped, so count it in the "lost" map. */
    private void countLostRecord() {
        String lost = layout.lostRecordsMap();
        Assembler.Label sent = asm.newLabel("sent");
        asm.jmpImm(JEQ, 0, 0, sent);
        int key = frame.alloc(8);
        asm.emit(st(DW, FP, key, 0));
        lookup(lost, key);
        asm.jmpImm(JEQ, 0, 0, sent);
        asm.emit(ldx(DW, 1, 0, 0));
        asm.emit(alu64Imm(ADD, 1, 1));
        asm.emit(stx(DW, 0, 0, 1));
        asm.bind(sent);
    }

    // ---- stack memory ----

    /** A new stack slot of {@code size} bytes (rounded up to 8), zeroed. */
    public int zeroed(int size) {
        int off = frame.alloc(size);
        zeroRange(off, StackFrame.roundUp(size));
        return off;
    }

    private void zeroRange(int off, int size) {
        int i = 0;
        while (i < size) {
            int chunk = chunk(off + i, 0, size - i);
            asm.emit(st(sizeOf(chunk), FP, off + i, 0));
            i += chunk;
        }
    }

    /** Copies {@code size} bytes between stack slots. */
    public void copyStack(int dstOff, int srcOff, int size) {
        copyFrom(FP, srcOff, dstOff, size);
    }

    /** Copies {@code size} bytes from {@code srcReg + srcOff} (stack, map value or context) to the stack, via r0. */
    public void copyFrom(int srcReg, int srcOff, int dstOff, int size) {
        int i = 0;
        while (i < size) {
            int chunk = chunk(dstOff + i, srcOff + i, size - i);
            asm.emit(ldx(sizeOf(chunk), 0, srcReg, srcOff + i));
            asm.emit(stx(sizeOf(chunk), FP, dstOff + i, 0));
            i += chunk;
        }
    }

    /** The largest access (8, 4, 2, 1) aligned at both offsets and no longer than what remains. */
    private static int chunk(int a, int b, int remaining) {
        int c = 8;
        while (c > 1 && (Math.floorMod(a, c) != 0 || Math.floorMod(b, c) != 0 || c > remaining)) c /= 2;
        return c;
    }

    /** Stores a value of {@code type} at {@code fp + off}: integers as 8 bytes, bytes copied. Frees the value. */
    public void store(int off, Value v, Type type) {
        if (v instanceof Value.Scalar s) {
            asm.emit(stx(DW, FP, off, regs.reg(s.temp())));
            regs.free(s.temp());
        } else if (v instanceof Value.Memory m) {
            copyStack(off, m.offset(), Math.min(m.size(), type.size()));
        }
    }

    /** Stores a value at {@code reg + off} where reg points to map memory: integers as 8 bytes, bytes copied. Frees it. */
    public void storeThrough(int reg, int off, Value v, Type type) {
        if (v instanceof Value.Scalar s) {
            asm.emit(stx(DW, reg, off, regs.reg(s.temp())));
            regs.free(s.temp());
        } else if (v instanceof Value.Memory m) {
            int size = Math.min(m.size(), type.size());
            int i = 0;
            while (i < size) {
                int c = chunk(m.offset() + i, off + i, size - i);
                asm.emit(ldx(sizeOf(c), 0, FP, m.offset() + i));
                asm.emit(stx(sizeOf(c), reg, off + i, 0));
                i += c;
            }
        }
    }

    /** bpf_ringbuf_output(output ring, reg, size, 0) for a record in map memory. */
    public void outputFrom(int reg, int size) {
        asm.emit(mov64Reg(2, reg));
        asm.ldMap(1, CompiledProgram.OUTPUT_RING);
        asm.emit(mov64Imm(3, size));
        asm.emit(mov64Imm(4, 0));
        asm.call(Helper.RINGBUF_OUTPUT);
        countLostRecord();
    }

    /** The type a value takes in a record or map. */
    public static Type storage(Type t) {
        return Checker.storageType(t);
    }
}
