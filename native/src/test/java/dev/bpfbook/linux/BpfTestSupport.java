package dev.bpfbook.linux;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips BPF tests where BPF is unavailable, with the reason; fails them instead when the
 * environment sets BPFBOOK_REQUIRE_BPF=1 (CI). Use @ExtendWith(BpfTestSupport.class) on a class
 * or call requireBpf() at the start of a test.
 */
public final class BpfTestSupport implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
        requireBpf();
    }

    public static void requireBpf() {
        String reason = BpfAvailability.unavailableReason();
        if (reason == null) return;
        if ("1".equals(System.getenv("BPFBOOK_REQUIRE_BPF"))) {
            fail("BPF is required (BPFBOOK_REQUIRE_BPF=1) but unavailable: " + reason);
        }
        System.err.println("skipping BPF test: " + reason);
        Assumptions.abort(reason);
    }
}
