package cn.xianfeng.org;

import java.time.LocalDate;

/** What it takes to register a person; the password arrives in clear and is stored only as a BCrypt hash. */
public record NewPerson(String username, String name, LocalDate birthDate, String orgCode, MemberStatus status,
                        LocalDate joinedDate, String password) {
}
