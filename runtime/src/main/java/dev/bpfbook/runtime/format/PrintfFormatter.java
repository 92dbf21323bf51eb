package dev.bpfbook.runtime.format;

import dev.bpfbook.lang.program.AsyncAction;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * bpftrace 0.17's printf. bpftrace finds each conversion with the pattern
 * {@code %-?[0-9]*(\.[0-9]+)?(length?conversion)}, cuts the format after each one and hands every piece,
 * literal text included, to C snprintf with one argument; whatever follows the last conversion is copied
 * raw. So "%%" before a conversion prints "%", but after the last one (or in a printf without arguments)
 * it stays "%%", and in "%%d" the "%d" still takes an argument. Integers arrive as 64-bit values (sign- or
 * zero-extended from their type) and C's varargs rules narrow them: no length modifier reads 32 bits,
 * "h" 16, "hh" 8, and l/ll/j/z/t all 64.
 */
public final class PrintfFormatter {
    private static final String CONVERSIONS = "csdiuxXpr";

    private final ValueDecoder decoder;

    public PrintfFormatter(ValueDecoder decoder) {
        this.decoder = decoder;
    }

    public PrintfFormatter() {
        this(new ValueDecoder());
    }

    /** Formats a printf record: {@code record} is the whole ring record (the action id is at offset 0). */
    public String format(AsyncAction.Printf action, byte[] record) {
        return format(action.format(), action.args(), record);
    }

    /** Also serves system() and cat(), whose arguments have the same layout. */
    public String format(String fmt, List<AsyncAction.Arg> args, byte[] record) {
        List<Value> values = new ArrayList<>();
        for (AsyncAction.Arg a : args) values.add(decoder.decode(a.type(), record, a.offset()));
        return format(fmt, values);
    }

    /** Formats already decoded arguments ({@link Value.Int} for integers; anything else prints its text). */
    public static String format(String fmt, List<Value> args) {
        StringBuilder out = new StringBuilder();
        int start = 0;
        int argIndex = 0;
        int pos = 0;
        while (pos < fmt.length() && argIndex < args.size()) {
            int at = fmt.indexOf('%', pos);
            if (at < 0) break;
            Spec spec = Spec.parse(fmt, at);
            if (spec == null) {
                pos = at + 1;
                continue;
            }
            snprintf(fmt.substring(start, spec.end), args.get(argIndex++), out);
            start = pos = spec.end;
        }
        out.append(fmt, start, fmt.length());
        return out.toString();
    }

    /** C snprintf of one piece of the format with one argument: "%%" is a percent sign, the first conversion takes the argument. */
    private static void snprintf(String piece, Value arg, StringBuilder out) {
        boolean used = false;
        for (int i = 0; i < piece.length(); ) {
            char c = piece.charAt(i);
            if (c == '%' && i + 1 < piece.length() && piece.charAt(i + 1) == '%') {
                out.append('%');
                i += 2;
                continue;
            }
            Spec spec = c == '%' && !used ? Spec.parse(piece, i) : null;
            if (spec != null) {
                out.append(spec.apply(arg));
                used = true;
                i = spec.end;
            } else {
                out.append(c);
                i++;
            }
        }
    }

