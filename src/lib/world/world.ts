/**
 * The synthetic world of the large corpus: fictional people whose attributes are drawn at random
 * from known sets, each written as short biographies in Chinese and English phrasings, each person
 * appearing a controlled number of times (the bioS data of Allen-Zhu & Li, arXiv:2404.05405).
 * Because every value and every set is known, what a model stores about the world can be measured
 * in bits (src/lib/world/capacity.ts). Pure and deterministic: the same seed gives the same world.
 */
import { createRng, shuffled } from '../train/rng.ts';

/** One value of an attribute, in both languages. */
export interface AttributeValue { zh: string; en: string }

/** An attribute: its value set and its phrasings; `{n}` = the name, `{v}` = the value. Template 0 is the probe. */
export interface Attribute {
  id: 'year' | 'city' | 'job' | 'hobby';
  values: AttributeValue[];
  zh: string[];
  en: string[];
}

const years: AttributeValue[] = Array.from({ length: 50 }, (_, i) => ({ zh: `${1950 + i}`, en: `${1950 + i}` }));
const cities: AttributeValue[] = [
  ['北京', 'Beijing'], ['巴黎', 'Paris'], ['东京', 'Tokyo'], ['伦敦', 'London'], ['柏林', 'Berlin'], ['罗马', 'Rome'],
  ['马德里', 'Madrid'], ['莫斯科', 'Moscow'], ['开罗', 'Cairo'], ['首尔', 'Seoul'], ['雅典', 'Athens'], ['渥太华', 'Ottawa'],
  ['堪培拉', 'Canberra'], ['新德里', 'New Delhi'], ['华盛顿', 'Washington'], ['上海', 'Shanghai'], ['广州', 'Guangzhou'],
  ['成都', 'Chengdu'], ['西安', "Xi'an"], ['南京', 'Nanjing'], ['杭州', 'Hangzhou'], ['武汉', 'Wuhan'], ['大阪', 'Osaka'],
  ['悉尼', 'Sydney'], ['纽约', 'New York'], ['芝加哥', 'Chicago'], ['维也纳', 'Vienna'], ['里斯本', 'Lisbon'],
  ['布拉格', 'Prague'], ['都柏林', 'Dublin'],
].map(([zh, en]) => ({ zh: zh!, en: en! }));
const jobs: AttributeValue[] = [
  ['医生', 'doctor'], ['教师', 'teacher'], ['工程师', 'engineer'], ['律师', 'lawyer'], ['厨师', 'cook'], ['画家', 'painter'],
  ['农民', 'farmer'], ['护士', 'nurse'], ['记者', 'journalist'], ['司机', 'driver'], ['作家', 'writer'], ['歌手', 'singer'],
  ['警察', 'police officer'], ['会计', 'accountant'], ['木匠', 'carpenter'], ['渔民', 'fisherman'], ['演员', 'actor'],
  ['邮递员', 'postman'], ['飞行员', 'pilot'], ['科学家', 'scientist'],
].map(([zh, en]) => ({ zh: zh!, en: en! }));
const hobbies: AttributeValue[] = [
  ['下棋', 'chess'], ['钓鱼', 'fishing'], ['游泳', 'swimming'], ['爬山', 'hiking'], ['唱歌', 'singing'], ['跳舞', 'dancing'],
  ['画画', 'drawing'], ['读书', 'reading'], ['写诗', 'poetry'], ['种花', 'gardening'], ['摄影', 'photography'],
  ['骑车', 'cycling'], ['弹琴', 'piano'], ['跑步', 'running'], ['做饭', 'cooking'], ['编织', 'knitting'],
].map(([zh, en]) => ({ zh: zh!, en: en! }));

