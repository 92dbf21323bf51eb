package dev.bpfbook.lang.check;

import dev.bpfbook.lang.ast.Expr;
import dev.bpfbook.lang.ast.Span;
import dev.bpfbook.lang.ast.TypeName;
import dev.bpfbook.lang.ast.UnaryOp;
import dev.bpfbook.lang.btf.BtfTypes;
import dev.bpfbook.lang.types.Type;

import java.util.Optional;

/**
 * The checker's rules for C-level expressions: casts, {@code *} and {@code &}, {@code ->} and {@code .}
 * on records, indexing arrays and pointers, sizeof, offsetof, enum constants and kfunc arguments.
 * Pointers derived from user-space pointers (uprobe arguments, syscall tracepoint pointers) stay marked
 * as user pointers so reads through them use bpf_probe_read_user.
 */
final class CExprs {
    private final CheckScope scope;
    private final Types types;
    private final CTypes ctypes;

    CExprs(CheckScope scope, Types types, CTypes ctypes) {
        this.scope = scope;
        this.types = types;
        this.ctypes = ctypes;
    }

    /** Types a Cast, SizeOf, OffsetOf or a Unary * / &. */
    Type type(Expr e) {
        if (e instanceof Expr.Cast c) return cast(c);
        if (e instanceof Expr.SizeOf s) return sizeOf(s);
        if (e instanceof Expr.OffsetOf o) return offsetOf(o);
        if (e instanceof Expr.Unary u && u.op() == UnaryOp.DEREF) return deref(u);
        if (e instanceof Expr.Unary u && u.op() == UnaryOp.ADDR) return addressOf(u);
        throw new IllegalArgumentException("not a C expression: " + e);
    }

    /** An enum constant used as a bare identifier, if {@code id} names one. */
    Optional<Type> enumConstant(Expr.Identifier id) {
        Optional<Long> v = ctypes.constant(id.name());
        if (v.isEmpty()) return Optional.empty();
        types.resolve(id, new Resolution.Constant(v.get()));
        return Optional.of(Type.S64);
    }

    private boolean userProbe() {
        String p = scope.attachPoint().provider();
        return p.equals("uprobe") || p.equals("uretprobe") || p.equals("usdt");
    }

    private void inheritUser(Expr from, Expr to) {
        if (types.isUserPointer(from)) types.markUserPointer(to);
    }

    private Optional<Type> resolveType(TypeName tn) {
        return resolveType(tn, tn.span());
    }

    /** Resolves a type name; unknown names are reported at {@code at}. */
    private Optional<Type> resolveType(TypeName tn, Span at) {
        Optional<Type> t = ctypes.resolve(tn);
        if (t.isEmpty()) {
            String n = tn.name();
            if (n.startsWith("struct ") || n.startsWith("union ")) scope.error(at, "Unknown struct/union: '" + n + "'");
            else if (n.startsWith("enum ")) scope.error(at, "Unknown enum: '" + n + "'");
            else scope.error(at, "Unknown type: '" + n + "'");
        }
        return t;
    }

    private Type cast(Expr.Cast c) {
        Type from = scope.typeOf(c.operand());
        // bpftrace underlines the parenthesised type: "(struct x *)".
        Span paren = new Span(c.span().line(), c.span().col(), c.type().span().endLine(), c.type().span().endCol() + 1);
        Optional<Type> to = resolveType(c.type(), paren);
        if (to.isEmpty()) return Type.U64;
        Type t = to.get();
        boolean scalar = from instanceof Type.IntType || from instanceof Type.PointerType;
        if (t instanceof Type.IntType || t instanceof Type.PointerType) {
            if (!scalar) {
                scope.error(c.span(), "Cannot cast from \"" + from.displayName() + "\" to \"" + t.displayName() + "\"");
                return t;
            }
            if (t instanceof Type.PointerType) {
                if (types.isUserPointer(c.operand()) || (userProbe() && !(from instanceof Type.PointerType))) {
                    types.markUserPointer(c);
                }
            }
            return t;
        }
        scope.error(c.span(), "Cannot cast to \"" + t.displayName() + "\"");
        return Type.U64;
    }

    private Type sizeOf(Expr.SizeOf s) {
        long size;
        if (s.type() != null) {
            Optional<Type> t = resolveType(s.type());
            size = t.map(this::fullSize).orElse(0L);
        } else {
            size = fullSize(scope.typeOf(s.expr()));
        }
        types.resolve(s, new Resolution.Constant(size));
        return Type.U64;
    }

