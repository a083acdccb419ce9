package io.projectionist.history;

import io.projectionist.tautulli.HistoryWatermark;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Optional;
import java.sql.Date;

/** The watermark in PostgreSQL, next to the shared seen-plays table, for several instances. */
public class JdbcHistoryWatermark implements HistoryWatermark {

    private final DataSource dataSource;
    private final String name;

    public JdbcHistoryWatermark(DataSource dataSource, String name) {
        this.dataSource = dataSource;
        this.name = name;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS projectionist_watermark"
                    + " (name VARCHAR(100) PRIMARY KEY, last_fully_read DATE NOT NULL)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the watermark table: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<LocalDate> lastFullyRead() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT last_fully_read FROM projectionist_watermark WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getDate(1).toLocalDate()) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the watermark: " + e.getMessage(), e);
        }
    }

    @Override
    public void advance(LocalDate lastFullyRead) {
        // GREATEST keeps the watermark from moving back when instances race
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO projectionist_watermark (name, last_fully_read) VALUES (?, ?)"
                             + " ON CONFLICT (name) DO UPDATE SET last_fully_read ="
                             + " GREATEST(projectionist_watermark.last_fully_read, EXCLUDED.last_fully_read)")) {
            ps.setString(1, name);
            ps.setDate(2, Date.valueOf(lastFullyRead));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write the watermark: " + e.getMessage(), e);
        }
    }
}
