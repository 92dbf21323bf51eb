package dev.bpfbook.lang.check;

import dev.bpfbook.lang.CompileContext;
import dev.bpfbook.lang.ast.BinaryOp;
import dev.bpfbook.lang.ast.Expr;
import dev.bpfbook.lang.ast.Probe;
import dev.bpfbook.lang.ast.Program;
import dev.bpfbook.lang.ast.Span;
import dev.bpfbook.lang.ast.Stmt;
import dev.bpfbook.lang.ast.UnaryOp;
import dev.bpfbook.lang.builtins.Aggregation;
import dev.bpfbook.lang.builtins.Builtin;
import dev.bpfbook.lang.builtins.Builtins;
import dev.bpfbook.lang.builtins.Function;
import dev.bpfbook.lang.diag.CompileException;
import dev.bpfbook.lang.diag.Diagnostic;
import dev.bpfbook.lang.diag.Diagnostics;
import dev.bpfbook.lang.program.AttachPoint;
import dev.bpfbook.lang.program.MapSpec;
import dev.bpfbook.lang.program.ValueKind;
import dev.bpfbook.lang.types.Type;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves probes and types a program with bpftrace's rules. Runs twice over the program: the first
 * pass only learns map types from assignments (so a map may be read above the line that writes it),
 * the second reports every error.
 */
public final class Checker {
    private final CompileContext ctx;
    private final Map<String, MapDef> maps = new LinkedHashMap<>();
    private final java.util.Set<String> used = new java.util.HashSet<>();
    private final java.util.Set<String> written = new java.util.HashSet<>();
    private final List<Diagnostic> errors = new ArrayList<>();
    private final Map<String, Optional<TracepointFormat>> formats = new LinkedHashMap<>();
    private boolean reporting;
    /** One entry per expression or statement being checked: whether one of its parts reported an error. */
    private final java.util.ArrayDeque<boolean[]> frames = new java.util.ArrayDeque<>();
    /** The C types the program can name (its own definitions, then kernel BTF). */
    private CTypes ctypes;

    private Checker(CompileContext ctx) {
        this.ctx = ctx;
        for (var e : ctx.sessionMaps().entrySet()) {
            MapSpec spec = e.getValue();
            maps.put(e.getKey(), new MapDef(e.getKey(), spec.keyType(), spec.value(), true,
                    ctx.mapOrigins().getOrDefault(e.getKey(), "an earlier cell"), Span.NONE));
        }
    }

    public static CheckedProgram check(Program program, CompileContext ctx) throws CompileException {
        Checker c = new Checker(ctx);
        List<Diagnostic> definitionErrors = new ArrayList<>();
        c.ctypes = CTypes.of(program.definitions(), ctx.catalogue(), definitionErrors);
        if (!definitionErrors.isEmpty()) throw c.fail(definitionErrors);
        ProbeResolver resolver = new ProbeResolver(ctx.catalogue());
        List<Diagnostic> resolveErrors = new ArrayList<>();
        List<List<ProbeResolver.Target>> resolved = new ArrayList<>();
        for (Probe p : program.probes()) {
            List<ProbeResolver.Target> targets = new ArrayList<>();
            for (var spec : p.attachPoints()) targets.addAll(resolver.resolve(spec, resolveErrors));
            resolved.add(targets);
        }
        if (!resolveErrors.isEmpty()) throw c.fail(resolveErrors);

        List<CheckedProgram.CheckedProbe> out = null;
        for (int pass = 0; pass < 2; pass++) {
            c.reporting = pass == 1;
            out = new ArrayList<>();
            for (int i = 0; i < program.probes().size(); i++) {
                Probe p = program.probes().get(i);
                List<CheckedProgram.CheckedTarget> targets = new ArrayList<>();
                for (ProbeResolver.Target t : resolved.get(i)) {
                    TracepointFormat format = c.format(t.attachPoint(), p);
                    Types types = new Types();
                    new ProbeChecker(c, t.attachPoint(), format, types).probe(p);
                    targets.add(new CheckedProgram.CheckedTarget(t, format, types));
                    // Identical probes produce identical reports: report each problem once.
                    if (!c.errors.isEmpty()) break;
                }
                out.add(new CheckedProgram.CheckedProbe(p, targets));
            }
        }
        if (!c.errors.isEmpty()) throw c.fail(c.errors);
        Map<String, MapDef> usedMaps = new LinkedHashMap<>();
        for (var e : c.maps.entrySet()) if (c.used.contains(e.getKey())) usedMaps.put(e.getKey(), e.getValue());
        return new CheckedProgram(out, usedMaps, java.util.Set.copyOf(c.written));
    }

