package dev.bpfbook.lang.check;

import java.util.ArrayList;
import java.util.List;

/** The conversion directives of a printf format string, as bpftrace accepts them. */
public record PrintfFormat(String format, List<Directive> directives) {

    /** One {@code %[flags][width][.precision][length]conversion}; {@code conversion} is the final letter. */
    public record Directive(String text, char conversion, String length) {
        public boolean wantsString() {
            return conversion == 's';
        }

        public boolean wantsInteger() {
            return "diuxXcop".indexOf(conversion) >= 0;
        }

        /** {@code %r}: a buf() value, printed with non-printable bytes hex-escaped. */
        public boolean wantsBuffer() {
            return conversion == 'r';
        }
    }

    public static PrintfFormat parse(String format) throws FormatError {
        List<Directive> out = new ArrayList<>();
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            if (c != '%') {
                i++;
                continue;
            }
            int start = i++;
            if (i < format.length() && format.charAt(i) == '%') {
                i++;
                continue;
            }
            while (i < format.length() && "-+ #0".indexOf(format.charAt(i)) >= 0) i++;
            while (i < format.length() && Character.isDigit(format.charAt(i))) i++;
            if (i < format.length() && format.charAt(i) == '.') {
                i++;
                while (i < format.length() && Character.isDigit(format.charAt(i))) i++;
            }
            int lenStart = i;
            while (i < format.length() && "hlzjt".indexOf(format.charAt(i)) >= 0) i++;
            String length = format.substring(lenStart, i);
            if (i >= format.length()) throw new FormatError("printf: Invalid format string: incomplete directive '" + format.substring(start) + "'");
            char conv = format.charAt(i++);
            if ("diuxXcsopr".indexOf(conv) < 0) {
                throw new FormatError("printf: Unknown format string token: %" + format.substring(start + 1, i));
            }
            out.add(new Directive(format.substring(start, i), conv, length));
        }
        return new PrintfFormat(format, out);
    }

    public static final class FormatError extends Exception {
        public FormatError(String message) {
            super(message);
        }
    }
}
