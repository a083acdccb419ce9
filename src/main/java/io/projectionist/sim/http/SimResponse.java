package io.projectionist.sim.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A response of a simulated server: either whole bytes (sent with Content-Length) or a streamed body (sent chunked,
 * so a huge history page never sits in memory).
 */
public record SimResponse(int status, String contentType, Map<String, String> headers, byte[] bytes,
        BodyWriter stream) {

    @FunctionalInterface
    public interface BodyWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    public static SimResponse of(int status, String contentType, byte[] bytes) {
        return new SimResponse(status, contentType, new LinkedHashMap<>(), bytes, null);
    }

    public static SimResponse of(int status, String contentType, String body) {
        return of(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    public static SimResponse streamed(int status, String contentType, BodyWriter writer) {
        return new SimResponse(status, contentType, new LinkedHashMap<>(), null, writer);
    }

    public SimResponse withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new SimResponse(status, contentType, h, bytes, stream);
    }

    /** The whole body as bytes (renders a streamed body). */
    public byte[] render() throws IOException {
        if (bytes != null) {
            return bytes;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        stream.writeTo(out);
        return out.toByteArray();
    }
}
