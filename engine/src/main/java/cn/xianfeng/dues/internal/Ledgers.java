package cn.xianfeng.dues.internal;

import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Members' timelines from the tables: two queries for any number of members. */
@Component
public class Ledgers {

    private final DeclarationRows declarations;
    private final PaymentRows payments;

    Ledgers(DeclarationRows declarations, PaymentRows payments) {
        this.declarations = declarations;
        this.payments = payments;
    }

    public Timeline of(String username) {
        return of(List.of(username)).get(username);
    }

    /** A timeline for every given member (an empty one for a member without a confirmed base). */
    public Map<String, Timeline> of(Collection<String> usernames) {
        var confirmed = declarations.confirmed(usernames);
        var paid = payments.paid(usernames);
        Map<String, Timeline> out = new HashMap<>();
        for (String u : usernames) {
            out.put(u, new Timeline(confirmed.getOrDefault(u, List.of()), paid.getOrDefault(u, Set.of())));
        }
        return out;
    }
}
