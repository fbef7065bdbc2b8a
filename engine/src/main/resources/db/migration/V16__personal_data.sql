-- org module: personal data a person may have on file (both optional). Shown masked everywhere except to the
-- person and to ADMIN/ORG_DEPARTMENT above them on a single-person view, which is audited (PERSONAL_DATA_VIEWED).
alter table person add column id_number varchar(18);
alter table person add column phone varchar(11);
alter table person add constraint person_id_number_form check (id_number ~ '^[0-9]{17}[0-9X]$');
alter table person add constraint person_phone_form check (phone ~ '^1[3-9][0-9]{9}$');
