import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { analyseSentence } from './src/analyse.ts';
import { knowledgeIndex } from './src/knowledge-index.ts';
import { splitSentences } from './src/sentences.ts';
const kb = knowledgeIndex();
const [lang, id] = [process.argv[2] as 'ru', process.argv[3]];
const d = parse(readFileSync(`bench/gold/${lang}.yaml`, 'utf8'));
const a = (d.articles ?? d).find((x: { id: string }) => x.id === id);
const li = kb.languages.get(lang)!;
splitSentences(a.text, lang, li.abbreviations).forEach((s, i) => {
  const f = analyseSentence(kb, li, s, a.publishedAt);
  console.log(i, s.text.slice(0, 70), '| trig', JSON.stringify(f.triggers.map((t) => [t.type, s.tokens[t.tokStart]?.text, t.unreal ? 'U' : '', t.background ? 'B' : '', t.earlier ? 'E' : ''])), '| people', JSON.stringify(f.people.map((p) => [p.actorId ?? p.name ?? p.office, p.mentioned ? 'M' : ''])), '| dates', JSON.stringify(f.dates.map((x) => x.value)));
});
