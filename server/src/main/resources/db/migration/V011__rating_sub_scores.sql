-- 好差评 sub-scores, each optional (1..5): 服务效率, 服务水平, 服务态度. Null where the channel
-- did not offer them (the evaluation pad) or the citizen left them out.
ALTER TABLE rating
  ADD COLUMN efficiency int CHECK (efficiency BETWEEN 1 AND 5),
  ADD COLUMN competence int CHECK (competence BETWEEN 1 AND 5),
  ADD COLUMN attitude   int CHECK (attitude BETWEEN 1 AND 5);
