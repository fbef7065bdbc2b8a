package cn.xianfeng.portal.api;

import cn.xianfeng.common.NotFoundException;
import cn.xianfeng.org.MemberStatus;
import cn.xianfeng.org.NewPerson;
import cn.xianfeng.org.OrgAuthority;
import cn.xianfeng.org.People;
import cn.xianfeng.org.PeopleImport;
import cn.xianfeng.org.Person;
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

@RestController
@RequestMapping("/api")
class PeopleApi {

    private final People people;
    private final PeopleImport importer;
    private final OrgAuthority authority;

    PeopleApi(People people, PeopleImport importer, OrgAuthority authority) {
        this.people = people;
        this.importer = importer;
        this.authority = authority;
    }

    record PersonRequest(@NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 100) String name,
                         LocalDate birthDate, @NotBlank String orgCode, @NotNull MemberStatus status,
                         LocalDate joinedDate, @NotBlank @Size(min = 8, max = 72) String password) {
    }

    record RoleRequest(@NotNull Role role, @NotBlank String orgCode) {
    }

    record RoleView(Role role, String orgCode) {
    }

    record PersonView(String username, String name, LocalDate birthDate, String orgCode, MemberStatus status,
                      LocalDate joinedDate, List<RoleView> roles) {
        static PersonView of(Person p) {
            return new PersonView(p.username(), p.name(), p.birthDate(), p.orgCode(), p.status(), p.joinedDate(),
                    p.roles().stream().map(r -> new RoleView(r.role(), r.orgCode())).toList());
        }
    }

    @PostMapping("/people")
    @ResponseStatus(HttpStatus.CREATED)
    PersonView create(@Valid @RequestBody PersonRequest r, Principal user) {
        return PersonView.of(people.create(new NewPerson(r.username(), r.name(), r.birthDate(), r.orgCode(), r.status(),
                r.joinedDate(), r.password()), user.getName()));
    }

    @GetMapping("/people/{username}")
    PersonView get(@PathVariable String username, Principal user) {
        Person person = people.get(username);
        if (!username.equals(user.getName()) && (person.orgCode() == null
                ? !authority.isSuperuser(user.getName()) : !authority.mayRead(user.getName(), person.orgCode()))) {
            throw new NotFoundException("人员不存在：" + username);
        }
        return PersonView.of(person);
    }

    @GetMapping("/me")
    PersonView me(Principal user) {
        return PersonView.of(people.get(user.getName()));
    }

    @PostMapping("/people/{username}/roles")
    PersonView grant(@PathVariable String username, @Valid @RequestBody RoleRequest r, Principal user) {
        return PersonView.of(people.grant(username, r.role(), r.orgCode(), user.getName()));
    }

    @DeleteMapping("/people/{username}/roles/{role}/{orgCode}")
    PersonView revoke(@PathVariable String username, @PathVariable Role role, @PathVariable String orgCode,
                      Principal user) {
        return PersonView.of(people.revoke(username, role, orgCode, user.getName()));
    }

    @PostMapping("/people/import")
    PeopleImport.Report importPeople(@RequestParam("file") MultipartFile file, Principal user) throws IOException {
        try (InputStream in = file.getInputStream()) {
            return importer.importFile(file.getOriginalFilename(), in, user.getName());
        }
    }
}
