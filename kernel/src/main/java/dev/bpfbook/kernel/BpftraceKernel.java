package dev.bpfbook.kernel;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.messages.MessageType;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The Jupyter kernel whose cells are bpftrace programs. Thin by design: cells go to {@link CellRunner},
 * completion to {@link Completer}, help to {@link Inspector}, console continuation to {@link IsComplete}.
 */
public final class BpftraceKernel extends BaseKernel {
    private static final Path TRACEFS_EVENTS = Path.of("/sys/kernel/tracing/events");

    private final CellRunner cells;
    private final Completer completer;
    private final Inspector inspector;

    BpftraceKernel(CellRunner cells) {
        this.cells = cells;
        this.completer = new Completer(this::mapNames, TRACEFS_EVENTS);
        this.inspector = new Inspector(this::mapNames);
    }

    @Override
    public void becomeHandlerForConnection(JupyterConnection connection) {
        super.becomeHandlerForConnection(connection);
        connection.setHandler(MessageType.KERNEL_INFO_REQUEST, (env, request) -> {
            env.setBusyDeferIdle();
            env.reply(new KernelInfo.Reply());
        });
    }

    @Override
    public DisplayData eval(String code) throws Exception {
        // Runs write from their own threads; write to this request's streams, not to whatever System.out is.
        try (CellOutput out = new CellOutput(getIO().out, getIO().err)) {
            return cells.run(code, out).map(DisplayData::new).orElse(null);
        }
    }

    @Override
    public List<String> formatError(Exception e) {
        if (e instanceof CellError cellError) return cellError.traceback();
        List<String> lines = new ArrayList<>();
        lines.add(e.getClass().getSimpleName() + ": " + e.getMessage());
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        lines.addAll(List.of(trace.toString().split("\n")));
        return lines;
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        Completer.Completion completion = completer.complete(code, at);
        return new ReplacementOptions(completion.matches(), completion.start(), completion.end());
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        return inspector.inspect(code, at).map(DisplayData::new).orElse(null);
    }

    @Override
    public String isComplete(String code) {
        return IsComplete.of(code);
    }

    /** interrupt_request (interrupt_mode "message"): stop the running cell; it returns with its maps. */
    @Override
    public void interrupt() {
        cells.interrupt();
    }

    /** Detach everything before the connection closes, so a shutdown mid-cell leaves no probe behind. */
    @Override
    public void onShutdown(boolean isRestarting) {
        cells.close();
    }

    @Override
    public LanguageInfo getLanguageInfo() {
        return KernelInfo.LANGUAGE;
    }

    @Override
    public String getBanner() {
        return KernelInfo.BANNER;
    }

    @Override
    public List<LanguageInfo.Help> getHelpLinks() {
        return KernelInfo.HELP_LINKS;
    }

    private Set<String> mapNames() {
        try {
            return cells.mapNames();
        } catch (RuntimeException e) {
            return Set.of();
        }
    }
}
