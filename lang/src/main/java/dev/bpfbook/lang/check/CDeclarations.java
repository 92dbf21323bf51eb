package dev.bpfbook.lang.check;

import dev.bpfbook.lang.types.Type;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A parser for the C definitions a script may start with: {@code struct}, {@code union} and
 * {@code enum} with integer, char, pointer, array, bitfield and nested record members, laid out with
 * the x86-64 C rules (natural alignment, records padded to their strictest member). Names that are not
 * C keywords are looked up with {@code lookup} (earlier definitions, then kernel BTF).
 */
final class CDeclarations {

    /** A definition that cannot be parsed; {@code at} is the character offset in the definition text. */
    static final class Problem extends Exception {
        final int at;

        Problem(String message, int at) {
            super(message);
            this.at = at;
        }
    }

    /** What one definition added: records by C name ("struct X"), enum types and enum constants. */
    record Result(Map<String, Type.RecordType> records, Map<String, Type> enums, Map<String, Long> constants) {}

    private record Token(String text, int at) {}

    private final List<Token> tokens = new ArrayList<>();
    private final Function<String, Optional<Type>> lookup;
    private final Map<String, Type.RecordType> records = new LinkedHashMap<>();
    private final Map<String, Type> enums = new LinkedHashMap<>();
    private final Map<String, Long> constants = new LinkedHashMap<>();
    private int pos;
    private int anonymous;

    private CDeclarations(String text, Function<String, Optional<Type>> lookup) throws Problem {
        this.lookup = lookup;
        tokenize(text);
    }

    /** Parses one definition (which may define nested records too). */
    static Result parse(String text, Function<String, Optional<Type>> lookup) throws Problem {
        CDeclarations p = new CDeclarations(text, lookup);
        p.definition();
        if (p.peek() != null && p.peek().equals(";")) p.pos++;
        if (p.peek() != null) throw p.problem("unexpected '" + p.peek() + "' after the definition");
        return new Result(p.records, p.enums, p.constants);
    }

