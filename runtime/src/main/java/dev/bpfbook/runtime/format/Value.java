package dev.bpfbook.runtime.format;

import java.util.ArrayList;
import java.util.List;

/**
 * A decoded bpftrace value. {@link #text()} is how bpftrace prints it in text output (map values, keys,
 * print()); {@link #json()} is how it appears inside {@code -f json} output.
 */
public sealed interface Value {

    String text();

    String json();

    /** An integer, already sign- or zero-extended to 64 bits from its declared width. */
    record Int(long value, boolean signed) implements Value {
        public String text() {
            return signed ? Long.toString(value) : Long.toUnsignedString(value);
        }

        public String json() {
            return text();
        }
    }

    /**
     * Text that bpftrace quotes in JSON: strings, symbols, stacks, inet addresses, buffers.
     */
    record Str(String value) implements Value {
        public String text() {
            return value;
        }

        public String json() {
            return Json.quote(value);
        }
    }

    /**
     * Text that bpftrace leaves unquoted even in JSON (pointers, MAC addresses, timestamps): its JSON is
     * not always valid, but it is what bpftrace prints.
     */
    record Bare(String value) implements Value {
        public String text() {
            return value;
        }

        public String json() {
            return value;
        }
    }

    /** buf(): printable ASCII kept, every other byte as {@code \xNN}. */
    record Buf(byte[] bytes) implements Value {
        public Buf {
            bytes = bytes.clone();
        }

        public String text() {
            StringBuilder sb = new StringBuilder();
            for (byte b : bytes) {
                int c = b & 0xff;
                if (c >= 32 && c <= 126) {
                    sb.append((char) c);
                } else {
                    sb.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
                }
            }
            return sb.toString();
        }

        public String json() {
            return Json.quote(text());
        }
    }

    record Tuple(List<Value> elements) implements Value {
        public Tuple {
            elements = List.copyOf(elements);
        }

        public String text() {
            return "(" + join(elements, ", ", false) + ")";
        }

        public String json() {
            return "[" + join(elements, ",", true) + "]";
        }
    }

    /** A C array: bpftrace prints it without spaces. */
    record Array(List<Value> elements) implements Value {
        public Array {
            elements = List.copyOf(elements);
        }

        public String text() {
            return "[" + join(elements, ",", false) + "]";
        }

        public String json() {
            return "[" + join(elements, ",", true) + "]";
        }
    }

    record Struct(List<Field> fields) implements Value {
        public record Field(String name, Value value) {}

        public Struct {
            fields = List.copyOf(fields);
        }

        public String text() {
            List<String> parts = new ArrayList<>();
            for (Field f : fields) parts.add("." + f.name() + " = " + f.value().text());
            return "{ " + String.join(", ", parts) + " }";
        }

        public String json() {
            List<String> parts = new ArrayList<>();
            for (Field f : fields) parts.add("\"" + f.name() + "\": " + f.value().json());
            return "{ " + String.join(", ", parts) + " }";
        }
    }

    private static String join(List<Value> values, String sep, boolean json) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) sb.append(sep);
            sb.append(json ? values.get(i).json() : values.get(i).text());
        }
        return sb.toString();
    }
}
