-- transfer module: the dues-paid-until month comes from the dues ledger (read at the outgoing check and again when
-- the letter is issued), no longer from the application; a member without a ledger has none yet.
alter table transfer_case alter column dues_paid_until drop not null;