    private CompileException fail(List<Diagnostic> found) {
        // Each error is placed as bpftrace's lexer would place it (see BisonLocations), so the text reads
        // exactly as bpftrace's and the diagnostics say the same positions.
        List<Diagnostic> diags = found.stream()
                .map(d -> new Diagnostic(d.severity(), d.message(), BisonLocations.stepped(ctx.source(), d.span())))
                .toList();
        return new CompileException(diags, Diagnostics.render(ctx.sourceName(), ctx.source(), diags));
    }

    private TracepointFormat format(AttachPoint ap, Probe p) {
        if (!ap.provider().equals("tracepoint")) return null;
        Optional<TracepointFormat> f = formats.computeIfAbsent(ap.target(), target -> {
            String[] cn = target.split(":", 2);
            return ctx.catalogue().tracepointFormat(cn[0], cn[1]).map(text -> TracepointFormat.parse(cn[0], cn[1], text));
        });
        return f.orElse(null);
    }

    void error(Span span, String message) {
        if (!reporting) return;
        // An expression whose operand already failed reports nothing more: the cause is enough.
        if (!frames.isEmpty() && frames.peek()[0]) return;
        for (Diagnostic d : errors) if (d.span().equals(span) && d.message().equals(message)) return;
        errors.add(Diagnostic.error(span, message));
    }

    /** Checks one expression or statement in its own frame; marks the enclosing one when it reported errors. */
    <T> T framed(java.util.function.Supplier<T> check) {
        int before = errors.size();
        frames.push(new boolean[1]);
        try {
            return check.get();
        } finally {
            frames.pop();
            if (errors.size() > before && !frames.isEmpty()) frames.peek()[0] = true;
        }
    }

    // ---- maps ----

    MapDef map(String name) {
        if (maps.containsKey(name)) used.add(name);
        return maps.get(name);
    }

    /** Records a use that defines the map's key and value; reports conflicts with earlier uses. */
    void defineMap(Expr.MapRef ref, Type keyType, ValueKind kind, Span valueSpan) {
        String name = "@" + ref.name();
        used.add(name);
        written.add(name);
        MapDef old = maps.get(name);
        if (old == null) {
            maps.put(name, new MapDef(name, keyType, kind, false, null, ref.span()));
            return;
        }
        Type key = old.keyType();
        if (!sameShape(old.keyType(), keyType)) {
            error(ref.span(), "Argument mismatch for " + name + ": trying to access with arguments: " + keyText(keyType)
                    + " when map expects arguments: " + keyText(old.keyType()) + origin(old));
            return;
        } else if (!old.fromSession()) {
            key = widen(old.keyType(), keyType);
        }
        ValueKind merged = mergeKind(old.kind(), kind, old.fromSession());
        if (merged == null) {
            error(valueSpan, "Type mismatch for " + name + ": trying to assign value of type '" + MapDef.kindName(kind)
                    + "' when map already contains a value of type '" + MapDef.kindName(old.kind()) + "'" + origin(old));
            return;
        }
        maps.put(name, new MapDef(name, key, merged, old.fromSession(), old.origin(), old.span()));
    }

    /** Checks the keys of a read (or delete) against the map's definition. */
    void checkKeyUse(Expr.MapRef ref, MapDef def, Type keyType) {
        if (!sameShape(def.keyType(), keyType)) {
            error(ref.span(), "Argument mismatch for " + def.name() + ": trying to access with arguments: " + keyText(keyType)
                    + " when map expects arguments: " + keyText(def.keyType()) + origin(def));
        }
    }

    static String origin(MapDef def) {
        return def.fromSession() ? " (" + def.name() + " was defined in " + def.origin() + ")" : "";
    }

    private static String keyText(Type key) {
        if (key == null) return "[]";
        if (key instanceof Type.TupleType t) return "[" + String.join(", ", t.elements().stream().map(Checker::keyName).toList()) + "]";
        return "[" + keyName(key) + "]";
    }