    private void tokenize(String s) throws Problem {
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (s.startsWith("//", i)) {
                while (i < s.length() && s.charAt(i) != '\n') i++;
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                i = end < 0 ? s.length() : end + 2;
            } else if (Character.isLetter(c) || c == '_') {
                int st = i;
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) i++;
                tokens.add(new Token(s.substring(st, i), st));
            } else if (Character.isDigit(c)) {
                int st = i;
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)))) i++;
                tokens.add(new Token(s.substring(st, i), st));
            } else if ("{};*[]:,=-()".indexOf(c) >= 0) {
                tokens.add(new Token(String.valueOf(c), i));
                i++;
            } else {
                throw new Problem("unexpected character '" + c + "' in C definition", i);
            }
        }
    }

    private String peek() {
        return pos < tokens.size() ? tokens.get(pos).text() : null;
    }

    private String next() throws Problem {
        if (pos >= tokens.size()) throw problem("unexpected end of C definition");
        return tokens.get(pos++).text();
    }

    private void expect(String t) throws Problem {
        String got = peek();
        if (!t.equals(got)) throw problem("expected '" + t + "'" + (got == null ? " at end of definition" : " before '" + got + "'"));
        pos++;
    }

    private Problem problem(String message) {
        int at = pos < tokens.size() ? tokens.get(pos).at() : tokens.isEmpty() ? 0 : tokens.get(tokens.size() - 1).at();
        return new Problem(message, at);
    }

    private static boolean isIdent(String t) {
        return t != null && (Character.isLetter(t.charAt(0)) || t.charAt(0) == '_');
    }

    private Type definition() throws Problem {
        String kw = next();
        switch (kw) {
            case "struct", "union" -> {
                String name = isIdent(peek()) ? next() : null;
                if (!"{".equals(peek())) {
                    if (name == null) throw problem("expected a name or '{' after " + kw);
                    return reference(kw + " " + name);
                }
                return recordBody(kw, name);
            }
            case "enum" -> {
                String name = isIdent(peek()) ? next() : null;
                if ("{".equals(peek())) enumBody();
                Type t = Type.U32; // C enums are int-sized
                if (name != null) enums.put("enum " + name, t);
                return t;
            }
            default -> throw problem("expected struct, union or enum");
        }
    }

    private Type.RecordType recordBody(String kw, String name) throws Problem {
        expect("{");
        boolean union = kw.equals("union");
        List<Type.RecordType.Field> fields = new ArrayList<>();
        long bitPos = 0;
        int maxAlign = 1;
        long unionSize = 0;
        while (!"}".equals(peek())) {
            Type base = typeSpecifier();
            if (";".equals(peek()) && base instanceof Type.RecordType r && r.displayName().contains("<anon")) {
                // An anonymous struct/union member: its fields are reachable directly.
                pos++;
                int align = alignOf(r);
                maxAlign = Math.max(maxAlign, align);
                long off = union ? 0 : roundUp(ceilDiv(bitPos, 8), align);
                fields.add(new Type.RecordType.Field("", r, (int) off, 0, 0));
                if (union) unionSize = Math.max(unionSize, r.size());
                else bitPos = (off + r.size()) * 8;
                continue;
            }
            while (true) {
                int stars = 0;
                while ("*".equals(peek())) {
                    pos++;
                    stars++;
                }
                String fname = next();
                if (!isIdent(fname)) throw problem("expected a member name");
                Type t = base;
                for (int i = 0; i < stars; i++) t = new Type.PointerType(CTypes.reference(t));
                List<Integer> dims = new ArrayList<>();
                while ("[".equals(peek())) {
                    pos++;
                    dims.add("]".equals(peek()) ? 0 : (int) number(next()));
                    expect("]");
                }
                for (int i = dims.size() - 1; i >= 0; i--) {
                    t = isChar(t) && i == dims.size() - 1 ? new Type.StringType(dims.get(i)) : new Type.ArrayType(t, dims.get(i));
                }
                int bits = 0;
                if (":".equals(peek())) {
                    pos++;
                    bits = (int) number(next());
                    if (!(t instanceof Type.IntType)) throw problem("bitfield " + fname + " must have an integer type");
                }
                int align = alignOf(t);
                maxAlign = Math.max(maxAlign, align);
                if (union) {
                    fields.add(new Type.RecordType.Field(fname, t, 0, 0, bits));
                    unionSize = Math.max(unionSize, bits > 0 ? t.size() : t.size());
                } else if (bits > 0) {
                    int unit = t.size() * 8;
                    if (bitPos % unit + bits > unit) bitPos = roundUp(bitPos, unit);
                    fields.add(new Type.RecordType.Field(fname, t, (int) (bitPos / 8), (int) (bitPos % 8), bits));
                    bitPos += bits;
                } else {
                    long off = roundUp(ceilDiv(bitPos, 8), align);
                    fields.add(new Type.RecordType.Field(fname, t, (int) off, 0, 0));
                    bitPos = (off + t.size()) * 8;
                }
                if (",".equals(peek())) {
                    pos++;
                    continue;
                }
                expect(";");
                break;
            }
        }
        expect("}");
        long size = union ? unionSize : ceilDiv(bitPos, 8);
        size = roundUp(size, maxAlign);
        String cName = kw + " " + (name != null ? name : "<anon" + (++anonymous) + ">");
        Type.RecordType r = new Type.RecordType(cName, (int) size, fields);
        if (name != null) records.put(cName, r);
        return r;
    }

    private void enumBody() throws Problem {
        expect("{");
        long value = 0;
        while (!"}".equals(peek())) {
            String name = next();
            if (!isIdent(name)) throw problem("expected an enumerator name");
            if ("=".equals(peek())) {
                pos++;
                boolean neg = "-".equals(peek());
                if (neg) pos++;
                String v = next();
                Long known = constants.get(v);
                value = known != null ? known : number(v);
                if (neg) value = -value;
            }
            constants.put(name, value);
            value++;
            if (",".equals(peek())) pos++;
            else if (!"}".equals(peek())) throw problem("expected ',' or '}' in enum");
        }
        expect("}");
    }

    /** Qualifiers and a base type: C integer keywords, struct/union/enum, or a typedef name. */
    private Type typeSpecifier() throws Problem {
        while ("const".equals(peek()) || "volatile".equals(peek()) || "static".equals(peek())) pos++;
        String t = peek();
        if (t == null) throw problem("expected a type");
        if (t.equals("struct") || t.equals("union") || t.equals("enum")) return definition();
        List<String> words = new ArrayList<>();
        while (isIntWord(peek())) words.add(next());
        while ("const".equals(peek()) || "volatile".equals(peek())) pos++;
        if (!words.isEmpty()) return cInteger(words);
        String name = next();
        if (!isIdent(name)) throw problem("expected a type before '" + name + "'");
        Optional<Type> known = CTypes.builtinType(name).or(() -> lookup.apply(name));
        if (known.isEmpty()) throw new Problem("unknown type name '" + name + "'", tokens.get(pos - 1).at());
        while ("const".equals(peek()) || "volatile".equals(peek())) pos++;
        return known.get();
    }

    private Type reference(String cName) {
        Type.RecordType own = records.get(cName);
        if (own != null) return own;
        return lookup.apply(cName).orElse(new Type.RecordType(cName, 0, List.of()));
    }

    private static boolean isIntWord(String w) {
        return w != null && switch (w) {
            case "unsigned", "signed", "char", "short", "int", "long", "_Bool" -> true;
            default -> false;
        };
    }

    private Type cInteger(List<String> words) {
        boolean unsigned = words.contains("unsigned");
        long longs = words.stream().filter("long"::equals).count();
        if (words.contains("_Bool")) return Type.U8;
        if (words.contains("char")) return unsigned ? Type.U8 : Type.S8;
        if (words.contains("short")) return unsigned ? Type.U16 : Type.S16;
        if (longs > 0) return unsigned ? Type.U64 : Type.S64;
        return unsigned ? Type.U32 : Type.S32;
    }

    private static boolean isChar(Type t) {
        return t instanceof Type.IntType i && i.bytes() == 1 && i.signed();
    }

    private long number(String text) throws Problem {
        try {
            return Long.decode(text.replaceAll("[uUlL]+$", ""));
        } catch (NumberFormatException e) {
            Long c = constants.get(text);
            if (c != null) return c;
            throw problem("expected a number, got '" + text + "'");
        }
    }

    /** C alignment: ints and pointers their size, arrays their element, records their strictest member. */
    static int alignOf(Type t) {
        if (t instanceof Type.RecordType r) {
            int a = 1;
            for (var f : r.fields()) a = Math.max(a, alignOf(f.type()));
            return r.fields().isEmpty() ? r.alignment() : a;
        }
        if (t instanceof Type.ArrayType a) return alignOf(a.element());
        if (t instanceof Type.StringType) return 1;
        return Math.max(1, Math.min(8, t.size()));
    }

    private static long roundUp(long v, long a) {
        return (v + a - 1) / a * a;
    }

    private static long ceilDiv(long v, long d) {
        return (v + d - 1) / d;
    }
}
