-- 差评台账: what 核实 found, the rectification plan (owner, due date), whether the 回访 reached the
-- citizen and satisfied them, the manager's comment (all in ledger), and how often the case was reopened.
ALTER TABLE follow_up_case
  ADD COLUMN ledger   jsonb NOT NULL DEFAULT '{}',
  ADD COLUMN reopened int   NOT NULL DEFAULT 0;
