-- The burst window as permits (RateBudgetRepository): each request holds one from its grant until a
-- window after its answer. releases[i] belongs to permits[i]; a negative release is the bound of a
-- request still in flight (-(grant + in-flight bound)), so a replica that died frees its permits in time.
alter table burst_windows add column permits bigint[] not null default '{}';
alter table burst_windows add column releases bigint[] not null default '{}';
alter table burst_windows add column next_permit bigint not null default 1;
alter table burst_windows drop column grants;
