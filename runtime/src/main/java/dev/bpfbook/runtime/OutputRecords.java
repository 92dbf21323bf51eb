package dev.bpfbook.runtime;

import dev.bpfbook.lang.program.AsyncAction;
import dev.bpfbook.runtime.format.JsonLines;
import dev.bpfbook.runtime.format.PrintfFormatter;
import dev.bpfbook.runtime.format.Value;
import dev.bpfbook.runtime.format.ValueDecoder;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * Carries out the records probes send through the output ring: each starts with a u64 index into the
 * program's action table, followed by that action's arguments.
 */
final class OutputRecords {
    private final List<AsyncAction> actions;
    private final Session session;
    private final Output out;
    private final Runnable exit;
    private final boolean unsafe;
    private final boolean json;
    private final ValueDecoder decoder;
    private final PrintfFormatter printf;

    OutputRecords(List<AsyncAction> actions, Session session, Output out, Runnable exit, boolean unsafe, boolean json) {
        this.json = json;
        this.decoder = session.decoder;
        this.printf = new PrintfFormatter(decoder);
        this.actions = actions;
        this.session = session;
        this.out = out;
        this.exit = exit;
        this.unsafe = unsafe;
    }

    void handle(ByteBuffer data) {
        byte[] record = new byte[data.remaining()];
        data.get(record);
        if (record.length < 8) {
            out.stderr("WARNING: malformed output record of " + record.length + " bytes\n");
            return;
        }
        long id = ValueDecoder.readLong(record, 0);
        if (id < 0 || id >= actions.size()) {
            out.stderr("WARNING: unknown output record " + id + "\n");
            return;
        }
        AsyncAction action = actions.get((int) id);
        if (action instanceof AsyncAction.Printf p) {
            String text = printf.format(p, record);
            out.stdout(json ? JsonLines.printf(text) : text);
        } else if (action instanceof AsyncAction.Exit) {
            exit.run();
        } else if (action instanceof AsyncAction.PrintMap p) {
            out.stdout(session.printMap(p.map(), p.top(), p.div(), json));
        } else if (action instanceof AsyncAction.PrintValue p) {
            Value v = decoder.decode(p.value().type(), record, p.value().offset());
            out.stdout(json ? JsonLines.value(v) : v.text() + "\n");
        } else if (action instanceof AsyncAction.Clear c) {
            session.clearMap(c.map());
        } else if (action instanceof AsyncAction.Zero z) {
            session.zeroMap(z.map());
        } else if (action instanceof AsyncAction.Time t) {
            PrintfFormatter.time(t.format(), ZonedDateTime.now()).ifPresentOrElse(
                    text -> out.stdout(json ? JsonLines.time(text) : text),
                    () -> out.stderr("ERROR: strftime returned 0\n"));
        } else if (action instanceof AsyncAction.Cat c) {
            cat(printf.format(c.format(), c.args(), record));
        } else if (action instanceof AsyncAction.SystemCommand s) {
            system(printf.format(s.format(), s.args(), record));
        } else if (action instanceof AsyncAction.Join j) {
            String text = PrintfFormatter.join(j, record);
            out.stdout(json ? JsonLines.join(text) : text + "\n");
        }
    }

    private void cat(String path) {
        try {
            String text = Files.readString(Path.of(path), StandardCharsets.UTF_8);
            out.stdout(json ? JsonLines.cat(text) : text);
        } catch (IOException e) {
            out.stderr("ERROR: failed to open file '" + path + "': " + e.getMessage() + "\n");
        }
    }

    /** system() runs through /bin/sh as bpftrace does, only in unsafe mode (the checker enforces it too). */
    private void system(String command) {
        if (!unsafe) {
            out.stderr("ERROR: system() needs --unsafe\n");
            return;
        }
        try {
            Process p = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            out.stdout(json ? JsonLines.syscall(text) : text);
            p.waitFor();
        } catch (IOException e) {
            out.stderr("ERROR: system(\"" + command + "\"): " + e.getMessage() + "\n");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
