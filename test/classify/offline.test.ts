import { describe, expect, test } from 'vitest';
import { classifyOffline } from '../../src/classify/offline.js';

describe('classifyOffline: what an agent sees on the card', () => {
  test('sarcasm about a failure is a negative complaint; "again" alone is not urgent', () => {
    const c = classifyOffline('真是太棒了，又坏了');
    expect(c).toMatchObject({ kind: 'complaint', sentiment: 'negative', priority: 'general', angry: false });
    expect(c.score).toBeLessThan(0);
  });

  test('a third failure is urgent', () => {
    expect(classifyOffline('真是太棒了，第三次坏了')).toMatchObject({ kind: 'complaint', priority: 'urgent' });
    expect(classifyOffline('Third time this month my parcel went missing.')).toMatchObject({ priority: 'urgent' });
  });

  test('strong words alone are general, not angry', () => {
    expect(classifyOffline('The app is TERRIBLE!!')).toMatchObject({ kind: 'complaint', priority: 'general', angry: false });
    expect(classifyOffline('垃圾产品，用了两天就坏了')).toMatchObject({ priority: 'general', angry: false });
  });

  test('English sarcasm with "again" is a negative complaint', () => {
    expect(classifyOffline('Oh great, the app crashed again.')).toMatchObject({ kind: 'complaint', sentiment: 'negative' });
  });

  test('a negated complaint word ("不算太慢") is not a confident negative', () => {
    // |score| is the calibrated probability of the call (at least 0.5 for a positive or negative one).
    const c = classifyOffline('不算太慢');
    expect(c.score).toBeGreaterThanOrEqual(-0.6);
    expect(c.priority).not.toBe('urgent');
  });

  test('"Delivery was two days late, not happy" is a negative complaint about logistics', () => {
    expect(classifyOffline('Delivery was two days late, not happy')).toMatchObject({ kind: 'complaint', topic: 'logistics', sentiment: 'negative' });
  });

  test('after "但是" / "but" comes the verdict: praise then a problem is a complaint', () => {
    expect(classifyOffline('不错，但是送得太慢了')).toMatchObject({ kind: 'complaint', sentiment: 'negative' });
    expect(classifyOffline('還不錯，但是送餐太慢了')).toMatchObject({ kind: 'complaint', sentiment: 'negative' });
    expect(classifyOffline('Nice app, but it crashes every time I open the camera.')).toMatchObject({ kind: 'complaint', sentiment: 'negative' });
  });

  test('a polite review with one clear complaint is negative', () => {
    expect(classifyOffline('The staff were polite, but my room was never cleaned.')).toMatchObject({ kind: 'complaint', sentiment: 'negative' });
    expect(classifyOffline('您好，麻烦看一下，我的外卖少了一份饮料，谢谢。')).toMatchObject({ kind: 'complaint', sentiment: 'negative' });
    expect(classifyOffline('Hi, just letting you know my order arrived without the sauce. Thanks.')).toMatchObject({ sentiment: 'negative' });
  });

  test('a wish that the thing worked is a negative complaint; a wish for something new stays a neutral idea', () => {
    expect(classifyOffline('It would be great if it worked')).toMatchObject({ kind: 'complaint', sentiment: 'negative', priority: 'general' });
    expect(classifyOffline('要是能准时送到就好了')).toMatchObject({ kind: 'complaint', sentiment: 'negative' });
    expect(classifyOffline('It would be nice if you added a dark mode')).toMatchObject({ kind: 'suggestion', sentiment: 'neutral' });
  });

  test('a review is read by its overall verdict: faults listed, then satisfied, is praise', () => {
    const c = classifyOffline('位置很好，服务热情，房间干净，就是隔音差了点，总体满意，下次还住');
    expect(c).toMatchObject({ kind: 'praise', sentiment: 'positive' });
    expect(c.score).toBeGreaterThan(0.7);
    expect(classifyOffline('等了两个小时，饭都凉了，再也不点了')).toMatchObject({ kind: 'complaint', sentiment: 'negative' });
  });

  test('a plain question about a hotel or a dish is no review: it stays a neutral inquiry', () => {
    for (const text of ['请问酒店有停车场吗？', '这家店的菜辣不辣，小朋友能吃吗', 'Does the hotel have parking?']) {
      expect(classifyOffline(text), text).toMatchObject({ kind: 'inquiry', sentiment: 'neutral' });
    }
  });

  test('plain questions with no opinion stay neutral in every script', () => {
    for (const text of ['请问可以开发票吗？', '請問週末有營業嗎？', 'What time do you open on Sundays?']) {
      expect(classifyOffline(text), text).toMatchObject({ kind: 'inquiry', sentiment: 'neutral' });
    }
  });

  test('a confident call says so: clear praise and a clear complaint score beyond ±0.7', () => {
    expect(classifyOffline('快递小哥太给力了，昨晚下单今早就到，服务很好，非常满意！').score).toBeGreaterThan(0.7);
    expect(classifyOffline('太失望了，东西坏了，客服也不理人，再也不买了。').score).toBeLessThan(-0.7);
  });

  test('"not bad" praise stays positive', () => {
    expect(classifyOffline('Not bad at all, the courier was quick and polite.')).toMatchObject({ kind: 'praise', sentiment: 'positive' });
  });

  test('a question that reports a failure is a complaint about logistics', () => {
    expect(classifyOffline('为什么还没发货？都一周了！')).toMatchObject({ kind: 'complaint', topic: 'logistics', sentiment: 'negative', priority: 'general' });
  });

  test('a smoking power bank is urgent, in simplified and traditional Chinese', () => {
    expect(classifyOffline('充电宝冒烟了')).toMatchObject({ kind: 'complaint', priority: 'urgent' });
    expect(classifyOffline('行動電源充電時冒煙了')).toMatchObject({ priority: 'urgent' });
  });

  test('threats to go to 12315 or a lawyer are angry and urgent', () => {
    const zh = classifyOffline('包裹丢了半个月没人管，再不给说法我就去12315投诉');
    expect(zh).toMatchObject({ kind: 'complaint', priority: 'urgent', angry: true });
    const en = classifyOffline('Refund still missing after six weeks. I am calling my lawyer tomorrow.');
    expect(en).toMatchObject({ priority: 'urgent', angry: true });
  });

  test('shouting with a demand is angry', () => {
    expect(classifyOffline('Someone changed my password. LOCK MY ACCOUNT NOW!')).toMatchObject({ angry: true, priority: 'urgent' });
  });

  test('a hacked account is urgent even when asked as a question', () => {
    expect(classifyOffline('我的卡好像被盗刷了一笔，现在要怎么冻结？')).toMatchObject({ priority: 'urgent', topic: 'account' });
  });

  test('praise that mentions a hacked account is routine praise', () => {
    expect(classifyOffline('账号被盗后半小时就帮我冻结找回了，太感谢了！')).toMatchObject({ kind: 'praise', priority: 'routine', sentiment: 'positive' });
  });

  test('plain inquiries and suggestions are neutral and routine', () => {
    expect(classifyOffline('請問週末有營業嗎？')).toMatchObject({ kind: 'inquiry', sentiment: 'neutral', priority: 'routine' });
    expect(classifyOffline('建议App增加夜间模式。')).toMatchObject({ kind: 'suggestion', topic: 'product_function', priority: 'routine' });
    expect(classifyOffline('Do you ship to Canada?')).toMatchObject({ kind: 'inquiry', sentiment: 'neutral' });
  });

  test('typical topics in both languages', () => {
    expect(classifyOffline('退货寄回一周了，钱还没退。').topic).toBe('refund');
    expect(classifyOffline('The cashier was rude and rolled her eyes.').topic).toBe('attitude');
    expect(classifyOffline('收不到验证码，登录不了。').topic).toBe('account');
    expect(classifyOffline('配送费怎么涨到15元了？').topic).toBe('price');
    expect(classifyOffline('更新后App一打开就闪退。').topic).toBe('product_function');
  });

  test('the score is within [-1, 1] and agrees with the sentiment sign', () => {
    for (const text of ['太失望了，再也不买了。', 'Love the new design, thanks!', '请问可以开发票吗？', '', '!!!', '😀']) {
      const c = classifyOffline(text);
      expect(c.score).toBeGreaterThanOrEqual(-1);
      expect(c.score).toBeLessThanOrEqual(1);
      if (c.sentiment === 'negative') expect(c.score).toBeLessThan(0);
      if (c.sentiment === 'positive') expect(c.score).toBeGreaterThan(0);
    }
  });
});

