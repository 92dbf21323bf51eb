package dev.bpfbook.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** After each test: every program, map and perf event the test made has been closed. */
final class NoLeftoverFds implements AfterEachCallback {
    @Override
    public void afterEach(ExtensionContext context) {
        assertEquals(0, ProcessFds.count("bpf-prog"), "bpf-prog fds left: " + ProcessFds.byTarget());
        assertEquals(0, ProcessFds.count("bpf-map"), "bpf-map fds left: " + ProcessFds.byTarget());
        assertEquals(0, ProcessFds.count("[perf_event]"), "perf_event fds left: " + ProcessFds.byTarget());
    }
}
