package cn.xianfeng.org;

import java.time.LocalDate;

/**
 * What it takes to register a person; the password arrives in clear and is stored only as a BCrypt hash. The
 * resident ID number, mobile phone and ethnicity (民族, as written: see {@link Ethnicity#parse}) are optional.
 */
public record NewPerson(String username, String name, LocalDate birthDate, String orgCode, MemberStatus status,
                        LocalDate joinedDate, String password, String idNumber, String phone, String ethnicity) {

    public NewPerson(String username, String name, LocalDate birthDate, String orgCode, MemberStatus status,
                     LocalDate joinedDate, String password, String idNumber, String phone) {
        this(username, name, birthDate, orgCode, status, joinedDate, password, idNumber, phone, null);
    }

    public NewPerson(String username, String name, LocalDate birthDate, String orgCode, MemberStatus status,
                     LocalDate joinedDate, String password) {
        this(username, name, birthDate, orgCode, status, joinedDate, password, null, null);
    }
}