    /** bpftrace stores every integer key as an unsigned 64-bit value, and names it so. */
    private static String keyName(Type t) {
        return t instanceof Type.IntType ? "unsigned int64" : TypeNames.full(t);
    }

    static boolean sameShape(Type a, Type b) {
        if (a == null || b == null) return a == b;
        if (a instanceof Type.IntType && b instanceof Type.IntType) return true;
        if (a instanceof Type.StringType && b instanceof Type.StringType) return true;
        if (a instanceof Type.TupleType ta && b instanceof Type.TupleType tb) {
            if (ta.elements().size() != tb.elements().size()) return false;
            for (int i = 0; i < ta.elements().size(); i++) if (!sameShape(ta.elements().get(i), tb.elements().get(i))) return false;
            return true;
        }
        return a.equals(b);
    }

    /** The wider of two same-shaped types (strings take the larger capacity). */
    static Type widen(Type a, Type b) {
        if (a instanceof Type.StringType sa && b instanceof Type.StringType sb) return sa.capacity() >= sb.capacity() ? sa : sb;
        if (a instanceof Type.TupleType ta && b instanceof Type.TupleType tb) {
            List<Type> els = new ArrayList<>();
            for (int i = 0; i < ta.elements().size(); i++) els.add(widen(ta.elements().get(i), tb.elements().get(i)));
            return new Type.TupleType(els);
        }
        return a;
    }

    private static ValueKind mergeKind(ValueKind old, ValueKind now, boolean fixed) {
        if (old instanceof ValueKind.Plain po && now instanceof ValueKind.Plain pn) {
            if (!sameShape(po.type(), pn.type())) return null;
            return fixed ? old : new ValueKind.Plain(widen(po.type(), pn.type()));
        }
        if (old.getClass() != now.getClass()) return null;
        if (old instanceof ValueKind.LHist && !old.equals(now)) return null;
        return old;
    }

    /** The type a value has once stored in a map, key or record: ints widen to 64 bits. */
    public static Type storageType(Type t) {
        if (t instanceof Type.IntType i) return i.signed() ? Type.S64 : Type.U64;
        if (t instanceof Type.PointerType) return Type.U64;
        if (t instanceof Type.TupleType tt) return new Type.TupleType(tt.elements().stream().map(Checker::storageType).toList());
        return t;
    }

    // ---- one probe at one attach point ----

    private static final class ProbeChecker implements CheckScope {
        private final Checker c;
        private final AttachPoint ap;
        private final TracepointFormat format;
        private final Types types;
        /** The $locals in scope: the probe's, or a for-loop body's (a callback with its own frame). */
        private Map<String, Type> scope;
        private Stmt.For currentFor;
        private int loopDepth;
        /** $locals that have held a user-space pointer: reads through them use bpf_probe_read_user. */
        private final java.util.Set<String> userLocals = new java.util.HashSet<>();

        ProbeChecker(Checker c, AttachPoint ap, TracepointFormat format, Types types) {
            this.c = c;
            this.ap = ap;
            this.format = format;
            this.types = types;
            this.scope = types.mutableLocals();
            this.cexprs = new CExprs(this, types, c.ctypes);
        }

        /** Casts, * and &, fields and indexes on C types, sizeof/offsetof, enum constants. */
        private final CExprs cexprs;

        @Override
        public void resolve(Expr e, Resolution r) {
            types.resolve(e, r);
        }

        @Override
        public void markUserPointer(Expr e) {
            types.markUserPointer(e);
        }

        /** The type of a $local in scope, reporting an error (and returning null) when it is not. */
        private Type local(Expr.Variable v) {
            Type t = scope.get(v.name());
            if (t != null) return t;
            if (currentFor != null && types.mutableLocals().containsKey(v.name())) {
                c.error(v.span(), "Variable $" + v.name() + " is declared outside the for-loop: a for-loop body can only use "
                        + "its own variables, the loop variable and maps");
            } else {
                c.error(v.span(), "Undefined or undeclared variable: $" + v.name());
            }
            return null;
        }

