package dev.bpfbook.kernel;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CellOutputTest {
    /** Records what each flush sent, as Jupyter would see stream messages. */
    static final class Messages extends PrintStream {
        final List<String> sent;
        final String name;
        final ByteArrayOutputStream buffer;

        Messages(String name, List<String> sent) {
            this(name, sent, new ByteArrayOutputStream());
        }

        private Messages(String name, List<String> sent, ByteArrayOutputStream buffer) {
            super(buffer, false, StandardCharsets.UTF_8);
            this.name = name;
            this.sent = sent;
            this.buffer = buffer;
        }

        @Override
        public void flush() {
            super.flush();
            if (buffer.size() > 0) sent.add(name + ":" + buffer.toString(StandardCharsets.UTF_8));
            buffer.reset();
        }
    }

    @Test
    void keepsOrderAcrossStreamsAndSendsEverythingOnClose() {
        List<String> sent = new ArrayList<>();
        try (CellOutput output = new CellOutput(new Messages("out", sent), new Messages("err", sent))) {
            output.stdout("a\n");
            output.stdout("b\n");
            output.stderr("lost 3 events\n");
            output.stdout("c\n");
        }
        // The flusher may split a stream's text anywhere; what counts is the order of streams and the text.
        List<String> merged = new ArrayList<>();
        for (String message : sent) {
            int last = merged.size() - 1;
            if (last >= 0 && merged.get(last).startsWith(message.substring(0, 4))) {
                merged.set(last, merged.get(last) + message.substring(4));
            } else {
                merged.add(message);
            }
        }
        assertEquals(List.of("out:a\nb\n", "err:lost 3 events\n", "out:c\n"), merged);
    }

    @Test
    void pendingTextArrivesWithoutClose() throws InterruptedException {
        List<String> sent = new ArrayList<>();
        CellOutput output = new CellOutput(new Messages("out", sent), new Messages("err", sent));
        output.stdout("hello, world\n");
        // Waits for the flusher (never measures it): the text must arrive while the cell still runs.
        synchronized (output) {
            while (sent.isEmpty()) output.wait(10);
        }
        assertEquals(List.of("out:hello, world\n"), sent);
    }
}
