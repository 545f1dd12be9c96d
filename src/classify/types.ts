// The classifier's contract, shared by the offline model, the LLM path and the intake pipeline.
import type { Kind, Priority, Sentiment, Topic } from '../domain/types.js';

export interface Classification {
  kind: Kind;
  topic: Topic;
  sentiment: Sentiment;
  /** Sentiment score in [-1, 1]: -1 very negative, 1 very positive. */
  score: number;
  priority: Priority;
  /** Strong anger (threats, shouting, "非常失望"…): flagged on the card and routed as urgent. */
  angry: boolean;
}

/** An operator-defined topic: matched when any keyword occurs in the text (case-insensitive). */
export interface CustomTopic {
  name: string;
  keywords: string[];
}

export interface ClassifyOutcome extends Classification {
  via: 'offline' | 'llm';
  /** Set when the LLM path was tried and failed; the offline answer is used instead. */
  fallbackReason?: string;
}

export interface Classifier {
  /** Never throws: any failure of an optional remote model falls back to the offline one. */
  classify(maskedText: string): Promise<ClassifyOutcome>;
}