    private long fullSize(Type t) {
        if (t instanceof Type.RecordType r) return ctypes.complete(r).map(Type::size).orElse(r.size());
        return t.size();
    }

    private Type offsetOf(Expr.OffsetOf o) {
        Optional<Type> t = resolveType(o.type());
        long offset = 0;
        if (t.isPresent()) {
            Type cur = t.get();
            for (String f : o.fieldPath()) {
                if (!(cur instanceof Type.RecordType r)) {
                    scope.error(o.span(), "'" + cur.displayName() + "' is not a struct or union: offsetof cannot reach '" + f + "'");
                    break;
                }
                Optional<CTypes.Member> m = ctypes.member(r, f);
                if (m.isEmpty()) {
                    scope.error(o.span(), "Struct/union of type '" + r.displayName() + "' does not contain a field named '" + f + "'");
                    break;
                }
                offset += m.get().offset();
                cur = m.get().type();
            }
        }
        types.resolve(o, new Resolution.Constant(offset));
        return Type.U64;
    }

    private Type deref(Expr.Unary u) {
        Type t = scope.typeOf(u.operand());
        if (t instanceof Type.IntType) { // bpftrace reads a u64 at an integer address
            inheritUser(u.operand(), u);
            return Type.U64;
        }
        if (!(t instanceof Type.PointerType p) || p.pointee() instanceof Type.VoidType) {
            scope.error(u.span(), "The * operator can not be used on expressions of type '" + display(t) + "'");
            return Type.U64;
        }
        inheritUser(u.operand(), u);
        return value(p.pointee(), u);
    }

    private Type addressOf(Expr.Unary u) {
        Type t = scope.typeOf(u.operand());
        if (!inMemory(u.operand())) {
            scope.error(u.span(), "The & operator can only take the address of a field or element reached through a pointer");
            return Type.U64;
        }
        inheritUser(u.operand(), u);
        return new Type.PointerType(CTypes.reference(t));
    }

    /** Whether an expression's bytes are in kernel/user memory at a computable address (its sub-expressions are typed). */
    private boolean inMemory(Expr e) {
        if (e instanceof Expr.Unary u) return u.op() == UnaryOp.DEREF;
        if (e instanceof Expr.FieldAccess f) return !isArgs(f.base()) && (f.arrow() || inMemory(f.base()));
        if (e instanceof Expr.Index ix) return types.of(ix.base()) instanceof Type.PointerType || inMemory(ix.base());
        return false;
    }

    static boolean isArgs(Expr e) {
        return e instanceof Expr.Identifier id && id.name().equals("args");
    }

    /** The type of a value read from memory: a record by value is completed so its fields are known. */
    private Type value(Type t, Expr at) {
        if (t instanceof Type.RecordType r && r.fields().isEmpty()) {
            Optional<Type.RecordType> full = ctypes.complete(r);
            if (full.isEmpty()) {
                scope.error(at.span(), "Incomplete type '" + r.displayName() + "': its fields are unknown");
                return r;
            }
            return full.get();
        }
        return t;
    }

    /** {@code base->field} and {@code base.field} on records and record pointers (not tracepoint args). */
    Type field(Expr.FieldAccess f) {
        Type base = scope.typeOf(f.base());
        Type.RecordType record;
        if (f.arrow()) {
            if (base instanceof Type.PointerType p && p.pointee() instanceof Type.RecordType r) {
                record = r;
            } else if (base instanceof Type.RecordType) {
                scope.error(f.span(), "Can not access field '" + f.field() + "' on type '" + display(base) + "'. Try using '.'");
                return Type.U64;
            } else {
                scope.error(f.span(), "Can not access field '" + f.field() + "' on expression of type '" + display(base) + "'");
                return Type.U64;
            }
        } else {
            if (base instanceof Type.RecordType r) {
                record = r;
            } else if (base instanceof Type.PointerType p && p.pointee() instanceof Type.RecordType) {
                scope.error(f.span(), "Can not access field '" + f.field() + "' on type '" + display(base)
                        + "'. Try dereferencing it first, or using '->'");
                return Type.U64;
            } else {
                scope.error(f.span(), "Can not access field '" + f.field() + "' on expression of type '" + display(base) + "'");
                return Type.U64;
            }
        }
        if (ctypes.complete(record).isEmpty()) {
            scope.error(f.span(), "Incomplete type '" + record.displayName() + "': its fields are unknown");
            return Type.U64;
        }
        Optional<CTypes.Member> m = ctypes.member(record, f.field());
        if (m.isEmpty()) {
            scope.error(f.span(), "Struct/union of type '" + record.displayName() + "' does not contain a field named '" + f.field() + "'");
            return Type.U64;
        }
        types.resolve(f, new Resolution.Field(m.get()));
        inheritUser(f.base(), f);
        return value(m.get().type(), f);
    }

