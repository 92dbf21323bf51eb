package dev.bpfbook.lang.diag;

import java.util.List;

/** Renders diagnostics exactly as bpftrace does. */
public final class Diagnostics {
    private Diagnostics() {}

    /**
     * {@code NAME:LINE:COL-ENDCOL: ERROR: message}, then the source line, then '~' under the span.
     * {@code name} is "stdin" for -e programs and the path for files.
     */
    public static String render(String name, String source, List<Diagnostic> diagnostics) {
        StringBuilder out = new StringBuilder();
        String[] lines = source.split("\n", -1);
        for (Diagnostic d : diagnostics) {
            var s = d.span();
            String level = d.severity() == Diagnostic.Severity.ERROR ? "ERROR" : "WARNING";
            if (s.line() <= 0) {
                out.append(name).append(": ").append(level).append(": ").append(d.message()).append('\n');
                continue;
            }
            out.append(name).append(':').append(s.line()).append(':').append(s.col()).append('-').append(s.endCol())
               .append(": ").append(level).append(": ").append(d.message()).append('\n');
            String line = s.line() <= lines.length ? lines[s.line() - 1] : "";
            out.append(line).append('\n');
            // A zero-width span (an error at end of input) gets an empty underline, as bpftrace prints it.
            int end = s.endLine() == s.line() ? s.endCol() : line.length() + 1;
            out.append(" ".repeat(Math.max(0, s.col() - 1))).append("~".repeat(Math.max(0, end - s.col()))).append('\n');
        }
        return out.toString();
    }
}
