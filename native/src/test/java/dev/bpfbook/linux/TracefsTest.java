package dev.bpfbook.linux;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(BpfTestSupport.class)
class TracefsTest {
    @Test
    void findsTracepointsAndFormats() {
        assertTrue(Files.isDirectory(Tracefs.root().resolve("events")));
        int id = Tracefs.tracepointId("syscalls", "sys_enter_read");
        assertTrue(id > 0);
        String format = Tracefs.format("syscalls", "sys_enter_read");
        assertTrue(format.contains("name: sys_enter_read"), format);
        assertTrue(format.contains("ID: " + id), format);
        assertTrue(format.contains("field:size_t count;"), format);
        List<String> events = Tracefs.events();
        assertTrue(events.contains("syscalls:sys_enter_read"));
        assertTrue(events.contains("sched:sched_switch"));
        assertTrue(Tracefs.exists("sched", "sched_switch"));
        assertFalse(Tracefs.exists("sched", "no_such_event"));
    }

    @Test
    void rejectsPathTricks() {
        assertThrows(IllegalArgumentException.class, () -> Tracefs.format("..", "x"));
        assertThrows(IllegalArgumentException.class, () -> Tracefs.format("a/b", "x"));
    }
}
