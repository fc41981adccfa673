package io.texium.scheduler.executions.control;

import io.texium.scheduler.platform.JsonbSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** A job's output and error as stored on an execution: text, cut at {@value #LIMIT_BYTES} bytes of UTF-8 with a visible marker. */
public final class Outputs {

    public static final int LIMIT_BYTES = 64 * 1024;

    private Outputs() {
    }

    /** A String as it is, anything else as JSON, null as null. */
    public static String output(Object value) {
        if (value == null) {
            return null;
        }
        String text = value instanceof CharSequence cs ? cs.toString() : JsonbSettings.jsonb().toJson(value);
        return truncate(text);
    }

    /** The failure's message and stack trace. */
    public static String error(Throwable failure) {
        var trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        return truncate(trace.toString());
    }

    /**
     * What a job's owner sees of a stored error: the exception's type and message, without the stack trace (its
     * frames name the scheduler's internals, and a store's addresses may appear in causes). Admins see it all.
     */
    public static String withoutTrace(String error) {
        if (error == null) {
            return null;
        }
        int frames = error.indexOf("\n\tat ");
        return (frames < 0 ? error : error.substring(0, frames)).stripTrailing();
    }

    /** The text itself when it fits; else its longest UTF-8 prefix that leaves room for the marker. */
    public static String truncate(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= LIMIT_BYTES) {
            return text;
        }
        String marker = "\n[truncated: output exceeded 64 KiB; " + bytes.length + " bytes in all]";
        int keep = LIMIT_BYTES - marker.getBytes(StandardCharsets.UTF_8).length;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.IGNORE);
        CharBuffer prefix = CharBuffer.allocate(keep);
        decoder.decode(ByteBuffer.wrap(bytes, 0, keep), prefix, true);
        prefix.flip();
        return prefix + marker;
    }
}