        void probe(Probe p) {
            if (p.predicate() != null) {
                c.framed(() -> {
                    Type t = typeOf(p.predicate());
                    if (!CExprs.isTruthValue(t)) c.error(p.predicate().span(), "Invalid type for predicate: " + t.displayName());
                    return null;
                });
            }
            block(p.body());
        }

        private void block(Stmt.Block b) {
            for (Stmt s : b.statements()) stmt(s);
        }

        private void stmt(Stmt s) {
            c.framed(() -> {
                statement(s);
                return null;
            });
        }

        private void statement(Stmt s) {
            if (s instanceof Stmt.Block b) block(b);
            else if (s instanceof Stmt.ExprStmt e) {
                if (e.expr() instanceof Expr.Call call && Builtins.aggregation(call.name()) != null) {
                    c.error(call.span(), call.name() + "() should be directly assigned to a map");
                } else {
                    typeOf(e.expr());
                }
            } else if (s instanceof Stmt.Assign a) assign(a);
            else if (s instanceof Stmt.If i) {
                Type t = typeOf(i.condition());
                if (!CExprs.isTruthValue(t)) c.error(i.condition().span(), "Invalid condition in if(): " + t.displayName());
                block(i.then());
                if (i.otherwise() != null) stmt(i.otherwise());
            } else if (s instanceof Stmt.Return) {
                if (currentFor != null) c.error(s.span(), "'return' statement is not allowed in a for-loop");
            } else if (s instanceof Stmt.While w) {
                Type t = typeOf(w.condition());
                if (!CExprs.isTruthValue(t)) c.error(w.condition().span(), "Invalid condition in while(): " + t.displayName());
                loopDepth++;
                block(w.body());
                loopDepth--;
            } else if (s instanceof Stmt.Unroll u) {
                typeOf(u.count());
                java.util.OptionalLong n = Constants.fold(u.count(), c.ctx.positionalParams());
                // bpftrace places these on "unroll(N)", from the keyword to the ')'.
                Span close = BisonLocations.tokenAfter(c.ctx.source(), u.count().span(), ")");
                Span header = close == null ? u.count().span() : u.span().to(close);
                if (n.isEmpty()) c.error(header, "unroll count must be an integer literal");
                else if (n.getAsLong() > 100) c.error(header, "unroll maximum value is 100");
                else if (n.getAsLong() < 1) c.error(header, "unroll minimum value is 1");
                block(u.body());
            } else if (s instanceof Stmt.Break || s instanceof Stmt.Continue) {
                if (loopDepth == 0) {
                    c.error(s.span(), (s instanceof Stmt.Break ? "break" : "continue") + " used outside of a loop");
                }
            } else if (s instanceof Stmt.For f) {
                forLoop(f);
            } else {
                c.error(s.span(), "this statement is not supported yet");
            }
        }

        /**
         * {@code for ($kv : @map) body}: the body runs as a bpf_for_each_map_elem callback, so it sees the
         * entry ($kv.0 the key, $kv.1 the value), maps and its own $locals, not the probe's.
         */
        private void forLoop(Stmt.For f) {
            Expr.MapRef ref = f.map();
            Type kv = null;
            if (!ref.keys().isEmpty()) {
                c.error(ref.span(), "A for-loop iterates over a whole map: use " + mapName(ref) + " without keys");
            }
            MapDef def = c.map(mapName(ref));
            if (def == null) {
                c.error(ref.span(), "Undefined map: " + mapName(ref));
            } else {
                Type value = ForLoops.entryValueType(def.kind());
                if (value == null) {
                    c.error(ref.span(), "Maps of type " + MapDef.kindName(def.kind()) + " cannot be iterated in a for-loop");
                } else {
                    kv = new Type.TupleType(List.of(def.keyType() == null ? Type.U64 : def.keyType(), value));
                }
            }
            types.put(ref, Type.U64);
            Map<String, Type> savedScope = scope;
            Stmt.For savedFor = currentFor;
            int savedDepth = loopDepth;
            scope = types.mutableLoopLocals(f);
            currentFor = f;
            loopDepth = 1;
            Type varType = kv == null ? Type.U64 : kv;
            scope.put(f.variable().name(), varType);
            types.put(f.variable(), varType);
            block(f.body());
            scope = savedScope;
            currentFor = savedFor;
            loopDepth = savedDepth;
        }

