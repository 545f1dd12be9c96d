// Every user-visible string lives in a zh/en catalogue. Chat rooms are often mixed-language,
// so the default rendering shows both: "已被 李伟 认领 / already claimed by Li Wei".
import { catalogue, type MessageKey } from './catalogue.js';

export type Lang = 'zh' | 'en' | 'both';
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export function createTranslate(lang: Lang = 'both'): Translate {
  return (key, params = {}) => {
    const entry = catalogue[key];
    const zh = fill(entry.zh, params);
    const en = fill(entry.en, params);
    if (lang === 'zh') return zh;
    if (lang === 'en') return en;
    return zh === en ? zh : `${zh} / ${en}`;
  };
}

function fill(template: string, params: Params): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