    /**
     * join(array, sep): the strings in the record ({@code count} slots of {@code width} bytes) joined by the
     * separator, stopping at the first empty slot as bpftrace does. Text mode prints it with a newline.
     */
    public static String join(AsyncAction.Join join, byte[] record) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < join.count(); i++) {
            int off = join.offset() + i * join.width();
            if (off >= record.length || record[off] == 0) break;
            if (i > 0) sb.append(join.separator());
            sb.append(ValueDecoder.cString(record, off, join.width()));
        }
        return sb.toString();
    }

    /**
     * time(fmt): strftime of {@code now}; empty when C strftime would return 0 (an empty result, or one that
     * does not fit bpftrace's 64-byte buffer), which bpftrace reports as "ERROR: strftime returned 0".
     */
    public static Optional<String> time(String fmt, ZonedDateTime now) {
        String s = Strftime.format(fmt, now);
        int bytes = s.getBytes(StandardCharsets.UTF_8).length;
        return bytes == 0 || bytes >= 64 ? Optional.empty() : Optional.of(s);
    }

    /** One conversion: flags '-' and '0', width, precision, length modifier and conversion letter. */
    private record Spec(boolean left, boolean zero, int width, int precision, String length, char conv, int end) {

        static Spec parse(String f, int at) {
            int i = at + 1;
            boolean left = false, zero = false;
            if (i < f.length() && f.charAt(i) == '-') { left = true; i++; }
            while (i < f.length() && f.charAt(i) == '0') { zero = true; i++; }
            int width = 0;
            while (i < f.length() && Character.isDigit(f.charAt(i))) width = width * 10 + (f.charAt(i++) - '0');
            int precision = -1;
            if (i + 1 < f.length() && f.charAt(i) == '.' && Character.isDigit(f.charAt(i + 1))) {
                i++;
                precision = 0;
                while (i < f.length() && Character.isDigit(f.charAt(i))) precision = precision * 10 + (f.charAt(i++) - '0');
            }
            int lenStart = i;
            while (i < f.length() && "hlzjt".indexOf(f.charAt(i)) >= 0 && i - lenStart < 2) i++;
            String length = f.substring(lenStart, i);
            if (i >= f.length()) return null;
            char conv = f.charAt(i);
            boolean valid = switch (conv) {
                case 's', 'r', 'c' -> length.isEmpty();
                case 'd', 'u', 'x', 'X', 'p' -> length.isEmpty() || length.equals("hh") || length.equals("h")
                        || length.equals("l") || length.equals("ll") || length.length() == 1 && "jzt".contains(length);
                default -> false;
            };
            return valid ? new Spec(left, zero, width, precision, length, conv, i + 1) : null;
        }

        String apply(Value arg) {
            return switch (conv) {
                case 's', 'r' -> pad(truncate(arg.text()), ' ');
                case 'c' -> pad(String.valueOf((char) (longOf(arg) & 0xff)), ' ');
                case 'p' -> pointer(longOf(arg));
                default -> integer(longOf(arg));
            };
        }

        private static long longOf(Value v) {
            return v instanceof Value.Int i ? i.value() : 0;
        }

        private String integer(long raw) {
            int bits = switch (length) {
                case "" -> 32;
                case "h" -> 16;
                case "hh" -> 8;
                default -> 64;
            };
            long v = bits == 64 ? raw : raw & ((1L << bits) - 1);
            boolean negative = false;
            String digits;
            if (conv == 'd' || conv == 'i') {
                if (bits < 64) v = (v << (64 - bits)) >> (64 - bits);
                negative = v < 0;
                digits = negative ? Long.toUnsignedString(-v) : Long.toString(v);
            } else if (conv == 'u') {
                digits = Long.toUnsignedString(v);
            } else {
                digits = Long.toHexString(v);
                if (conv == 'X') digits = digits.toUpperCase();
            }
            if (precision >= 0) {
                if (precision == 0 && v == 0) digits = "";
                if (digits.length() < precision) digits = "0".repeat(precision - digits.length()) + digits;
            }
            String sign = negative ? "-" : "";
            if (zero && !left && precision < 0 && sign.length() + digits.length() < width) {
                digits = "0".repeat(width - sign.length() - digits.length()) + digits;
            }
            return pad(sign + digits, ' ');
        }

        // glibc prints a null pointer as "(nil)" and others like %#lx.
        private String pointer(long v) {
            if (v == 0) return pad("(nil)", ' ');
            String digits = Long.toHexString(v);
            if (zero && !left && digits.length() + 2 < width) digits = "0".repeat(width - 2 - digits.length()) + digits;
            return pad("0x" + digits, ' ');
        }

        // C counts bytes, not characters.
        private String truncate(String s) {
            if (precision < 0) return s;
            StringBuilder sb = new StringBuilder();
            int bytes = 0;
            for (int cp : s.codePoints().toArray()) {
                int n = utf8Length(cp);
                if (bytes + n > precision) break;
                sb.appendCodePoint(cp);
                bytes += n;
            }
            return sb.toString();
        }

        private String pad(String s, char fill) {
            int len = s.getBytes(StandardCharsets.UTF_8).length;
            if (len >= width) return s;
            String padding = String.valueOf(fill).repeat(width - len);
            return left ? s + padding : padding + s;
        }

        private static int utf8Length(int cp) {
            return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        }
    }
}