        private void assign(Stmt.Assign a) {
            if (a.target() instanceof Expr.MapRef ref) {
                Type key = keyType(ref);
                if (a.op() == null && a.value() instanceof Expr.Call call && Builtins.aggregation(call.name()) != null) {
                    Aggregation agg = Builtins.aggregation(call.name());
                    ValueKind kind = agg.check(this, call);
                    types.put(call, Type.U64);
                    if (kind != null) c.defineMap(ref, key, kind, ref.span());
                    types.put(ref, Type.U64);
                    return;
                }
                Type v = typeOf(a.value());
                if (v instanceof Type.VoidType) {
                    c.error(a.value().span(), "Value of type none cannot be assigned to " + mapName(ref));
                    return;
                }
                if (a.op() != null && !(v instanceof Type.IntType)) {
                    c.error(a.value().span(), "Operator " + a.op().symbol + "= needs an integer operand, got " + v.displayName());
                    return;
                }
                c.defineMap(ref, key, new ValueKind.Plain(storageType(v)), ref.span());
                MapDef def = c.map(mapName(ref));
                if (a.op() != null && def != null && !(def.kind() instanceof ValueKind.Plain p && p.type() instanceof Type.IntType)) {
                    c.error(ref.span(), "Operator " + a.op().symbol + "= needs an integer map, " + mapName(ref) + " holds " + MapDef.kindName(def.kind()));
                }
                types.put(ref, def != null && def.kind() instanceof ValueKind.Plain p ? p.type() : storageType(v));
            } else if (a.target() instanceof Expr.Variable var) {
                Type v = typeOf(a.value());
                Map<String, Type> locals = scope;
                Type old = locals.get(var.name());
                if (a.op() != null) {
                    if (old == null) {
                        local(var);
                        return;
                    }
                    boolean pointerStep = old instanceof Type.PointerType && v instanceof Type.IntType
                            && (a.op() == BinaryOp.ADD || a.op() == BinaryOp.SUB);
                    if (!pointerStep && (!(old instanceof Type.IntType) || !(v instanceof Type.IntType))) {
                        c.error(a.span(), "Operator " + a.op().symbol + "= needs integer operands");
                        return;
                    }
                } else if (v instanceof Type.VoidType) {
                    c.error(a.value().span(), "Value of type none cannot be assigned to $" + var.name());
                    return;
                } else if (old != null && !sameShape(old, CExprs.localType(v))) {
                    // bpftrace places this on the '='.
                    Span eq = BisonLocations.tokenAfter(c.ctx.source(), var.span(), "=");
                    c.error(eq == null ? var.span() : eq, "Type mismatch for $" + var.name() + ": trying to assign value of type '"
                            + TypeNames.full(v) + "' when variable already contains a value of type '" + TypeNames.full(old) + "'");
                    return;
                }
                Type stored = old == null ? CExprs.localType(v) : widen(old, CExprs.localType(v));
                locals.put(var.name(), stored);
                if (types.isUserPointer(a.value())) userLocals.add(var.name());
                types.put(var, stored);
            } else {
                c.error(a.target().span(), "Can only assign to a map or a variable");
            }
        }

        private static String mapName(Expr.MapRef ref) {
            return "@" + ref.name();
        }

        /** The storage key type of a map reference: null (scalar), one type, or a tuple of them. */
        private Type keyType(Expr.MapRef ref) {
            List<Type> keys = new ArrayList<>();
            for (Expr k : ref.keys()) {
                Type t = typeOf(k);
                boolean keyable = t instanceof Type.IntType || t instanceof Type.StringType || t instanceof Type.PointerType
                        || t instanceof Type.StackType || t instanceof Type.SymbolType || t instanceof Type.InetType
                        || t instanceof Type.TupleType || t instanceof Type.UsernameType || t instanceof Type.MacAddrType
                        || t instanceof Type.BufferType || t instanceof Type.TimestampType || t instanceof Type.ErrnoType
                        || t instanceof Type.CgroupPathType;
                if (!keyable) {
                    c.error(k.span(), "Map keys of type " + t.displayName() + " are not supported yet");
                }
                keys.add(storageType(t));
            }
            if (keys.isEmpty()) return null;
            return keys.size() == 1 ? keys.get(0) : new Type.TupleType(keys);
        }

