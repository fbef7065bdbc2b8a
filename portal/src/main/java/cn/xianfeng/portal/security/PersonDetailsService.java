package cn.xianfeng.portal.security;

import cn.xianfeng.org.Logins;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/** Sign-in reads the person's BCrypt hash and lockout from the org module. Roles are checked in the engine. */
@Component
class PersonDetailsService implements UserDetailsService {

    private final Logins logins;

    PersonDetailsService(Logins logins) {
        this.logins = logins;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        Logins.Credentials c = logins.credentials(username)
                .orElseThrow(() -> new UsernameNotFoundException("unknown"));
        return User.withUsername(c.username()).password(c.passwordHash()).accountLocked(c.locked())
                .authorities("ROLE_USER").build();
    }
}
