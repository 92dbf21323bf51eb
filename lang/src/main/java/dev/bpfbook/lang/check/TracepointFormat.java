package dev.bpfbook.lang.check;

import dev.bpfbook.lang.types.Type;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The record layout of one tracepoint, parsed from tracefs {@code events/CAT/NAME/format}. Only the
 * fields after the common ones (those not starting with {@code common_}) are visible as {@code args}.
 */
public record TracepointFormat(String category, String name, List<Field> fields) {

    /** How a field's bytes are interpreted. */
    public enum Kind {
        /** An integer of {@code size} bytes. */
        INTEGER,
        /** A pointer (8 bytes); {@code pointee} names what it points to. */
        POINTER,
        /** A fixed array {@code T name[N]}; char arrays are strings. */
        ARRAY,
        /** {@code __data_loc T[] name}: a u32 whose low 16 bits are the data's offset in the record, high 16 its length. */
        DATA_LOC
    }

    /**
     * One field. {@code cType} is the declared C type without the name ("const char *", "unsigned long"),
     * {@code elementType} the element type of arrays and data_loc fields.
     */
    public record Field(String name, String cType, Kind kind, int offset, int size, boolean signed,
                        int arrayLength, String elementType) {

        public boolean isCommon() {
            return name.startsWith("common_");
        }

        public boolean isCharArray() {
            return kind == Kind.ARRAY && isCharType(elementType);
        }

        /** bpftrace's view of the field's value type, with pointers to records left as pointers to u64. */
        public Type type() {
            return type(name -> Optional.empty());
        }

        /**
         * The field's value type; {@code named} resolves the record and typedef names pointers point to
         * ("struct iovec", "sigset_t"), so {@code args->iov->iov_len} can be typed.
         */
        public Type type(java.util.function.Function<String, Optional<Type>> named) {
            return switch (kind) {
                case INTEGER -> new Type.IntType(size, signed);
                case POINTER -> typeOf(cType, named);
                case ARRAY -> isCharArray() ? new Type.StringType(arrayLength)
                        : new Type.ArrayType(arrayElement(named), arrayLength);
                case DATA_LOC -> new Type.PointerType(Type.U8);
            };
        }

        private Type arrayElement(java.util.function.Function<String, Optional<Type>> named) {
            if (elementType.contains("*")) return typeOf(elementType, named);
            return new Type.IntType(size / Math.max(1, arrayLength), signedType(elementType));
        }
    }

    private static final Pattern LINE = Pattern.compile(
            "^\\s*field:(.+?);\\s*offset:(\\d+);\\s*size:(\\d+);\\s*signed:(\\d+);\\s*$");
    private static final Pattern ARRAY = Pattern.compile("^(.*?)\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\[(\\w*)]$");

