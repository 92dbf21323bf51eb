package dev.bpfbook.kernel;

import java.util.List;

/**
 * A cell that failed in a way the user should read, not debug: Jupyter shows the subclass's simple name
 * as the error name and {@link #traceback()} as the error text.
 */
abstract class CellError extends Exception {
    CellError(String message, Throwable cause) {
        super(message, cause);
    }

    List<String> traceback() {
        return List.of(getMessage().split("\n", -1));
    }

    /** The program did not compile (syntax, types, probe or verifier); the message is bpftrace's text. */
    static final class CompileError extends CellError {
        CompileError(String diagnostics, Throwable cause) {
            super(diagnostics.stripTrailing(), cause);
        }
    }

    /** BPF cannot be used by this kernel process (no privileges, no bpf(2), ...). */
    static final class BpfUnavailable extends CellError {
        BpfUnavailable(String reason) {
            super(reason.stripTrailing(), null);
        }
    }

    /** The program compiled but failed to load, attach or run. */
    static final class RunError extends CellError {
        RunError(Throwable cause) {
            super(describe(cause), cause);
        }

        private static String describe(Throwable cause) {
            String message = cause.getMessage();
            return message == null || message.isBlank() ? cause.getClass().getName() : message.stripTrailing();
        }
    }
}
