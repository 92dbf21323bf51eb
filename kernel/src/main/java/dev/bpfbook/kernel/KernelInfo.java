package dev.bpfbook.kernel;

import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.messages.Header;
import io.github.spencerpark.jupyter.messages.reply.KernelInfoReply;

import java.util.List;
import java.util.Map;

/** What kernel_info_reply says about bpfbook and its language. */
final class KernelInfo {
    static final String IMPLEMENTATION = "bpfbook";
    static final String VERSION = versionOf(KernelInfo.class);

    static final LanguageInfo LANGUAGE = new LanguageInfo.Builder("bpftrace")
            .version("0.17")
            .mimetype("text/x-bpftrace")
            .fileExtension(".bt")
            .pygments("c")
            .codemirror(Map.of("name", "clike", "mime", "text/x-csrc"))
            .build();

    static final String BANNER = "bpfbook " + VERSION + ": bpftrace programs as notebook cells, compiled in Java and"
            + " attached to this machine's kernel.\nprintf output streams into the cell; maps live on between cells.";

    static final List<LanguageInfo.Help> HELP_LINKS = List.of(
            new LanguageInfo.Help("bpftrace reference guide",
                    "https://github.com/bpftrace/bpftrace/blob/master/man/adoc/bpftrace.adoc"),
            new LanguageInfo.Help("bpftrace one-liner tutorial",
                    "https://github.com/bpftrace/bpftrace/blob/master/docs/tutorial_one_liners.md"));

    private KernelInfo() {
    }

    /** basekernel 2.3.0's reply lacks the "status" every reply must carry; this one adds it. */
    static final class Reply extends KernelInfoReply {
        @SuppressWarnings("unused") // serialized by gson
        private final String status = "ok";

        Reply() {
            super(Header.PROTOCOL_VERISON, IMPLEMENTATION, VERSION, LANGUAGE, BANNER, HELP_LINKS);
        }
    }

    private static String versionOf(Class<?> type) {
        String version = type.getPackage().getImplementationVersion();
        return version != null ? version : "0.1.0";
    }
}