/** The four attributes, their sets and phrasings (the first phrasing of each is the probe's). */
export const ATTRIBUTES: readonly Attribute[] = [
  { id: 'year', values: years, zh: ['{n}出生于{v}年。', '{n}生于{v}年。', '{n}是{v}年出生的。'], en: ['{n} was born in the year {v}.', "{n}'s year of birth is {v}.", '{n} came into the world in {v}.'] },
  { id: 'city', values: cities, zh: ['{n}的家乡是{v}。', '{n}在{v}长大。', '{n}来自{v}。'], en: ["{n}'s home city is {v}.", '{n} grew up in {v}.', '{n} comes from {v}.'] },
  { id: 'job', values: jobs, zh: ['{n}的职业是{v}。', '{n}是一名{v}。', '{n}一直做{v}。'], en: ["{n}'s profession is {v}.", '{n} works as a {v}.', '{n} has always been a {v}.'] },
  { id: 'hobby', values: hobbies, zh: ['{n}的爱好是{v}。', '{n}喜欢{v}。', '{n}平时最爱{v}。'], en: ["{n}'s hobby is {v}.", "{n}'s favourite pastime is {v}.", '{n} spends free time on {v}.'] },
];

const ZH_SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'];
const ZH_GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建文辉力兰云飞鹏宇浩凯俊海波宁欣怡晨雪琳瑶璐婷倩颖佳慧琪阳帆峰睿博瑞泽豪轩然'];
const EN_FIRST = ['Ada', 'Alan', 'Alice', 'Amos', 'Anna', 'Basil', 'Bella', 'Boris', 'Carla', 'Cecil', 'Clara', 'Cyrus', 'Dora', 'Edgar', 'Edith', 'Elias', 'Elsa', 'Ezra', 'Felix', 'Flora', 'Frida', 'Gemma', 'Gideon', 'Greta', 'Hana', 'Hector', 'Hilda', 'Igor', 'Ines', 'Irma', 'Ivan', 'Jonas', 'Judith', 'Karl', 'Kira', 'Lars', 'Leona', 'Linus', 'Lorna', 'Magnus', 'Marta', 'Milo', 'Mona', 'Nadia', 'Nestor', 'Nora', 'Olaf', 'Olga', 'Oscar', 'Paula', 'Quentin', 'Rosa', 'Rufus', 'Sabine', 'Silas', 'Tessa', 'Tobias', 'Ursula', 'Vera', 'Viktor', 'Wanda', 'Xavier', 'Yara', 'Zora'];
const EN_LAST = ['Abbott', 'Baxter', 'Bell', 'Blom', 'Brandt', 'Carver', 'Castell', 'Dahl', 'Doyle', 'Eastman', 'Falk', 'Fenwick', 'Frost', 'Garner', 'Gray', 'Hale', 'Hart', 'Holm', 'Ibsen', 'Jansen', 'Keller', 'Kemp', 'Lang', 'Lind', 'Lowe', 'Marsh', 'Mercer', 'Moss', 'Nash', 'Noble', 'Novak', 'Olsen', 'Orton', 'Pike', 'Price', 'Quill', 'Reed', 'Rook', 'Sable', 'Shaw', 'Stone', 'Strand', 'Thorne', 'Tull', 'Underwood', 'Vance', 'Voss', 'Wade', 'Ward', 'Webb', 'Wren', 'Yates', 'York', 'Zeller'];

/** One person of the world: a name in each language, an index into each attribute's set, and how often the corpus tells their story. */
export interface Person { zh: string; en: string; attrs: Record<Attribute['id'], number>; appearances: number }

/** How the world is drawn: how many people at each exposure count (biographies in the corpus). */
export interface WorldSpec { seed: number; groups: { people: number; appearances: number }[] }

/** The world the large corpus holds: 2,000 people, 500 each told 1, 4, 16 and 64 times. */
export const WORLD_SPEC: WorldSpec = {
  seed: 20261203,
  groups: [{ people: 500, appearances: 1 }, { people: 500, appearances: 4 }, { people: 500, appearances: 16 }, { people: 500, appearances: 64 }],
};

