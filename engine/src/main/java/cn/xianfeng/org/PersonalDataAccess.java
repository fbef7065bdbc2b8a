package cn.xianfeng.org;

import cn.xianfeng.audit.AuditAction;
import cn.xianfeng.audit.AuditEntry;
import cn.xianfeng.audit.AuditTrail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who sees a person's ID number and phone in full: the person themself, and an ADMIN or ORG_DEPARTMENT of their
 * org or above, on a single-person view; a full read by someone else is audited as PERSONAL_DATA_VIEWED.
 * Everyone else, and every list, gets them masked.
 */
@Service
public class PersonalDataAccess {

    private final JdbcClient jdbc;
    private final People people;
    private final OrgAuthority authority;
    private final AuditTrail audit;

    PersonalDataAccess(JdbcClient jdbc, People people, OrgAuthority authority, AuditTrail audit) {
        this.jdbc = jdbc;
        this.people = people;
        this.authority = authority;
        this.audit = audit;
    }

    /** One person's data as {@code viewer} may see it. Whether the viewer may see the person at all is the caller's check. */
    @Transactional
    public PersonalData of(String username, String viewer) {
        Person person = people.get(username);
        PersonalData data = jdbc.sql("select id_number, phone from person where username = ?").param(username)
                .query((rs, i) -> new PersonalData(rs.getString("id_number"), rs.getString("phone"), true)).single();
        if (viewer.equals(username)) {
            return data;
        }
        if (!mayReadInFull(viewer, person)) {
            return data.masked();
        }
        if (data.idNumber() != null || data.phone() != null) {
            audit.record(new AuditEntry(viewer, person.orgCode(), AuditAction.PERSONAL_DATA_VIEWED, null, null, null,
                    Map.of("username", username), null, null));
        }
        return data;
    }

    /** Masked data of several people, for lists, by username. */
    public Map<String, PersonalData> masked(List<String> usernames) {
        Map<String, PersonalData> masked = new LinkedHashMap<>();
        if (usernames.isEmpty()) {
            return masked;
        }
        jdbc.sql("select username, id_number, phone from person where username in (:names)").param("names", usernames)
                .query((rs, i) -> masked.put(rs.getString("username"),
                        new PersonalData(rs.getString("id_number"), rs.getString("phone"), true).masked()))
                .list();
        return masked;
    }

    /**
     * The sex digit of a person's ID number (GB 11643: the 17th character, odd for men, even for women), or null
     * without one; the number itself stays unread by the caller.
     */
    public Character sexDigit(String username) {
        String id = jdbc.sql("select id_number from person where username = ?").param(username).query(String.class)
                .optional().orElse(null);
        return id == null || id.length() != 18 ? null : id.charAt(16);
    }

    private boolean mayReadInFull(String viewer, Person person) {
        return authority.isSuperuser(viewer) || (person.orgCode() != null
                && authority.holdsAbove(viewer, person.orgCode(), Role.ADMIN, Role.ORG_DEPARTMENT));
    }
}
