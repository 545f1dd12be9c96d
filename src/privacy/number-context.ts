// What the text around a digit run says about it (LABELS.md §5, "What is never masked", and the
// second-pass rule that a labelled long number stays even when it passes Luhn).

/** How far back a label may sit: "我的订单号是 " and "Order no. " both fit with room to spare. */
const LABEL_LOOKBACK = 24;

// Words that join a label to its number: "订单号是：", "Order no. ", "Ticket #", "ID number is ".
const LABEL_CONNECTORS = /(?:[\s:：#＃.=是为為]|\s(?:is|was|are)\b)+$/i;

// Chinese (simplified and traditional) labels of numbers that are not personal data: orders,
// waybills, invoices, transactions, refunds, tickets, products, barcodes, coupons, codes.
const ZH_LABEL = [
  '(?:单|單|票|券|确认|確認|流水|验证|驗證|校验|校驗|取件|取货|取貨|提货|提貨|兑换|兌換|优惠|優惠',
  '|商品|产品|產品|货品|貨品|发票|發票|交易|退款|序列|型|物流|快递|快遞|包裹|房|房间|房間)',
  '(?:号码|號碼|编号|編號|编码|編碼|代码|代碼|号|號|码|碼)',
  '|订单|訂單|运单|運單|条形码|條形碼|条码|條碼|发票|發票',
].join('');
// English labels; the vaguer words need a "no.", "number", "#", "id" … after them.
const EN_SUFFIX = String.raw`\s*(?:no|number|num|id|ref|code)`;
const EN_LABEL = [
  `(?:order|tracking|waybill|awb|invoice|ticket|barcode|coupon|voucher|parcel|shipment|sku)(?:${EN_SUFFIX})?`,
  `|(?:refund|transaction|txn|product|booking|confirmation|reference|serial|policy|claim|case|item)${EN_SUFFIX}`,
].join('');
const NUMBER_LABEL = new RegExp(`(?:${ZH_LABEL})$|(?:^|[^a-z])(?:${EN_LABEL})$`, 'i');

// A resident-ID label: a mistyped check digit is still someone's ID number.
const ID_LABEL = /(?:身份[证證]|[证證]件)(?:字号|字號|号码|號碼|号|號)?$|(?:^|[^a-z])(?:(?:hk)?id|identity)(?:\s*card)?(?:\s*(?:no|number))?$/i;
// Phone and card labels: what follows is that datum whatever its grouping or checksum (a
// customer who writes "手机 0912.345.678" or "card no. 6222 0212 3456 78" means their own).
const PHONE_LABEL = /(?:电话|電話|手机|手機|联系方式|聯絡方式|聯繫方式|微信|whatsapp|(?:^|[^a-z])(?:tel|phone|mobile|cell))(?:号码|號碼|号|號|\s*(?:no|number))?$/i;
const CARD_LABEL = /(?:卡号|卡號|卡号码|卡號碼|银行卡|銀行卡|信用卡|(?:^|[^a-z])card(?:\s*(?:no|number))?)$/i;
// Account numbers (bank or platform) are shorter or longer than a card's: any 8 to 19 digits.
const ACCOUNT_LABEL = /(?:账号|賬號|帳號|账户|賬戶|帳戶|(?:^|[^a-z])(?:account|acct)(?:\s*(?:no|number))?)$/i;

/** The personal datum a label announces, if any. */
export type PersonalLabel = 'ID' | 'PHONE' | 'CARD' | 'ACCOUNT';

export interface RunContext {
  /** A label introduces the run: none of it is personal data, whatever its shape. */
  labelled: boolean;
  /** An ID label introduces the run. */
  idLabelled: boolean;
  /** A label for a personal number (ID, phone, card or account) introduces the run. */
  personalLabel: PersonalLabel | undefined;
  /** The run's start touches letters, a decimal point, a time or a hidden part ("SF123…", "1,299"). */
  gluedLeft: boolean;
  /** The run's end does ("…567G", "18:30", "138****"). */
  gluedRight: boolean;
}

/** Reads the text around `text.slice(start, end)`. */
export function runContext(text: string, start: number, end: number): RunContext {
  const before = text.slice(Math.max(0, start - LABEL_LOOKBACK), start).replace(LABEL_CONNECTORS, '');
  const idLabelled = ID_LABEL.test(before);
  return {
    labelled: NUMBER_LABEL.test(before),
    idLabelled,
    personalLabel: idLabelled ? 'ID' : PHONE_LABEL.test(before) ? 'PHONE' : CARD_LABEL.test(before) ? 'CARD' : ACCOUNT_LABEL.test(before) ? 'ACCOUNT' : undefined,
    gluedLeft: isGlued(text[start - 1], text[start - 2]),
    gluedRight: isGlued(text[end], text[end + 1]),
  };
}

const WORD_CHAR = /[A-Za-z0-9_@*$¥￥£€]/;
const NUMBER_JOINER = /[.,:/+]/;
const DIGIT = /\d/;
const ALNUM = /[A-Za-z0-9]/;

// `near` is the character touching the run, `far` the one beyond it.
function isGlued(near: string | undefined, far: string | undefined): boolean {
  if (near === undefined) return false;
  if (WORD_CHAR.test(near)) return true; // model, tracking or serial number; hidden digits; currency
  if (far === undefined) return false;
  if (NUMBER_JOINER.test(near)) return DIGIT.test(far); // amount, date, time, version: "1,299.99", "18:30"
  return near === '-' && ALNUM.test(far); // "WO-2025…", "KFR-35GW"
}
