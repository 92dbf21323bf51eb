package dev.bpfbook.lang.diag;

import java.util.List;

/** A program that cannot be compiled. {@link #getMessage()} is the full bpftrace-style text. */
public final class CompileException extends Exception {
    private final List<Diagnostic> diagnostics;

    public CompileException(List<Diagnostic> diagnostics, String renderedText) {
        super(renderedText);
        this.diagnostics = List.copyOf(diagnostics);
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
