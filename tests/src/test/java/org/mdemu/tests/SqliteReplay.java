package org.mdemu.tests;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the statements sqlite_user.c printed on the host's SQLite (org.xerial:sqlite-jdbc) and writes the transcript
 * the guest should have printed: the same exec/insert/query lines, each query followed by its rows and "end".
 */
final class SqliteReplay {
    private SqliteReplay() {}

    static List<String> replay(List<String> guest, Path database) throws Exception {
        List<String> expected = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + database)) {
            for (String line : guest) {
                if (line.startsWith("exec: ")) {
                    try (Statement s = db.createStatement()) {
                        s.execute(line.substring(6));
                    }
                    expected.add(line);
                } else if (line.startsWith("insert: ")) {
                    insert(db, Integer.parseInt(line.substring(8)));
                    expected.add(line);
                } else if (line.startsWith("query: ")) {
                    expected.add(line);
                    try (Statement s = db.createStatement(); ResultSet rows = s.executeQuery(line.substring(7))) {
                        int columns = rows.getMetaData().getColumnCount();
                        while (rows.next()) {
                            StringBuilder row = new StringBuilder("row: ");
                            for (int i = 1; i <= columns; i++) {
                                String text = rows.getString(i);
                                row.append(i == 1 ? "" : "|").append(text == null ? "NULL" : text);
                            }
                            expected.add(row.toString());
                        }
                    }
                    expected.add("end");
                }
            }
        }
        return expected;
    }

    /** sqlite_user.c's insert_rows: row i of the bound-parameter insert. */
    private static void insert(Connection db, int count) throws Exception {
        try (PreparedStatement s = db.prepareStatement("INSERT INTO item(id, name, price, category) VALUES (?, ?, ?, ?)")) {
            for (int i = 1; i <= count; i++) {
                s.setLong(1, i);
                s.setString(2, String.format("item-%04d", (i * 7919) % 10007));
                s.setDouble(3, i * 0.25 + (i % 13) / 8.0);
                s.setLong(4, i % 11);
                s.executeUpdate();
            }
        }
    }
}
