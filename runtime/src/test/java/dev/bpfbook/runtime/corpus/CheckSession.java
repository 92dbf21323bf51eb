package dev.bpfbook.runtime.corpus;

import dev.bpfbook.lang.diag.CompileException;
import dev.bpfbook.runtime.RunOptions;
import dev.bpfbook.runtime.Session;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one Session a corpus test class checks its programs in: opened before the class's tests, closed
 * after them, when the class's tally is printed. Register it with {@code @RegisterExtension}.
 */
final class CheckSession implements BeforeAllCallback, AfterAllCallback {
    private final Supplier<String> summary;
    private Session session;

    CheckSession(Supplier<String> summary) {
        this.summary = summary;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        session = new Session();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (session != null) session.close();
        System.out.println(summary.get());
    }

    /** Session.check passes; on failure the assertion shows the rendered diagnostics. */
    void assertChecks(String source, RunOptions options) {
        try {
            session.check(source, options);
        } catch (CompileException e) {
            throw new AssertionError("check failed:\n" + e.getMessage(), e);
        }
    }

    /** Session.check fails, with positioned diagnostics whose text names {@code wanted}. */
    CompileException assertRefused(String source, RunOptions options, String wanted, String message) {
        CompileException e = assertThrows(CompileException.class, () -> session.check(source, options), message);
        assertTrue(e.getMessage().contains(wanted), "error should name " + wanted + ":\n" + e.getMessage());
        Corpus.assertPositioned(e, options.sourceName());
        return e;
    }
}
