package dev.bpfbook.lang.diag;

import dev.bpfbook.lang.ast.Span;

/** One positioned message. Rendered in bpftrace's form by {@link Diagnostics#render}. */
public record Diagnostic(Severity severity, String message, Span span) {
    public enum Severity { ERROR, WARNING }

    public static Diagnostic error(Span span, String message) {
        return new Diagnostic(Severity.ERROR, message, span);
    }

    public static Diagnostic warning(Span span, String message) {
        return new Diagnostic(Severity.WARNING, message, span);
    }
}