        @Override
        public Type typeOf(Expr e) {
            Type t = c.framed(() -> compute(e));
            types.put(e, t);
            return t;
        }

        private Type compute(Expr e) {
            if (e instanceof Expr.IntLit i) return i.value() < 0 && !i.text().startsWith("-") ? Type.U64 : Type.S64;
            if (e instanceof Expr.StrLit s) return new Type.StringType(s.value().getBytes(StandardCharsets.UTF_8).length + 1);
            if (e instanceof Expr.Identifier id) {
                Builtin b = Builtins.variable(id.name());
                if (b == null) {
                    Optional<Type> constant = cexprs.enumConstant(id);
                    if (constant.isPresent()) return constant.get();
                    c.error(id.span(), "Unknown identifier: '" + id.name() + "'");
                    return Type.U64;
                }
                return b.check(this, id);
            }
            if (e instanceof Expr.Variable v) {
                Type t = local(v);
                if (t instanceof Type.PointerType && userLocals.contains(v.name())) types.markUserPointer(v);
                return t == null ? Type.U64 : t;
            }
            if (e instanceof Expr.Positional p) {
                String written = BisonLocations.text(c.ctx.source(), p.span());
                if (!written.matches("\\$[0-9]+")) written = "$" + p.index();
                if (p.index() < 1 || (p.index() == Integer.MAX_VALUE && new java.math.BigInteger(written.substring(1)).bitLength() >= 64)) {
                    c.error(p.span(), "param " + written + " is out of integer range [1, " + Long.MAX_VALUE + "]");
                    return Type.S64;
                }
                String value = p.index() <= c.ctx.positionalParams().size() ? c.ctx.positionalParams().get(p.index() - 1) : "";
                return value.isEmpty() || isInteger(value) ? Type.S64 : new Type.StringType(value.length() + 1);
            }
            if (e instanceof Expr.PositionalCount) return Type.S64;
            if (e instanceof Expr.MapRef ref) return mapRead(ref);
            if (e instanceof Expr.Call call) {
                if (Builtins.aggregation(call.name()) != null) {
                    c.error(call.span(), call.name() + "() should be directly assigned to a map");
                    return Type.U64;
                }
                Function f = Builtins.function(call.name());
                if (f == null) {
                    c.error(BisonLocations.head(call.span(), call.name().length()), "Unknown function: " + call.name());
                    return Type.U64;
                }
                return f.check(this, call);
            }
            if (e instanceof Expr.Binary b) return binary(b);
            if (e instanceof Expr.Cast || e instanceof Expr.SizeOf || e instanceof Expr.OffsetOf
                    || (e instanceof Expr.Unary cu && (cu.op() == UnaryOp.DEREF || cu.op() == UnaryOp.ADDR))) {
                return cexprs.type(e);
            }
            if (e instanceof Expr.Unary u) {
                Type t = typeOf(u.operand());
                if (u.op() == UnaryOp.DEREF || u.op() == UnaryOp.ADDR) {
                    c.error(u.span(), "Operator " + u.op().symbol + " is not supported yet");
                    return Type.U64;
                }
                if (!(t instanceof Type.IntType it)) {
                    // bpftrace places this on the operator alone.
                    c.error(BisonLocations.head(u.span(), u.op().symbol.length()),
                            "The " + u.op().symbol + " operator can not be used on expressions of type '" + TypeNames.full(t) + "'");
                    return Type.U64;
                }
                return switch (u.op()) {
                    case NOT -> Type.U64;
                    case NEG -> Type.S64;
                    default -> it.signed() ? Type.S64 : Type.U64;
                };
            }
            if (e instanceof Expr.IncDec id) {
                if (id.target() instanceof Expr.Variable v) {
                    Type t = local(v);
                    if (t == null) return Type.U64;
                    types.put(v, t);
                    if (!(t instanceof Type.IntType || t instanceof Type.PointerType)) c.error(id.span(), "The ++ and -- operators need an integer");
                    return t;
                }
                if (id.target() instanceof Expr.MapRef ref) {
                    Type key = keyType(ref);
                    MapDef def = c.map(mapName(ref));
                    c.defineMap(ref, key, new ValueKind.Plain(def != null && def.kind() instanceof ValueKind.Plain p ? p.type() : Type.S64), id.span());
                    types.put(ref, Type.S64);
                    return Type.S64;
                }
                c.error(id.span(), "The ++ and -- operators need a map or a variable");
                return Type.U64;
            }
            if (e instanceof Expr.Ternary t) {
                Type cond = typeOf(t.condition());
                if (!CExprs.isTruthValue(cond)) c.error(t.condition().span(), "Invalid condition in ternary: " + cond.displayName());
                Type a = typeOf(t.then());
                Type b = typeOf(t.otherwise());
                if (a instanceof Type.IntType ia && b instanceof Type.IntType ib) return ia.signed() && ib.signed() ? Type.S64 : Type.U64;
                if (a instanceof Type.StringType && b instanceof Type.StringType) return widen(a, b);
                c.error(t.span(), "Ternary operator must return the same type: have '" + TypeNames.kind(a) + "' and '" + TypeNames.kind(b) + "'");
                return a;
            }
            if (e instanceof Expr.Tuple tuple) {
                List<Type> elements = new ArrayList<>();
                for (Expr el : tuple.elements()) {
                    Type et = typeOf(el);
                    if (et instanceof Type.VoidType) c.error(el.span(), "Value of type none cannot be a tuple element");
                    elements.add(storageType(et));
                }
                return new Type.TupleType(elements);
            }
            if (e instanceof Expr.TupleIndex ti) {
                Type base = typeOf(ti.base());
                if (!(base instanceof Type.TupleType tt)) {
                    c.error(ti.span(), "The tuple index operator can only be used on tuples, not '" + base.displayName() + "'");
                    return Type.U64;
                }
                if (ti.index() < 0 || ti.index() >= tt.elements().size()) {
                    c.error(ti.span(), "Invalid tuple index: " + ti.index() + ". Found " + tt.elements().size() + " elements in tuple.");
                    return Type.U64;
                }
                return tt.elements().get(ti.index());
            }
            if (e instanceof Expr.FieldAccess f) return field(f);
            if (e instanceof Expr.Index ix) return index(ix);
            c.error(e.span(), "This expression is not supported yet");
            return Type.U64;
        }