    /** {@code p[i]} on arrays, strings (char arrays) and pointers. */
    Type index(Expr.Index ix) {
        Type base = scope.typeOf(ix.base());
        Type idx = scope.typeOf(ix.index());
        if (!(idx instanceof Type.IntType)) {
            scope.error(ix.index().span(), "Array index must be an integer");
            return Type.U64;
        }
        Type element;
        int length;
        if (base instanceof Type.ArrayType at) {
            element = at.element();
            length = at.length();
        } else if (base instanceof Type.StringType st) {
            element = Type.S8;
            length = st.capacity();
        } else if (base instanceof Type.PointerType p && !(p.pointee() instanceof Type.VoidType)) {
            element = p.pointee();
            length = -1;
        } else {
            scope.error(ix.span(), "The [] operator can not be used on expressions of type '" + display(base) + "'");
            return Type.U64;
        }
        if (length >= 0 && !inMemory(ix.base()) && !(ix.index() instanceof Expr.IntLit)) {
            scope.error(ix.index().span(), "Array index must be an integer literal");
        }
        if (length > 0 && ix.index() instanceof Expr.IntLit lit && (lit.value() < 0 || lit.value() >= length)) {
            scope.error(ix.index().span(), "the index " + lit.value() + " is out of bounds for array of size " + length);
        }
        inheritUser(ix.base(), ix);
        return value(element, ix);
    }

    /** {@code args.NAME} of a kfunc/kretfunc: the function's parameter, typed from BTF. */
    Type functionArg(Expr.FieldAccess f) {
        String fn = scope.attachPoint().target();
        Optional<BtfTypes.Function> proto = ctypes.function(fn);
        if (proto.isEmpty()) {
            scope.error(f.span(), "No BTF prototype for kernel function " + fn);
            return Type.U64;
        }
        var i = proto.get().indexOf(f.field());
        if (i.isEmpty()) {
            scope.error(f.span(), "Can't find function parameter " + f.field());
            return Type.U64;
        }
        types.resolve(f, new Resolution.FunctionArg(i.getAsInt()));
        Type t = proto.get().params().get(i.getAsInt()).type();
        if (!(t instanceof Type.IntType || t instanceof Type.PointerType)) {
            scope.error(f.span(), "Parameter " + f.field() + " of type '" + t.displayName() + "' is passed by value: not supported");
            return Type.U64;
        }
        return t;
    }

    /** The type a $variable keeps: like map storage (ints widen to 64 bits), but pointers stay typed pointers. */
    static Type localType(Type t) {
        return t instanceof Type.PointerType ? t : Checker.storageType(t);
    }

    /** Conditions (if, while, ?:, predicates) test integers and pointers against zero. */
    static boolean isTruthValue(Type t) {
        return t instanceof Type.IntType || t instanceof Type.PointerType;
    }

    /** Pointers compare (==, <, &&…) with pointers and integers as unsigned addresses. */
    static boolean comparesPointers(dev.bpfbook.lang.ast.BinaryOp op, Type l, Type r) {
        boolean scalars = (l instanceof Type.IntType || l instanceof Type.PointerType) && (r instanceof Type.IntType || r instanceof Type.PointerType);
        return scalars && (l instanceof Type.PointerType || r instanceof Type.PointerType) && (op.isComparison() || op.isLogical());
    }

    /**
     * C pointer arithmetic: pointer ± integer (and integer + pointer) is a pointer of the same type, moved
     * by whole elements; pointer − pointer (same type) is the int64 number of elements between them.
     * Null when the operands are not one of these.
     */
    static Type pointerArithmetic(dev.bpfbook.lang.ast.BinaryOp op, Type l, Type r) {
        boolean add = op == dev.bpfbook.lang.ast.BinaryOp.ADD, sub = op == dev.bpfbook.lang.ast.BinaryOp.SUB;
        if (l instanceof Type.PointerType && r instanceof Type.IntType && (add || sub)) return l;
        if (l instanceof Type.IntType && r instanceof Type.PointerType && add) return r;
        if (l instanceof Type.PointerType && sub && r.equals(l)) return Type.S64;
        return null;
    }

    /** bpftrace prints pointer types as "struct sock *". */
    static String display(Type t) {
        return t.displayName();
    }
}
