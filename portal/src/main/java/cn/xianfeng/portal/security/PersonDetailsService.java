package cn.xianfeng.portal.security;

import cn.xianfeng.org.Logins;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Sign-in reads the person's BCrypt hash and account state from the org module. Roles are checked in the engine;
 * here only whether the account may sign in (membership ended: disabled) and whether its one-time password must be
 * changed first ({@link PasswordChangeGate}).
 */
final class PersonDetailsService implements UserDetailsService {

    static final String PASSWORD_CHANGE_REQUIRED = "PASSWORD_CHANGE_REQUIRED";

    private final Logins logins;

    PersonDetailsService(Logins logins) {
        this.logins = logins;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        Logins.Credentials c = logins.credentials(username)
                .orElseThrow(() -> new UsernameNotFoundException("unknown"));
        return User.withUsername(c.username()).password(c.passwordHash()).disabled(c.disabled())
                .authorities(c.passwordChangeRequired() ? new String[]{"ROLE_USER", PASSWORD_CHANGE_REQUIRED}
                        : new String[]{"ROLE_USER"})
                .build();
    }
}
