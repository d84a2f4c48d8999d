// The 好差评 indicators as the manager's pages name and print them (the KPI board, the review report).
export const INDICATOR_NAMES = {
  zh: {
    activeRate: '主动评价率', unratedRate: '未评率', goodRate: '好评率', lowCount: '差评数', replyRate: '差评回复率',
    revisitRate: '回访整改率', revisitSatisfiedRate: '回访整改满意率', onTimeRate: '按期整改率', overdueCases: '逾期整改数',
    reopenRate: '重开率', weightedScore: '加权满意度', csat: 'CSAT（平均分）', withinTargetWaitRate: '等候达标率',
    withinStandardTimeRate: '办理达标率', onceDoneRate: '一次办成率', nps: '净推荐值（NPS）'
  },
  en: {
    activeRate: 'Rated by citizens', unratedRate: 'Not rated', goodRate: 'Good ratings', lowCount: 'Poor ratings',
    replyRate: 'Poor ratings answered', revisitRate: 'Poor ratings revisited', revisitSatisfiedRate: 'Satisfied on revisit',
    onTimeRate: 'Follow-ups on time', overdueCases: 'Follow-ups overdue', reopenRate: 'Follow-ups reopened',
    weightedScore: 'Weighted satisfaction', csat: 'CSAT (mean score)', withinTargetWaitRate: 'Within target wait',
    withinStandardTimeRate: 'Within standard time', onceDoneRate: 'Done in one visit', nps: 'Net Promoter Score (NPS)'
  }
};

/** Indicators shown and entered as percentages; the API takes them as fractions. */
export const SHARES = ['activeRate', 'unratedRate', 'goodRate', 'replyRate', 'revisitRate', 'revisitSatisfiedRate', 'onTimeRate',
  'reopenRate', 'withinTargetWaitRate', 'withinStandardTimeRate', 'onceDoneRate'];

/** Indicators that count cases: whole numbers. */
const COUNTS = ['lowCount', 'overdueCases'];

/** An indicator's figure as printed: shares to a tenth of a percent, counts whole, scores to two decimals. */
export function figure(indicator, value) {
  if (value == null) return '—';
  if (SHARES.includes(indicator)) return (value * 100).toFixed(1) + '%';
  return COUNTS.includes(indicator) ? String(value) : Number(value).toFixed(2);
}

/** A target as printed: like a figure, but a whole-number score target is written whole (CSAT ≥ 4). */
export function targetFigure(indicator, value) {
  if (value != null && !SHARES.includes(indicator) && Number.isInteger(value)) return String(value);
  return figure(indicator, value);
}
