package cn.xianfeng.dues.internal;

import cn.xianfeng.dues.Category;
import cn.xianfeng.dues.DuesTypes.Declaration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Declared bases and the secretary's decisions on them; both tables only ever grow. */
@Repository
public class DeclarationRows {

    private final JdbcClient jdbc;

    DeclarationRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(String username, Category category, long baseFen, Long fixedFen, long standardFen, YearMonth from,
                String by, Instant at) {
        return jdbc.sql("""
                insert into dues_declaration (username, category, monthly_base_fen, fixed_fen, standard_fen, from_month,
                                              declared_by, declared_at)
                values (?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(username, category.name(), baseFen, fixedFen, standardFen, Months.first(from), by,
                        Timestamp.from(at)).query(Long.class).single();
    }

    public void decide(long declarationId, String decision, String by, Instant at, String reason) {
        jdbc.sql("""
                insert into dues_declaration_decision (declaration_id, decision, decided_by, decided_at, reason)
                values (?, ?, ?, ?, ?)""").params(declarationId, decision, by, Timestamp.from(at), reason).update();
    }

    /** Every declaration of a member, newest first, with its decision. */
    public List<Declaration> of(String username) {
        return jdbc.sql("""
                select d.*, x.decision, x.decided_by, x.decided_at, x.reason
                  from dues_declaration d left join dues_declaration_decision x on x.declaration_id = d.id
                 where d.username = ? order by d.id desc""").param(username).query((rs, i) -> {
            Timestamp decided = rs.getTimestamp("decided_at");
            Integer fixed = rs.getObject("fixed_fen", Integer.class);
            return new Declaration(rs.getLong("id"), Category.valueOf(rs.getString("category")),
                    rs.getLong("monthly_base_fen"), fixed == null ? null : fixed.longValue(), rs.getLong("standard_fen"),
                    Months.of(rs.getObject("from_month", LocalDate.class)).toString(),
                    rs.getString("decision") == null ? "PENDING" : rs.getString("decision"),
                    rs.getString("declared_by"), rs.getTimestamp("declared_at").toInstant(), rs.getString("decided_by"),
                    decided == null ? null : decided.toInstant(), rs.getString("reason"));
        }).list();
    }

    /** Each member's confirmed (from, standard) pairs in the order they were confirmed. */
    public Map<String, List<Map.Entry<YearMonth, Long>>> confirmed(Collection<String> usernames) {
        Map<String, List<Map.Entry<YearMonth, Long>>> out = new HashMap<>();
        if (usernames.isEmpty()) {
            return out;
        }
        jdbc.sql("""
                select d.username, d.from_month, d.standard_fen
                  from dues_declaration d join dues_declaration_decision x on x.declaration_id = d.id
                 where x.decision = 'CONFIRMED' and d.username = any(?)
                 order by x.decided_at, d.id""").param(usernames.toArray(String[]::new))
                .query(rs -> {
                    out.computeIfAbsent(rs.getString("username"), k -> new ArrayList<>()).add(new AbstractMap.SimpleEntry<>(
                            Months.of(rs.getObject("from_month", LocalDate.class)), rs.getLong("standard_fen")));
                });
        return out;
    }
}
