/**
 * Party dues (党费): the monthly standard from a declared base (processes/dues-standard.dmn), the secretary's
 * confirmation of the base, the append-only ledger of payments and their reversals with a signed receipt each,
 * the paid-until month the relation transfer reads, import of bank statements, collection rates, reminders, and
 * the six-month rule (党章第九条) as a 谈话 case for the branch secretary (processes/dues-arrears.bpmn20.xml).
 */
@org.springframework.modulith.ApplicationModule
package cn.xianfeng.dues;
