/** The 待确认 tray's "手动确认" step (loaded with it, not with the checkout), Simplified Chinese. */
export const resolveZhCN = {
  'resolve.button': '手动确认…',
  'resolve.prompt': '先向云支付再查询一次这笔 ¥{amount}；仍查不到时，请在商户后台核实（或向顾客核实付款记录）后登记：',
  'resolve.paid': '已核实：已收款',
  'resolve.notPaid': '已核实：未收款',
  'resolve.cancel': '取消',
  'resolve.querying': '正在向云支付查询…',
  'resolve.note': '{time} 核实',
} as const;

export type ResolveMessageKey = keyof typeof resolveZhCN;
