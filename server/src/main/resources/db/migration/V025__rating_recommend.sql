-- The optional NPS question (您是否愿意向亲友推荐本大厅的服务？ 0..10), answered with the citizen's own
-- rating or not at all. A default rating is nobody's answer, so it never carries one.
ALTER TABLE rating
  ADD COLUMN recommend int CHECK (recommend BETWEEN 0 AND 10),
  ADD CONSTRAINT rating_default_without_recommend CHECK (recommend IS NULL OR channel <> 'DEFAULT');