        private Type mapRead(Expr.MapRef ref) {
            Type key = keyType(ref);
            MapDef def = c.map(mapName(ref));
            if (def == null) {
                c.error(ref.span(), "Undefined map: " + mapName(ref));
                return Type.U64;
            }
            c.checkKeyUse(ref, def, key);
            if (def.kind() instanceof ValueKind.Plain p) return p.type();
            if (def.kind() instanceof ValueKind.Count || def.kind() instanceof ValueKind.Hist || def.kind() instanceof ValueKind.LHist) {
                if (def.hasBucketKey()) {
                    c.error(ref.span(), "Map value of type " + MapDef.kindName(def.kind()) + " cannot be read as an expression");
                }
                return Type.U64;
            }
            if (def.kind() instanceof ValueKind.Sum s) return s.signed() ? Type.S64 : Type.U64;
            // In the kernel a per-CPU map reads as this CPU's value, as in bpftrace.
            if (def.kind() instanceof ValueKind.Avg a) return a.signed() ? Type.S64 : Type.U64;
            if (def.kind() instanceof ValueKind.Min m) return m.signed() ? Type.S64 : Type.U64;
            if (def.kind() instanceof ValueKind.Max m) return m.signed() ? Type.S64 : Type.U64;
            c.error(ref.span(), "Reading a " + MapDef.kindName(def.kind()) + " map is not supported yet");
            return Type.U64;
        }

