package cn.xianfeng.org;

/** A person's standing in the party, from applicant to full member, and the ways membership ends. */
public enum MemberStatus {
    APPLICANT, ACTIVIST, CANDIDATE, PROBATIONARY, FULL, TRANSFERRED_OUT, DECEASED, EXPELLED;

    /** Only full members vote and may serve as contacts or introducers. */
    public boolean votes() {
        return this == FULL;
    }
}
