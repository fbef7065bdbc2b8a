package cn.xianfeng.workflow;

public enum CaseStatus {
    ACTIVE, COMPLETED, CANCELLED, REJECTED
}
