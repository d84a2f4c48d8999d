-- 回访: whether the citizen was satisfied with the rectification (null: not asked, not reached, or another action).
ALTER TABLE follow_up_action ADD COLUMN satisfied boolean;
