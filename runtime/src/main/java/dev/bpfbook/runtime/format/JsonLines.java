package dev.bpfbook.runtime.format;

/**
 * The one-line messages of {@code bpftrace -f json} other than maps (see {@link MapPrinter#json}). Each ends
 * with a newline. Text-mode equivalents are noted for the caller's convenience.
 */
public final class JsonLines {
    private JsonLines() {}

    /** printf output; text mode prints {@code text} as is. */
    public static String printf(String text) {
        return message("printf", text);
    }

    /** time() output; text mode prints it as is. */
    public static String time(String text) {
        return message("time", text);
    }

    /** cat() output. */
    public static String cat(String text) {
        return message("cat", text);
    }

    /** join() output; text mode prints it followed by a newline. */
    public static String join(String text) {
        return message("join", text);
    }

    /** system() output. */
    public static String syscall(String text) {
        return message("syscall", text);
    }

    /** print(expr) of a non-map value; text mode prints {@code value.text() + "\n"}. */
    public static String value(Value value) {
        return "{\"type\": \"value\", \"data\": " + value.json() + "}\n";
    }

    /** Text mode: "Attaching 1 probe...\n" / "Attaching N probes...\n". */
    public static String attachedProbes(long n) {
        return "{\"type\": \"attached_probes\", \"data\": {\"probes\": " + n + "}}\n";
    }

    public static String attachedProbesText(long n) {
        return "Attaching " + n + (n == 1 ? " probe...\n" : " probes...\n");
    }

    /** Text mode: "Lost N events\n". */
    public static String lostEvents(long n) {
        return "{\"type\": \"lost_events\", \"data\": {\"events\": " + n + "}}\n";
    }

    public static String lostEventsText(long n) {
        return "Lost " + n + " events\n";
    }

    private static String message(String type, String text) {
        return "{\"type\": \"" + type + "\", \"data\": " + Json.quote(text) + "}\n";
    }
}