describe('classifyOffline with custom topics', () => {
  const customTopics = [
    { name: 'invoice', keywords: ['发票', 'invoice'] },
    { name: 'membership_card', keywords: ['会员卡'] },
  ];

  test('a keyword sets the custom topic, in either script and any case', () => {
    expect(classifyOffline('请问可以开发票吗？', { customTopics }).topic).toBe('invoice');
    expect(classifyOffline('請問可以開發票嗎？', { customTopics }).topic).toBe('invoice');
    expect(classifyOffline('Where is my INVOICE for March?', { customTopics }).topic).toBe('invoice');
  });

  test('the first configured topic wins when several match; kind and priority are untouched', () => {
    const c = classifyOffline('会员卡的发票一直没开，投诉三次了', { customTopics });
    expect(c.topic).toBe('invoice');
    expect(c.kind).toBe('complaint');
  });

  test('English keywords match whole words only', () => {
    const topics = [{ name: 'vat', keywords: ['VAT'] }];
    expect(classifyOffline('Please keep my data private.', { customTopics: topics }).topic).not.toBe('vat');
    expect(classifyOffline('Can I get a VAT receipt?', { customTopics: topics }).topic).toBe('vat');
  });

  test('without a keyword match the built-in topic stays', () => {
    expect(classifyOffline('快递三天没更新物流。', { customTopics }).topic).toBe('logistics');
  });
});
