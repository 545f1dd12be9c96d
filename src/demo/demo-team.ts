// The demo team and sample feedback that `npm start` shows on a fresh machine (DEMO=0 turns it off).
import type { Agent } from '../domain/types.js';

export const DEMO_AGENTS: Agent[] = [
  { id: 'li-wei', name: '李伟 Li Wei', role: 'agent' },
  { id: 'wang-fang', name: '王芳 Wang Fang', role: 'agent' },
  { id: 'zhang-min', name: '张敏 Zhang Min', role: 'supervisor' },
];

interface DemoItem { text: string; customer: string; name: string; tier?: 'standard' | 'vip' | 'enterprise'; channel: string; phone?: string; email?: string; rating?: number }

export const DEMO_ITEMS: DemoItem[] = [
  { text: '快递三天没更新物流了，到底还送不送？', customer: 'c-1001', name: '陈先生', channel: 'chat' },
  { text: '充电宝充电时冒烟了，差点着火，太危险了！请立刻处理。', customer: 'c-1002', name: '刘女士', tier: 'vip', channel: 'phone', phone: '13912345678' },
  { text: 'The kettle stopped working after two days. I want a replacement.', customer: 'c-1003', name: 'Emma Brown', channel: 'email', email: 'emma.brown@example.com' },
  { text: '退货寄回一周了，钱还没退，联系电话 186-2345-6789。', customer: 'c-1004', name: '赵女士', channel: 'chat' },
  { text: '客服电话打了十次都没人接，态度太差了。', customer: 'c-1005', name: '孙先生', channel: 'phone' },
  { text: '建议App增加夜间模式，晚上看太刺眼。', customer: 'c-1006', name: '周同学', channel: 'app_review' },
  { text: '师傅安装很仔细，还帮忙把垃圾带走了，点赞！', customer: 'c-1007', name: '吴阿姨', channel: 'survey', rating: 5 },
  { text: '更新后App一打开就闪退，已经第三次了！', customer: 'c-1008', name: '郑先生', channel: 'app_review', rating: 1 },
  { text: 'Someone logged into my account and spent my balance. Please freeze it now!', customer: 'c-1009', name: 'James Lee', tier: 'vip', channel: 'email' },
  { text: '配送费怎么涨到15元了？', customer: 'c-1010', name: '冯女士', channel: 'chat' },
  { text: 'Do you ship to Canada?', customer: 'c-1011', name: 'Olivia Martin', channel: 'email' },
  { text: '收不到验证码，登录不了，急用。', customer: 'c-1012', name: '何先生', channel: 'chat' },
  { text: '衣服洗一次就掉色了，质量太差。', customer: 'c-1013', name: '许女士', channel: 'ecommerce_review', rating: 2 },
  { text: 'The soup arrived spilled all over the bag.', customer: 'c-1014', name: 'Noah Wilson', channel: 'chat' },
  { text: '春节期间门店营业吗？', customer: 'c-1015', name: '马先生', channel: 'chat' },
  { text: '真是太棒了，刚买的洗衣机又坏了，你们等着上12315吧！', customer: 'c-1016', name: '罗女士', tier: 'vip', channel: 'complaint' },
  { text: 'Love the new design, thanks!', customer: 'c-1017', name: 'Ava Taylor', channel: 'survey', rating: 5 },
  { text: '为什么还没发货？都一周了！', customer: 'c-1018', name: '梁先生', channel: 'chat' },
  { text: 'The coupon did not apply at checkout, I was charged full price.', customer: 'c-1019', name: 'Liam Clark', channel: 'chat' },
  { text: '我的会员积分一夜之间没了，请帮忙查一下。', customer: 'c-1020', name: '宋女士', tier: 'enterprise', channel: 'phone' },
];
