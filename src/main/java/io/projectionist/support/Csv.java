package io.projectionist.support;

import java.util.List;

/**
 * The one CSV encoding of every file Projectionist writes (history exports, report tables): comma-separated, a
 * cell quoted only when it holds a comma, quote or line break (its quotes doubled, as RFC 4180 says), and LF line
 * ends. LF, not RFC 4180's CRLF, because the history files grow by appends across runs and years, and one file
 * must never mix two line ends; spreadsheets and CSV libraries read either.
 */
public final class Csv {

    /** The line end of every row. */
    public static final char LINE_END = '\n';

    private Csv() {
    }

    /** The rows as CSV text, each row ended by {@link #LINE_END}. */
    public static String of(List<? extends List<?>> rows) {
        StringBuilder sb = new StringBuilder();
        rows.forEach(row -> appendRow(sb, row));
        return sb.toString();
    }

    /** Appends one row and its line end. */
    public static void appendRow(StringBuilder sb, List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            appendCell(sb, cells.get(i));
        }
        sb.append(LINE_END);
    }

    /** Appends one cell: nothing for null, integers as digits, anything else as its text, quoted when needed. */
    public static void appendCell(StringBuilder sb, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof Long n) {
            sb.append(n.longValue()); // no boxing to String on the history hot path
            return;
        }
        if (value instanceof Integer n) {
            sb.append(n.intValue());
            return;
        }
        String s = value.toString();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == ',' || ch == '"' || ch == '\n' || ch == '\r') {
                sb.append('"').append(s.replace("\"", "\"\"")).append('"');
                return;
            }
        }
        sb.append(s);
    }
}
