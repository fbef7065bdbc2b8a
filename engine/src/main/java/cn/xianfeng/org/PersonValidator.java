package cn.xianfeng.org;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.InvalidInputException.Violation;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Server-side checks of a new person, every problem listed at once. */
@Component
class PersonValidator {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");

    /** The party's founding year: an earlier date is a typing error (and years the database cannot store). */
    private static final LocalDate EARLIEST_JOINED = LocalDate.of(1921, 1, 1);

    private final Orgs orgs;
    private final Clock clock;

    PersonValidator(Orgs orgs, Clock clock) {
        this.orgs = orgs;
        this.clock = clock;
    }

    /** Every problem of the new person; the password policy applies unless it is the demo's published password. */
    List<Violation> check(NewPerson p, boolean passwordPolicy) {
        List<Violation> problems = new ArrayList<>();
        if (p.username() == null || !USERNAME.matcher(p.username()).matches()) {
            problems.add(new Violation("username", Refusal.of("org.username")));
        }
        if (p.name() == null || p.name().isBlank() || p.name().length() > 100) {
            problems.add(new Violation("name", Refusal.of("org.nameRequired")));
        }
        if (p.orgCode() == null || orgs.find(p.orgCode()).isEmpty()) {
            problems.add(new Violation("orgCode", Refusal.of("org.unknownOrg")));
        }
        if (p.status() == null) {
            problems.add(new Violation("status", Refusal.of("org.statusRequired")));
        }
        LocalDate today = LocalDate.now(clock);
        if (p.birthDate() != null && (p.birthDate().isAfter(today) || p.birthDate().isBefore(today.minusYears(130)))) {
            problems.add(new Violation("birthDate", Refusal.of("org.birthImplausible")));
        }
        if (p.joinedDate() != null && p.joinedDate().isAfter(today)) {
            problems.add(new Violation("joinedDate", Refusal.of("org.joinedInFuture")));
        } else if (p.joinedDate() != null && p.joinedDate().isBefore(EARLIEST_JOINED)) {
            problems.add(new Violation("joinedDate", Refusal.of("org.joinedImplausible")));
        }
        if (passwordPolicy) {
            PasswordPolicy.problem(p.username(), p.password()).ifPresent(m -> problems.add(new Violation("password", m)));
        } else if (p.password() == null || p.password().length() < 8 || PasswordPolicy.tooLong(p.password())) {
            problems.add(new Violation("password", Refusal.of("org.passwordLength")));
        }
        String id = PersonalData.normalized(p.idNumber());
        if (id != null && !PersonalData.validIdNumber(id)) {
            problems.add(new Violation("idNumber", Refusal.of("org.idNumber")));
        }
        String phone = PersonalData.normalized(p.phone());
        if (phone != null && !PersonalData.validPhone(phone)) {
            problems.add(new Violation("phone", Refusal.of("org.mobile")));
        }
        if (p.ethnicity() != null && !p.ethnicity().isBlank() && Ethnicity.parse(p.ethnicity()).isEmpty()) {
            problems.add(new Violation("ethnicity", Refusal.of("org.ethnicity")));
        }
        return problems;
    }
}
