package cn.xianfeng.org;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The names of people and orgs a document prints, read in one statement for all of them: a dossier names every
 * actor of its case and the people and orgs its form data refers to, and a lookup per value cost a statement each.
 */
@Service
public class DisplayNames {

    /** Values per statement: a case's trail names far fewer; more are looked up in further statements. */
    static final int CHUNK = 5_000;

    private final JdbcClient jdbc;

    DisplayNames(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Username → name and org code → name of those that exist; values that are neither are simply absent. */
    public record Names(Map<String, String> people, Map<String, String> orgs) {
    }

    public Names of(Collection<String> usernames, Collection<String> orgCodes) {
        Map<String, String> people = new HashMap<>();
        Map<String, String> orgs = new HashMap<>();
        List<String> u = List.copyOf(usernames);
        List<String> o = List.copyOf(orgCodes);
        for (int i = 0; i < Math.max(u.size(), o.size()); i += CHUNK) {
            lookUp(u.subList(Math.min(i, u.size()), Math.min(i + CHUNK, u.size())),
                    o.subList(Math.min(i, o.size()), Math.min(i + CHUNK, o.size())), people, orgs);
        }
        return new Names(people, orgs);
    }

    private void lookUp(List<String> usernames, List<String> orgCodes, Map<String, String> people,
                        Map<String, String> orgs) {
        jdbc.sql("""
                select 'P', username, name from person where username = any (?)
                union all
                select 'O', code, name from org_unit where code = any (?)""")
                .params(usernames.toArray(String[]::new), orgCodes.toArray(String[]::new))
                .query(rs -> {
                    (rs.getString(1).equals("P") ? people : orgs).put(rs.getString(2), rs.getString(3));
                });
    }
}
