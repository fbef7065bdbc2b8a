package cn.xianfeng.dues.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Locale;

/** Finds the member a statement row means, by user name, resident ID number or name. */
@Repository
public class MemberLookup {

    private final JdbcClient jdbc;

    MemberLookup(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Usernames matching the value in the given column (several only for a shared name). */
    public List<String> find(String column, String value) {
        String v = value.strip();
        return switch (column) {
            case "username" -> jdbc.sql("select username from person where username = ?").param(v)
                    .query(String.class).list();
            case "idNumber" -> jdbc.sql("select username from person where id_number = ?")
                    .param(v.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT)).query(String.class).list();
            case "name" -> jdbc.sql("select username from person where name = ? and status in ('FULL', 'PROBATIONARY')"
                    + " order by username limit 20").param(v).query(String.class).list();
            default -> List.of();
        };
    }
}
