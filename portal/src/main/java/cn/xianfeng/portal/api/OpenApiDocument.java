package cn.xianfeng.portal.api;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/**
 * The OpenAPI document at {@code /v3/api-docs}: title, version, the areas as tags, and HTTP Basic as the one scheme
 * (Swagger UI's Authorize button); {@code /api/public/**} needs no credentials and says so. Every operation carries
 * a summary ({@code OpenApiDocumentTest} fails for one without).
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiDocument {

    /** The contract's version (shared/API.md), not the build's. */
    static final String VERSION = "1.0";
    static final String BASIC = "basic";

    static final String ACCOUNT = "账户 Account";
    static final String ORGS = "组织与人员 Orgs and people";
    static final String CASES = "案件 Cases";
    static final String TASKS = "任务 Tasks";
    static final String ADMISSION = "发展党员 Recruitment";
    static final String TRANSFER = "组织关系转接 Relation transfer";
    static final String MEETINGS = "三会一课 Meetings";
    static final String COMPLAINTS = "接诉即办 Complaints";
    static final String DUES = "党费 Dues";
    static final String POINTS = "积分与先锋指数 Points";
    static final String OVERSIGHT = "看板与谁欠谁 Oversight";
    public static final String DOCUMENTS = "文书与核验 Documents";
    static final String AUDIT = "审计与检索 Audit and search";
    static final String ADMIN = "系统管理 Administration";

    private static final List<Tag> TAGS = List.of(
            tag(ACCOUNT, "Signing in and one's own password"),
            tag(ORGS, "The org tree, people, their status and the roles they hold in orgs"),
            tag(CASES, "Cases (one process instance each): start, view, history, diagram, attachments, 撤销/撤回/抄送"),
            tag(TASKS, "待办/已办/抄送, claim, complete with the form, 转办, 委派, 加签/减签, 退回, 催办, comments"),
            tag(ADMISSION, "The applicant's progress through the 25 steps, a branch's applicants"),
            tag(TRANSFER, "A relation transfer and its introduction letter"),
            tag(MEETINGS, "Meeting records, notices, amendments, minutes, compliance"),
            tag(COMPLAINTS, "Public intake, tracking and evaluation (no sign-in); complaints and the three rates"),
            tag(DUES, "Bases, the ledger, receipts, statement import, collection rates (amounts in fen)"),
            tag(POINTS, "Points derived from the audit trail by the county's table, rankings and the vanguard index"),
            tag(OVERSIGHT, "谁欠谁, the committee dashboard, one's notices"),
            tag(DOCUMENTS, "Dossiers and the verification of issued documents (no sign-in)"),
            tag(AUDIT, "The hash-chained audit trail, the auditors' read log, search"),
            tag(ADMIN, "Clock for tests, history retention, the search index"));

    /** A file upload as generated clients must send it: multipart/form-data with one binary part {@code file}. */
    @Schema(name = "FileUpload", requiredProperties = "file")
    record FileUpload(@Schema(type = "string", format = "binary", description = "the file") String file) {
    }

    @Bean
    OpenAPI xianfengOpenApi() {
        return new OpenAPI()
                .info(new Info().title("先锋 Xianfeng API").version(VERSION).description("""
                        The REST API of Xianfeng (先锋), the party-affairs workflow system: the same API the portal's \
                        pages use. HTTP Basic for API clients (no CSRF token needed without a session cookie). \
                        Errors are RFC 9457 problem details `{type, title, status, detail, errors:[{field, message}]}`, \
                        every bad field listed; their text is Chinese. Times are ISO-8601 with the application \
                        zone's offset (`+08:00`), dates `yyyy-MM-dd`, months `yyyy-MM`, amounts in fen. Lists take \
                        `?page=0&size=20` and answer `{items, total}`."""))
                .components(new Components().addSecuritySchemes(BASIC, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("basic")
                        .description("username and password; the bootstrap administrator is `admin`")))
                .addSecurityItem(new SecurityRequirement().addList(BASIC))
                .tags(TAGS);
    }

    /** The public endpoints (complaint intake and tracking, verification) ask for no credentials. */
    @Bean
    OpenApiCustomizer publicOperationsNeedNoCredentials() {
        return api -> api.getPaths().forEach((path, item) -> {
            if (path.startsWith("/api/public/")) {
                item.readOperations().forEach(operation -> operation.setSecurity(List.of(new SecurityRequirement())));
            }
        });
    }

    private static Tag tag(String name, String description) {
        return new Tag().name(name).description(description);
    }
}
