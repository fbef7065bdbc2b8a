package cn.xianfeng.portal;

import cn.xianfeng.org.MemberStatus;
import cn.xianfeng.org.NewOrg;
import cn.xianfeng.org.NewPerson;
import cn.xianfeng.org.OrgType;
import cn.xianfeng.org.Orgs;
import cn.xianfeng.org.People;
import cn.xianfeng.org.Role;
import cn.xianfeng.testing.RealPostgresInitializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every /api endpoint × eight positions → the status in src/test/resources/reliability/authorization-matrix.csv.
 * An endpoint without a row fails the test. State-changing rows get a fresh case per cell, so each cell is judged
 * alone. -Dxianfeng.matrix.record=true writes the observed table to target/authorization-matrix.observed.csv.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "xianfeng.demo-password=demo-2026")
@ContextConfiguration(initializers = RealPostgresInitializer.class)
class AuthorizationMatrixTest {

    /** Column order of the table: who, as which demo account. */
    static final List<String[]> WHO = List.of(new String[]{"anonymous", null}, new String[]{"member", "zhaoliu"},
            new String[]{"secretary", "zhangsan"}, new String[]{"sibling", "wujiu"},
            new String[]{"reviewer", "chenyi"}, new String[]{"auditor", "huangli"},
            new String[]{"other_county", "othersec"}, new String[]{"admin", "heming"});

    @LocalServerPort
    int port;
    @Autowired
    @org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;
    @Autowired
    Orgs orgs;
    @Autowired
    People people;

    @Test
    void everyEndpointAndPositionGetsTheExpectedStatus() throws Exception {
        otherCountyAndSparePerson();
        List<MatrixRow> rows = MatrixRow.read(getClass().getResourceAsStream("/reliability/authorization-matrix.csv"));

        TreeSet<String> missing = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream()
                .filter(p -> p.startsWith("/api/")).forEach(p -> {
                    var methods = info.getMethodsCondition().getMethods();
                    for (var m : methods.isEmpty() ? java.util.Set.of(org.springframework.web.bind.annotation.RequestMethod.GET) : methods) {
                        String regex = p.replaceAll("\\{[^}]+}", "[^/]+").replace(".", "\\.");
                        if (rows.stream().noneMatch(r -> r.method().equals(m.name()) && r.pattern().matches(regex))) {
                            missing.add(m.name() + " " + p);
                        }
                    }
                }));
        assertThat(missing).as("endpoints without a row in authorization-matrix.csv").isEmpty();

        MatrixCalls calls = new MatrixCalls(port);
        String sharedCase = Fixtures.startReport(port, "zhaoliu", "权限矩阵");
        String sharedTask = Fixtures.firstTask(port, sharedCase);
        List<String> wrong = new ArrayList<>();
        StringBuilder observed = new StringBuilder("method,path,body," + String.join(",",
                WHO.stream().map(w -> w[0]).toList()) + "\n");
        int cells = 0;
        for (MatrixRow row : rows) {
            List<String> got = new ArrayList<>();
            for (int i = 0; i < WHO.size(); i++) {
                String caseId = sharedCase;
                String taskId = sharedTask;
                if (!row.method().equals("GET") && (row.path().contains("{case}") || row.path().contains("{task}"))) {
                    caseId = Fixtures.startReport(port, "zhaoliu", "权限矩阵单元");
                    taskId = Fixtures.firstTask(port, caseId);
                }
                var response = calls.call(row, WHO.get(i)[1], caseId, taskId);
                Leaks.assertClean(response);
                got.add(String.valueOf(response.statusCode()));
                if (i == 3 || i == 6) { // sibling branch, other county: a 2xx must not carry the case
                    assertThat(response.statusCode() >= 300 || !response.body().contains(caseId)
                            && !response.body().contains(taskId)).as("%s %s leaks to %s: %s", row.method(), row.path(),
                            WHO.get(i)[0], abbreviate(response.body())).isTrue();
                }
                cells++;
                if (response.statusCode() != row.expected().get(i)) {
                    wrong.add(row.method() + " " + row.path() + " as " + WHO.get(i)[0] + ": expected "
                            + row.expected().get(i) + ", got " + response.statusCode() + " " + abbreviate(response.body()));
                }
            }
            observed.append(row.method()).append(',').append(row.path()).append(',').append(row.body()).append(',')
                    .append(String.join(",", got)).append('\n');
        }
        if (Boolean.getBoolean("xianfeng.matrix.record")) {
            Files.writeString(Path.of("target/authorization-matrix.observed.csv"), observed, StandardCharsets.UTF_8);
        }
        assertThat(wrong).as("%d cells checked", cells).isEmpty();
        assertThat(cells).isGreaterThanOrEqualTo(rows.size() * WHO.size());
    }

    private static String abbreviate(String body) {
        return body.length() > 200 ? body.substring(0, 200) : body;
    }

    /** The secretary of a branch in another county (C02), and a person whose roles the admin may change. */
    private void otherCountyAndSparePerson() {
        if (orgs.find("C02").isPresent()) {
            return;
        }
        orgs.create(new NewOrg("C02", "白水县委", OrgType.COMMITTEE, null), "admin");
        orgs.create(new NewOrg("C02-B1", "白水第一党支部", OrgType.BRANCH, "C02"), "admin");
        people.createDemoAccount(new NewPerson("othersec", "外县书记", LocalDate.of(1980, 1, 1), "C02-B1", MemberStatus.FULL,
                LocalDate.of(2005, 7, 1), Fixtures.DEMO), "admin");
        people.grant("othersec", Role.SECRETARY, "C02-B1", "admin");
        people.createDemoAccount(new NewPerson("matrixspare", "矩阵备用", LocalDate.of(1980, 1, 1), "C01-T1-B1",
                MemberStatus.FULL, LocalDate.of(2005, 7, 1), Fixtures.DEMO), "admin");
    }

    record MatrixRow(String method, String path, String body, List<Integer> expected) {

        String pattern() {
            return path.replaceAll("\\?.*", "");
        }

        static List<MatrixRow> read(InputStream in) throws IOException {
            List<MatrixRow> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#") || line.startsWith("method,")) {
                    continue;
                }
                String[] c = line.strip().split(",");
                assertThat(c).as(line).hasSize(3 + WHO.size());
                List<Integer> expected = new ArrayList<>();
                for (int i = 3; i < c.length; i++) {
                    expected.add(Integer.parseInt(c[i]));
                }
                rows.add(new MatrixRow(c[0], c[1], c[2], expected));
            }
            return rows;
        }
    }
}
