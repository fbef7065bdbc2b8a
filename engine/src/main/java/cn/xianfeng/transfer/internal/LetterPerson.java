package cn.xianfeng.transfer.internal;

import java.time.LocalDate;
import java.time.Period;

/** What the paper introduction letter states about the member beyond their name: sex and age (民族: {@code People}). */
final class LetterPerson {

    private LetterPerson() {
    }

    /** From the ID number's sex digit (odd: 男, even: 女); "—" without an ID number (no sex is recorded otherwise). */
    static String sex(Character digit) {
        if (digit == null || !Character.isDigit(digit)) {
            return "—";
        }
        return (digit - '0') % 2 == 1 ? "男" : "女";
    }

    static String age(LocalDate birthDate, LocalDate on) {
        return birthDate == null ? "—" : String.valueOf(Period.between(birthDate, on).getYears());
    }
}