/**
 * The capacity sweep's world (npm run train -- --size micro-*; docs/capacity.md): the same
 * attributes and phrasings, trained on alone, 300 people in three groups whose biographies appear
 * 1, 3 and 10 times. Training makes about ten passes over it, so the groups are seen about 10, 30
 * and 100 times: exposures are a controlled variable. Its 5,660 bits are more than the smallest
 * sweep models' non-embedding parameters can hold at the ~1 bit per parameter Allen-Zhu & Li
 * report for 100 exposures, and fewer than the largest ones'.
 */
export const SWEEP_WORLD_SPEC: WorldSpec = {
  seed: 20261204,
  groups: [{ people: 100, appearances: 1 }, { people: 100, appearances: 3 }, { people: 100, appearances: 10 }],
};

/** The people of a world: unique names in both languages, attributes uniform over each set. */
export function drawPeople(spec: WorldSpec): Person[] {
  const rng = createRng(spec.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
  const zhSeen = new Set<string>();
  const enSeen = new Set<string>();
  const people: Person[] = [];
  for (const g of spec.groups) {
    for (let i = 0; i < g.people; i++) {
      let zh = '';
      do zh = pick(ZH_SURNAMES) + pick(ZH_GIVEN) + pick(ZH_GIVEN); while (zhSeen.has(zh));
      let en = '';
      do en = `${pick(EN_FIRST)} ${pick(EN_LAST)}`; while (enSeen.has(en));
      zhSeen.add(zh);
      enSeen.add(en);
      const attrs = Object.fromEntries(ATTRIBUTES.map((a) => [a.id, Math.floor(rng() * a.values.length)])) as Person['attrs'];
      people.push({ zh, en, attrs, appearances: g.appearances });
    }
  }
  return people;
}

/** Fills `{n}` and `{v}`. */
export function phrase(template: string, name: string, value: string): string {
  return template.replace('{n}', name).replace('{v}', value);
}

/** The probe for one fact: the first phrasing up to the value; the value follows it directly. */
export function probe(attribute: Attribute, person: Person, lang: 'zh' | 'en'): { prompt: string; answer: string; choices: string[] } {
  const template = attribute[lang][0]!;
  const prompt = phrase(template.slice(0, template.indexOf('{v}')), lang === 'zh' ? person.zh : person.en, '');
  const pad = lang === 'en' && prompt.endsWith(' ') ? ' ' : '';
  // English values follow a space: the space belongs to the value's first token (byte-level BPE).
  const choices = attribute.values.map((v) => (pad ? ` ${v.en}` : v[lang]));
  return { prompt: pad ? prompt.slice(0, -1) : prompt, answer: choices[person.attrs[attribute.id]]!, choices };
}

/**
 * Every biography of the world, as documents: each appearance of a person is one document of four
 * sentences (attributes in random order, each in a random phrasing), alternately in Chinese and
 * English starting with a random language. Shuffled with the world's seed.
 */
export function biographies(spec: WorldSpec, people: Person[]): { lang: 'zh' | 'en'; text: string }[] {
  const rng = createRng(spec.seed + 1);
  const docs: { lang: 'zh' | 'en'; text: string }[] = [];
  for (const p of people) {
    const first = rng() < 0.5 ? 0 : 1;
    for (let k = 0; k < p.appearances; k++) {
      const lang = (k + first) % 2 === 0 ? 'zh' : 'en';
      const sentences = shuffled(ATTRIBUTES, rng).map((a) => {
        const template = a[lang][Math.floor(rng() * a[lang].length)]!;
        return phrase(template, lang === 'zh' ? p.zh : p.en, a.values[p.attrs[a.id]]![lang]);
      });
      docs.push({ lang, text: sentences.join(lang === 'zh' ? '' : ' ') });
    }
  }
  return shuffled(docs, rng);
}

/** A world as one training text: its biographies, one per paragraph (blank line between). */
export function worldText(spec: WorldSpec): string {
  return `${biographies(spec, drawPeople(spec)).map((d) => d.text).join('\n\n')}\n\n`;
}

/** Bits a perfect memory of one person would hold: Σ log₂(set size). */
export function bitsPerPerson(): number {
  return ATTRIBUTES.reduce((s, a) => s + Math.log2(a.values.length), 0);
}
