package cn.xianfeng.org;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** Credentials for sign-in: the hash, whether the account may sign in at all, and whether its password is one-time. */
@Service
public class Logins {

    /** Membership ended: these people no longer sign in (their record stays, and so do their past actions). */
    static final Set<MemberStatus> SIGN_IN_DISABLED = EnumSet.of(MemberStatus.EXPELLED, MemberStatus.DECEASED,
            MemberStatus.TRANSFERRED_OUT);

    private final JdbcClient jdbc;

    Logins(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param disabled               the person's membership ended (expelled, deceased, transferred out of Xianfeng)
     * @param passwordChangeRequired the password was set by someone else and must be changed before anything else
     */
    public record Credentials(String username, String passwordHash, boolean disabled, boolean passwordChangeRequired) {
    }

    public Optional<Credentials> credentials(String username) {
        return jdbc.sql("select username, password_hash, status, password_change_required from person where username = ?")
                .param(username)
                .query((rs, i) -> {
                    String status = rs.getString("status");
                    return new Credentials(rs.getString("username"), rs.getString("password_hash"),
                            status != null && SIGN_IN_DISABLED.contains(MemberStatus.valueOf(status)),
                            rs.getBoolean("password_change_required"));
                }).optional();
    }
}
