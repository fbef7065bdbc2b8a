package cn.xianfeng.org.internal;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.dictionary.py.Pinyin;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;

/**
 * The pinyin of people's and orgs' names, so a picker finds 张三 by {@code zs} or {@code zhangsan}: HanLP's
 * dictionary (already on the classpath for key phrases) gives each character's reading; letters and digits are
 * kept, anything else dropped. Rows whose spelling is missing (new, renamed, loaded by SQL) are filled at start
 * and before each lookup, a bounded batch at a time.
 */
@Component
public class NameSpelling {

    static final int BATCH = 500;

    private final JdbcClient jdbc;

    NameSpelling(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Spelling(String initials, String pinyin) {
    }

    public static Spelling of(String name) {
        StringBuilder initials = new StringBuilder();
        StringBuilder pinyin = new StringBuilder();
        if (name != null && !name.isEmpty()) {
            List<Pinyin> readings = HanLP.convertToPinyinList(name);
            for (int i = 0; i < name.length() && i < readings.size(); i++) {
                char c = name.charAt(i);
                Pinyin reading = readings.get(i);
                if (reading != Pinyin.none5) {
                    initials.append(reading.getFirstChar());
                    pinyin.append(reading.getPinyinWithoutTone());
                } else if (Character.isLetterOrDigit(c) && c < 128) {
                    initials.append(Character.toLowerCase(c));
                    pinyin.append(Character.toLowerCase(c));
                }
            }
        }
        return new Spelling(initials.toString().toLowerCase(Locale.ROOT), pinyin.toString().toLowerCase(Locale.ROOT));
    }

    @EventListener(ApplicationReadyEvent.class)
    void fillAll() {
        for (int round = 0; round < 2_000 && fill() > 0; round++) {
            // until every row is spelled (bounded: a million rows at most at start; lookups spell the rest)
        }
    }

    /** Spells up to a batch of people and a batch of orgs that have no spelling yet; the number spelled. */
    public int fill() {
        return fill("person", "username") + fill("org_unit", "code");
    }

    private int fill(String table, String key) {
        List<String[]> rows = jdbc.sql("select " + key + ", name from " + table + " where name_initials is null limit "
                + BATCH).query((rs, i) -> new String[]{rs.getString(1), rs.getString(2)}).list();
        if (rows.isEmpty()) {
            return 0;
        }
        String[] keys = new String[rows.size()];
        String[] names = new String[rows.size()];
        String[] initials = new String[rows.size()];
        String[] pinyin = new String[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Spelling s = of(rows.get(i)[1]);
            keys[i] = rows.get(i)[0];
            names[i] = rows.get(i)[1];
            initials[i] = s.initials();
            pinyin[i] = s.pinyin();
        }
        // one statement a batch; the name guard: a rename meanwhile keeps its null, to be spelled next time
        jdbc.sql("update " + table + " t set name_initials = v.i, name_pinyin = v.p"
                        + " from unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[]) as v(k, n, i, p)"
                        + " where t." + key + " = v.k and t.name = v.n")
                .params(keys, names, initials, pinyin).update();
        return rows.size();
    }
}
