// The shipped model's training procedure: labelled texts and real reviews together, then a
// calibration of the sentiment score fitted on predictions for text the probe model did not see.
import type { LabelledExample } from './dataset.js';
import { calibratedProbability, fitCalibration, type CalibrationSample } from './calibration.js';
import { groupedFolds } from './cross-validate.js';
import { classifyWithMargin } from './decide.js';
import type { OfflineModel } from './linear-model.js';
import type { Review } from './real-reviews.js';
import { inDomainSplit } from './review-splits.js';
import { trainModel, type TrainOptions } from './train.js';

/**
 * Trains a probe on four fifths (grouped for the labelled set, per domain for the reviews), fits
 * the calibration on the other fifth, then trains on everything and keeps that calibration.
 */
export function trainCalibratedModel(examples: readonly LabelledExample[], reviews: readonly Review[], options?: TrainOptions): OfflineModel {
  const { train, test } = groupedFolds(examples, 5, 3)[0];
  const split = inDomainSplit(reviews, 3);
  const probe = trainModel(train, options, split.train);
  const samples = polaritySamples(probe, [...test, ...split.test]);
  const model = trainModel(examples, options, reviews);
  model.calibration = fitCalibration(samples);
  return model;
}

/** One sample per positive or negative call on a text whose gold label is positive or negative. */
export function polaritySamples(model: OfflineModel, texts: readonly { text: string; sentiment: string }[]): CalibrationSample[] {
  const samples: CalibrationSample[] = [];
  for (const { text, sentiment } of texts) {
    if (sentiment === 'neutral') continue;
    const c = classifyWithMargin(model, text);
    if (c.sentiment === 'neutral') continue;
    samples.push({ margin: c.sentiment === 'positive' ? c.margin : -c.margin, correct: c.sentiment === sentiment });
  }
  return samples;
}

/** The stated probability of each sample's call under the model's calibration. */
export function statedCalls(model: OfflineModel, samples: readonly CalibrationSample[]) {
  return samples.map((s) => ({ probability: calibratedProbability(model.calibration, s.margin), correct: s.correct }));
}
