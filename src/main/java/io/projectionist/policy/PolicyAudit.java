package io.projectionist.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.projectionist.support.AtomicFiles;
import io.projectionist.tautulli.model.ActivitySession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The policy audit log: one JSON object per line ({@code <data-dir>/policy/audit.jsonl} by default) for every
 * decision: {@code at, mode, outcome (would_terminate, terminated, failed), rule, reason, via, session_key,
 * session_id, user, user_id, title, player, ip_address, message, error}.
 */
public final class PolicyAudit {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;

    public PolicyAudit(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public synchronized void record(Instant at, PolicyConfig.Mode mode, String outcome, PolicyEngine.Violation v,
                                    String error) {
        ActivitySession s = v.session();
        ObjectNode n = JSON.createObjectNode();
        n.put("at", at.toString());
        n.put("mode", mode.wire());
        n.put("outcome", outcome);
        n.put("rule", v.rule().name());
        n.put("reason", v.reason());
        n.put("via", v.rule().via().wire());
        n.put("session_key", s.sessionKey());
        n.put("session_id", s.sessionId());
        n.put("user", s.user());
        if (s.userId() != null) {
            n.put("user_id", s.userId());
        }
        n.put("title", s.fullTitle() != null ? s.fullTitle() : s.title());
        n.put("player", s.player());
        n.put("ip_address", s.ipAddress());
        n.put("message", v.message());
        if (error != null) {
            n.put("error", error);
        }
        try (FileChannel ch = AtomicFiles.openPrivateAppend(file)) {
            ByteBuffer buf = ByteBuffer.wrap((JSON.writeValueAsString(n) + "\n").getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the policy audit log " + file, e);
        }
    }
}
