package cn.xianfeng.portal.api;

import cn.xianfeng.common.Refusal;
import cn.xianfeng.common.NotFoundException;
import cn.xianfeng.org.MemberStatus;
import cn.xianfeng.org.Ethnicity;
import cn.xianfeng.org.NewPerson;
import cn.xianfeng.org.OrgAuthority;
import cn.xianfeng.org.People;
import cn.xianfeng.org.PeopleImport;
import cn.xianfeng.org.Person;
import cn.xianfeng.org.PersonalData;
import cn.xianfeng.org.PersonalDataAccess;
import cn.xianfeng.common.Page;
import cn.xianfeng.org.Role;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.InputStream;
import java.security.Principal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

@io.swagger.v3.oas.annotations.tags.Tag(name = OpenApiDocument.ORGS)
@RestController
@RequestMapping("/api")
class PeopleApi {

    private final People people;
    private final PeopleImport importer;
    private final OrgAuthority authority;
    private final PersonalDataAccess personalData;

    PeopleApi(People people, PeopleImport importer, OrgAuthority authority, PersonalDataAccess personalData) {
        this.personalData = personalData;
        this.people = people;
        this.importer = importer;
        this.authority = authority;
    }

    record PersonRequest(@NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 100) String name,
                         LocalDate birthDate, @NotBlank String orgCode, @NotNull MemberStatus status,
                         LocalDate joinedDate, @NotBlank @Size(max = 200) String password,
                         @Size(max = 32) String idNumber, @Size(max = 32) String phone,
                         @Size(max = 32) String ethnicity) {
    }

    record RoleRequest(@NotNull Role role, @NotBlank String orgCode) {
    }

    record RoleView(Role role, String orgCode) {
    }

    /**
     * {@code idNumber} and {@code phone} masked unless {@code personalDataFull} (see {@link PersonalDataAccess});
     * {@code ethnicity}: one of the 56 constants ({@link Ethnicity}), its name in the reader's language beside it.
     */
    record PersonView(String username, String name, LocalDate birthDate, String orgCode, MemberStatus status,
                      LocalDate joinedDate, List<RoleView> roles, String idNumber, String phone,
                      boolean personalDataFull, Ethnicity ethnicity, String ethnicityLabel) {
        static PersonView of(Person p, PersonalData data, Ethnicity ethnicity) {
            return new PersonView(p.username(), p.name(), p.birthDate(), p.orgCode(), p.status(), p.joinedDate(),
                    p.roles().stream().map(r -> new RoleView(r.role(), r.orgCode())).toList(), data.idNumber(),
                    data.phone(), data.full(), ethnicity, ethnicity == null ? null
                            : ethnicity.label(org.springframework.context.i18n.LocaleContextHolder.getLocale()));
        }
    }

    record PeoplePage(List<PersonView> items, long total) {
    }

    private PersonView masked(Person p) {
        return PersonView.of(p, personalData.masked(List.of(p.username())).getOrDefault(p.username(),
                PersonalData.none()), people.ethnicity(p.username()).orElse(null));
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Register a person in an org with a status and a first password")
    @PostMapping("/people")
    @ResponseStatus(HttpStatus.CREATED)
    PersonView create(@Valid @RequestBody PersonRequest r, Principal user) {
        return masked(people.create(new NewPerson(r.username(), r.name(), r.birthDate(), r.orgCode(), r.status(),
                r.joinedDate(), r.password(), r.idNumber(), r.phone(), r.ethnicity()), user.getName()));
    }

    /** The people of an org's subtree; ID numbers and phones always masked. */
    @io.swagger.v3.oas.annotations.Operation(summary = "The people of an org's subtree, paged (ID numbers and phones masked)")
    @GetMapping("/people")
    PeoplePage list(@RequestParam String org, @RequestParam(defaultValue = "0") int page,
                    @RequestParam(defaultValue = "20") int size, Principal user) {
        if (!authority.mayRead(user.getName(), org)) {
            throw new NotFoundException(Refusal.of("common.orgNotFound", org));
        }
        Page<Person> found = people.inSubtree(org, Math.max(0, page), Page.clampSize(size));
        List<String> usernames = found.items().stream().map(Person::username).toList();
        Map<String, PersonalData> masked = personalData.masked(usernames);
        Map<String, Ethnicity> ethnicities = people.ethnicities(usernames);
        return new PeoplePage(found.items().stream()
                .map(p -> PersonView.of(p, masked.getOrDefault(p.username(), PersonalData.none()),
                        ethnicities.get(p.username()))).toList(),
                found.total());
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "A person with org, status and roles (personal data masked unless the caller may see it in full)")
    @GetMapping("/people/{username}")
    PersonView get(@PathVariable String username, Principal user) {
        Person person = people.get(username);
        if (!username.equals(user.getName()) && (person.orgCode() == null
                ? !authority.isSuperuser(user.getName()) : !authority.mayRead(user.getName(), person.orgCode()))) {
            throw new NotFoundException(Refusal.of("common.personNotFound", username));
        }
        return PersonView.of(person, personalData.of(username, user.getName()), people.ethnicity(username).orElse(null));
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Myself: org, status and roles")
    @GetMapping("/me")
    PersonView me(Principal user) {
        return PersonView.of(people.get(user.getName()), personalData.of(user.getName(), user.getName()),
                people.ethnicity(user.getName()).orElse(null));
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Grant a role in an org to a person")
    @PostMapping("/people/{username}/roles")
    PersonView grant(@PathVariable String username, @Valid @RequestBody RoleRequest r, Principal user) {
        return masked(people.grant(username, r.role(), r.orgCode(), user.getName()));
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Revoke a role a person holds in an org")
    @DeleteMapping("/people/{username}/roles/{role}/{orgCode}")
    PersonView revoke(@PathVariable String username, @PathVariable Role role, @PathVariable String orgCode,
                      Principal user) {
        return masked(people.revoke(username, role, orgCode, user.getName()));
    }

    /**
     * Who may import is checked before the upload is parsed at all (the multipart is resolved lazily); the file is
     * then read within {@code SpreadsheetReader.Limits.imports}.
     */
    @io.swagger.v3.oas.annotations.Operation(summary = "Register existing members from an .xlsx or .csv (ORG_DEPARTMENT or ADMIN)",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @io.swagger.v3.oas.annotations.media.Content(
                    mediaType = org.springframework.http.MediaType.MULTIPART_FORM_DATA_VALUE,
                    schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = OpenApiDocument.FileUpload.class))))
    @PostMapping("/people/import")
    PeopleImport.Report importPeople(jakarta.servlet.http.HttpServletRequest request, Principal user) throws IOException {
        importer.requireMayImport(user.getName());
        org.springframework.web.multipart.MultipartHttpServletRequest multipart = org.springframework.web.util.WebUtils
                .getNativeRequest(request, org.springframework.web.multipart.MultipartHttpServletRequest.class);
        MultipartFile file = multipart == null ? null : multipart.getFile("file");
        if (file == null) {
            throw cn.xianfeng.common.InvalidInputException.of("file", Refusal.of("common.uploadXlsxOrCsv"));
        }
        try (InputStream in = file.getInputStream()) {
            return importer.importFile(file.getOriginalFilename(), in, user.getName());
        }
    }
}
