// Turns the model's probabilities and the lexicon signals into one Classification.
import type { Kind, Priority, Sentiment } from '../domain/types.js';
import { matchCustomTopic } from './custom-topics.js';
import { argmax, headProbabilities, scoreAll, type OfflineModel } from './linear-model.js';
import { analyseText } from './text-features.js';
import type { Classification, CustomTopic } from './types.js';

export interface ClassifyOptions {
  customTopics?: readonly CustomTopic[];
}

/** Classifies with a given model; classifyOffline is this with the shipped model. */
export function classifyWithModel(model: OfflineModel, text: string, options: ClassifyOptions = {}): Classification {
  const { normalized, signals, features } = analyseText(text);
  const scores = scoreAll(model, features);
  const best = (head: 'topic' | 'priority') => model.heads[head].labels[argmax(headProbabilities(model, head, scores))];
  const kindProbs = headProbabilities(model, 'kind', scores);
  const kind = model.heads.kind.labels[argmax(kindProbs)] as Kind;
  const sentimentProbs = headProbabilities(model, 'sentiment', scores);
  const sentiment = decideSentiment(kind, sentimentProbs, model);
  const topic = matchCustomTopic(normalized, options.customTopics ?? []) ?? best('topic');
  const modelPriority = best('priority') as Priority;

  // Threats, "非常失望" and shouting are the strong anger LABELS.md routes as urgent.
  const angry = signals.shouting || signals.urgent.includes('anger') || signals.urgent.includes('threat');
  const priority = decidePriority(kind, modelPriority, signals.urgent.length > 0 || angry);
  return { kind, topic, sentiment, score: sentimentScore(model, sentiment, sentimentProbs, kindProbs), priority, angry };
}

function decidePriority(kind: Kind, modelPriority: Priority, urgentSign: boolean): Priority {
  // Praise and suggestions that mention a hack or a fire ("thanks for recovering my hacked
  // account") are not emergencies; for complaints and questions an urgent sign overrides.
  if (kind === 'praise' || kind === 'suggestion') return 'routine';
  if (urgentSign) return 'urgent';
  if (kind === 'complaint') return 'general';
  // A question with a deadline or a stuck order is general; the model learned which. Its own
  // "urgent" is not trusted: in cross-validation it added nothing over the lexicon signs.
  return modelPriority === 'routine' ? 'routine' : 'general';
}

// LABELS.md: complaints are negative and praise positive "almost always" (all 659 labelled ones
// are), so the kind, which the model gets right more often, fixes those two. For questions and
// ideas the sentiment head decides, since they are usually neutral but can carry feeling.
function decideSentiment(kind: Kind, sentimentProbs: Float64Array, model: OfflineModel): Sentiment {
  const own = model.heads.sentiment.labels[argmax(sentimentProbs)] as Sentiment;
  if (kind === 'complaint') return 'negative';
  if (kind === 'praise') return 'positive';
  // An emotional question or idea needs a confident head; the base rate is neutral.
  return own !== 'neutral' && sentimentProbs[model.heads.sentiment.labels.indexOf(own)] > 0.7 ? own : 'neutral';
}

/**
 * P(positive) - P(negative), averaged with P(praise) - P(complaint) because the kind decides
 * the sentiment of complaints and praise; then kept on the side of the chosen sentiment, so a
 * card never shows "negative" with a positive score.
 */
function sentimentScore(model: OfflineModel, sentiment: Sentiment, sentimentProbs: Float64Array, kindProbs: Float64Array): number {
  const s = (label: string) => sentimentProbs[model.heads.sentiment.labels.indexOf(label)];
  const k = (label: string) => kindProbs[model.heads.kind.labels.indexOf(label)];
  const score = ((s('positive') - s('negative')) + (k('praise') - k('complaint'))) / 2;
  if (sentiment === 'negative') return round2(Math.min(score, -0.05));
  if (sentiment === 'positive') return round2(Math.max(score, 0.05));
  return round2(Math.max(-0.5, Math.min(0.5, score)));
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