    /** Parses the format text; lines that are not field lines (name, ID, print fmt) are skipped. */
    public static TracepointFormat parse(String category, String name, String text) {
        List<Field> fields = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (!m.matches()) continue;
            String decl = m.group(1).trim();
            int offset = Integer.parseInt(m.group(2));
            int size = Integer.parseInt(m.group(3));
            boolean signedFlag = !m.group(4).equals("0");
            fields.add(parseField(decl, offset, size, signedFlag));
        }
        return new TracepointFormat(category, name, fields);
    }

    private static Field parseField(String decl, int offset, int size, boolean signedFlag) {
        if (decl.startsWith("__data_loc ")) {
            String rest = decl.substring("__data_loc ".length()).trim();
            Matcher a = ARRAY.matcher(rest);
            String fieldName;
            String element;
            if (a.matches()) { // "char[] filename" does not match; handled below
                fieldName = a.group(2);
                element = a.group(1);
            } else {
                int sp = rest.lastIndexOf(' ');
                fieldName = rest.substring(sp + 1);
                element = rest.substring(0, sp).replace("[]", "").trim();
            }
            return new Field(fieldName, rest, Kind.DATA_LOC, offset, size, false, 0, element);
        }
        Matcher a = ARRAY.matcher(decl);
        if (a.matches()) {
            String element = a.group(1).trim();
            int length = a.group(3).isEmpty() ? 0 : parseLength(a.group(3), size, element);
            return new Field(a.group(2), element + "[" + a.group(3) + "]", Kind.ARRAY, offset, size,
                    signedFlag, length, element);
        }
        int split = Math.max(decl.lastIndexOf(' '), decl.lastIndexOf('*'));
        String fieldName = decl.substring(split + 1).trim();
        String cType = decl.substring(0, split + 1).trim();
        if (cType.endsWith("*")) {
            return new Field(fieldName, cType, Kind.POINTER, offset, size, false, 0, null);
        }
        // The size wins over the C type (syscall records store "int fd" in 8 bytes); the C type's
        // signedness wins over the flag when it is a plain C integer type.
        boolean signed = isKnownIntType(cType) ? signedType(cType) : signedFlag;
        return new Field(fieldName, cType, Kind.INTEGER, offset, size, signed, 0, null);
    }

    private static int parseLength(String text, int size, String element) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) { // a macro such as TASK_COMM_LEN: derive from size
            int elemSize = isCharType(element) ? 1 : 8;
            return size / elemSize;
        }
    }

    public Optional<Field> field(String fieldName) {
        return fields.stream().filter(f -> f.name.equals(fieldName)).findFirst();
    }

    /** Fields visible through {@code args}. */
    public List<Field> argFields() {
        return fields.stream().filter(f -> !f.isCommon()).toList();
    }

    /** Qualifiers that do not change a C type's layout. */
    private static final Pattern QUALIFIERS = Pattern.compile(
            "\\b(const|volatile|restrict|__restrict|__user|__iomem|__rcu|__force|__seg_gs|__seg_fs)\\b");

    /**
     * The lang type of C type text from a format file: {@code "const char *const *"} is a pointer to a
     * pointer to char, {@code "int *"} a pointer to int32. Char targets are u8 (strings read through them),
     * records and typedefs come from {@code named}, and void or unknown targets read as u64.
     */
    public static Type typeOf(String text, java.util.function.Function<String, Optional<Type>> named) {
        int depth = (int) text.chars().filter(ch -> ch == '*').count();
        String base = QUALIFIERS.matcher(text.replace("*", " ")).replaceAll(" ").trim().replaceAll("\\s+", " ");
        Type t = baseType(base, named);
        if (depth == 0) return t;
        for (int i = 0; i < depth; i++) t = new Type.PointerType(t);
        return t;
    }

    private static Type baseType(String base, java.util.function.Function<String, Optional<Type>> named) {
        if (isCharType(base)) return Type.U8;
        Integer size = intSize(base);
        if (size != null) return new Type.IntType(size, signedType(base));
        Optional<Type> t = named.apply(base);
        if (t.isPresent() && !(t.get() instanceof Type.VoidType)) {
            return t.get() instanceof Type.RecordType r ? new Type.RecordType(r.name(), r.size(), List.of()) : t.get();
        }
        return Type.U64;
    }

    /** The size of a C integer type named in format files, or null when {@code t} is not one. */
    private static Integer intSize(String t) {
        if (t.matches("(__)?[su]8|u?int8_t|bool|_Bool")) return 1;
        if (t.matches("(__)?[su]16|u?int16_t|(unsigned |signed )?short( int)?|umode_t")) return 2;
        if (t.matches("(__)?[su]32|u?int32_t|(unsigned |signed )?int|unsigned|signed|pid_t|uid_t|gid_t|dev_t|gfp_t")) return 4;
        if (t.matches("(__)?[su]64|u?int64_t|(unsigned |signed )?long( long)?( int)?|size_t|ssize_t|loff_t|off_t")) return 8;
        return null;
    }

    static boolean isCharType(String t) {
        String s = t.replace("const ", "").replace("volatile ", "").trim();
        return s.equals("char") || s.equals("unsigned char") || s.equals("signed char") || s.equals("u8") || s.equals("__u8");
    }

    private static boolean isKnownIntType(String t) {
        String s = t.replace("const ", "").trim();
        return s.matches("(unsigned |signed )?(char|short|int|long|long long)|unsigned|bool|_Bool"
                + "|(__)?[su](8|16|32|64)|u?int(8|16|32|64)_t|size_t|ssize_t|pid_t|loff_t|off_t|gfp_t|umode_t|dev_t|uid_t|gid_t");
    }

    private static boolean signedType(String t) {
        String s = t.replace("const ", "").trim();
        if (s.startsWith("unsigned") || s.equals("bool") || s.equals("_Bool") || s.equals("size_t") || s.equals("gfp_t")
                || s.equals("umode_t") || s.equals("dev_t") || s.equals("uid_t") || s.equals("gid_t")) return false;
        if (s.matches("(__)?u(8|16|32|64)|uint(8|16|32|64)_t")) return false;
        return true;
    }
}
