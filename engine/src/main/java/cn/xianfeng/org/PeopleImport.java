package cn.xianfeng.org;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.ConflictException;
import cn.xianfeng.common.ForbiddenException;
import cn.xianfeng.common.InvalidInputException;
import cn.xianfeng.common.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Registers people from a spreadsheet (.xlsx) or .csv with the header
 * {@code username,name,birthDate,orgCode,status,joinedDate,password} and, optionally, {@code idNumber,phone,ethnicity}
 * (validated like the API's: a bad ID checksum rejects the row). Each row stands alone:
 * a bad row is reported with its reasons and never blocks or half-writes another.
 */
@Service
public class PeopleImport {

    static final List<String> COLUMNS = List.of("username", "name", "birthDate", "orgCode", "status", "joinedDate", "password");
    static final int MAX_ROWS = 5000;

    private final People people;
    private final OrgAuthority authority;
    private final TransactionTemplate perRow;

    PeopleImport(People people, OrgAuthority authority, PlatformTransactionManager transactions) {
        this.people = people;
        this.authority = authority;
        this.perRow = new TransactionTemplate(transactions);
        this.perRow.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public record Rejected(int row, String username, String reason) {
    }

    public record Report(int accepted, List<String> acceptedUsernames, List<Rejected> rejected) {
    }

    /**
     * Importing registers existing members: only an ORG_DEPARTMENT or ADMIN (of some org; each row is then checked
     * against the row's org) or the superuser may, and that is checked before a byte of the file is read.
     */
    public void requireMayImport(String actor) {
        if (!authority.isSuperuser(actor) && !authority.holdsAnywhere(actor, Role.ADMIN, Role.ORG_DEPARTMENT)) {
            throw new ForbiddenException(Refusal.of("org.importNotAllowed"));
        }
    }

    public Report importFile(String filename, InputStream content, String actor) throws IOException {
        requireMayImport(actor);
        List<List<String>> rows = SpreadsheetRows.read(filename, content);
        if (rows.isEmpty() || !rows.get(0).stream().map(String::strip).toList().containsAll(COLUMNS)) {
            throw InvalidInputException.of("file", Refusal.of("org.importHeader", String.join(",", COLUMNS)));
        }
        if (rows.size() - 1 > MAX_ROWS) {
            throw InvalidInputException.of("file", Refusal.of("common.maxRows", String.valueOf(MAX_ROWS)));
        }
        List<String> header = rows.get(0).stream().map(String::strip).toList();
        List<String> accepted = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        for (int i = 1; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            if (row.stream().allMatch(String::isBlank)) {
                continue;
            }
            String username = cell(header, row, "username");
            try {
                NewPerson person = toPerson(header, row);
                perRow.executeWithoutResult(tx -> people.create(person, actor));
                accepted.add(username);
            } catch (InvalidInputException e) {
                rejected.add(new Rejected(i + 1, username, e.violations().stream()
                        .map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; "))));
            } catch (ConflictException | ForbiddenException | NotFoundException e) {
                rejected.add(new Rejected(i + 1, username, e.getMessage()));
            }
        }
        return new Report(accepted.size(), accepted, rejected);
    }

    private static NewPerson toPerson(List<String> header, List<String> row) {
        List<InvalidInputException.Violation> problems = new ArrayList<>();
        LocalDate birth = date(cell(header, row, "birthDate"), "birthDate", problems);
        LocalDate joined = date(cell(header, row, "joinedDate"), "joinedDate", problems);
        MemberStatus status = null;
        try {
            status = MemberStatus.valueOf(cell(header, row, "status").strip().toUpperCase());
        } catch (IllegalArgumentException e) {
            problems.add(new InvalidInputException.Violation("status", Refusal.of("org.unknownStatus", cell(header, row, "status"))));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new NewPerson(cell(header, row, "username").strip(), cell(header, row, "name"), birth,
                cell(header, row, "orgCode").strip(), status, joined, cell(header, row, "password"),
                cell(header, row, "idNumber"), cell(header, row, "phone"), cell(header, row, "ethnicity"));
    }

    private static LocalDate date(String value, String field, List<InvalidInputException.Violation> problems) {
        if (value.isBlank()) {
            return null;
        }
        try {
            return cn.xianfeng.common.IsoDates.date(value.strip());
        } catch (DateTimeParseException e) {
            problems.add(new InvalidInputException.Violation(field, Refusal.of("common.dateFormat")));
            return null;
        }
    }

    private static String cell(List<String> header, List<String> row, String column) {
        int index = header.indexOf(column);
        return index >= 0 && index < row.size() ? row.get(index) : "";
    }
}