        private Type binary(Expr.Binary b) {
            Type l = typeOf(b.left());
            Type r = typeOf(b.right());
            if (l instanceof Type.StringType && r instanceof Type.StringType) {
                if (b.op() == BinaryOp.EQ || b.op() == BinaryOp.NE) return Type.U64;
                c.error(b.span(), "The " + b.op().symbol + " operator can not be used on expressions of types string, string");
                return Type.U64;
            }
            if (CExprs.comparesPointers(b.op(), l, r)) return Type.U64;
            Type pointer = CExprs.pointerArithmetic(b.op(), l, r);
            if (pointer != null) {
                if (pointer instanceof Type.PointerType && (types.isUserPointer(b.left()) || types.isUserPointer(b.right()))) {
                    types.markUserPointer(b);
                }
                return pointer;
            }
            if (!(l instanceof Type.IntType li) || !(r instanceof Type.IntType ri)) {
                c.error(b.span(), "Type mismatch for '" + b.op().symbol + "': comparing '" + TypeNames.full(l) + "' with '" + TypeNames.full(r) + "'");
                return Type.U64;
            }
            if (b.op().isComparison() || b.op().isLogical()) return Type.U64;
            return li.signed() && ri.signed() ? Type.S64 : Type.U64;
        }

        private Type field(Expr.FieldAccess f) {
            if (!(f.base() instanceof Expr.Identifier id && id.name().equals("args"))) return cexprs.field(f);
            types.put(f.base(), Type.U64);
            if (format == null) {
                if (ap.provider().equals("kfunc") || ap.provider().equals("kretfunc")) return cexprs.functionArg(f);
                c.error(f.base().span(), "The args builtin can only be used with tracepoint/kfunc/uprobe probes (" + ap.provider() + " used here)");
                return Type.U64;
            }
            var field = format.field(f.field()).filter(x -> !x.isCommon());
            if (field.isEmpty()) {
                c.error(f.span(), "Struct/union of type 'struct _tracepoint_" + format.category() + "_" + format.name()
                        + "' does not contain a field named '" + f.field() + "'");
                return Type.U64;
            }
            Type t = c.ctypes == null ? field.get().type() : field.get().type(c.ctypes::named);
            if (field.get().kind() == TracepointFormat.Kind.POINTER && format.category().equals("syscalls")) types.markUserPointer(f);
            return t;
        }

        private Type index(Expr.Index ix) {
            if (!(ix.base() instanceof Expr.FieldAccess fa && CExprs.isArgs(fa.base()) && format != null)) return cexprs.index(ix);
            // Arrays are read from the record itself; pointer fields (args->argv[0]) index the memory they point to.
            if (format.field(fa.field()).filter(f -> f.kind() != TracepointFormat.Kind.ARRAY).isPresent()) return cexprs.index(ix);
            Type base = typeOf(ix.base());
            Type idx = typeOf(ix.index());
            if (!(base instanceof Type.ArrayType at)) {
                c.error(ix.span(), "The [] operator can not be used on expressions of type '" + base.displayName() + "'");
                return Type.U64;
            }
            if (!(ix.base() instanceof Expr.FieldAccess) || !(ix.index() instanceof Expr.IntLit lit)) {
                c.error(ix.index().span(), "Array index must be an integer literal");
                return at.element();
            }
            if (lit.value() < 0 || lit.value() >= at.length()) {
                c.error(ix.index().span(), "the index " + lit.value() + " is out of bounds for array of size " + at.length());
            }
            if (!(idx instanceof Type.IntType)) c.error(ix.index().span(), "Array index must be an integer");
            return at.element();
        }

        private static boolean isInteger(String s) {
            if (s.isEmpty()) return false;
            try {
                Long.decode(s);
                return true;
            } catch (NumberFormatException e) {
                return false;
            }
        }

        @Override
        public AttachPoint attachPoint() {
            return ap;
        }

        @Override
        public Optional<TracepointFormat> tracepoint() {
            return Optional.ofNullable(format);
        }

        @Override
        public void error(Span span, String message) {
            c.error(span, message);
        }

        @Override
        public CompileContext context() {
            return c.ctx;
        }

        @Override
        public Optional<Type> kernelType(String name) {
            return c.ctypes == null ? Optional.empty() : c.ctypes.named(name);
        }

        @Override
        public MapDef mapArgument(Expr e, String function) {
            if (!(e instanceof Expr.MapRef ref)) {
                c.error(e.span(), function + "() expects a map argument");
                return null;
            }
            MapDef def = c.map(mapName(ref));
            if (def == null) {
                c.error(ref.span(), "Undefined map: " + mapName(ref));
                return null;
            }
            if (!ref.keys().isEmpty()) {
                Type key = keyType(ref);
                c.checkKeyUse(ref, def, key);
            }
            types.put(ref, Type.U64);
            return def;
        }
    }
}
