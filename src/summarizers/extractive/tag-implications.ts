/**
 * Tags that follow from other evidence, as an ordered table (TAGS-GUIDE.md: "papers whose task is
 * visual get `vision`", "for efficiency prefer the specific tag"). A specialisation turns a hit of
 * one tag into a hit of a more specific one when the words around it say which; an implication
 * adds a tag when a kept tag entails it. Targets missing from the taxonomy are skipped.
 */

export interface TagSpecialisation {
  name: string;
  reason: string;
  /** The tag whose hits are looked at. */
  from: string;
  /** The tag the hit also counts for. */
  to: string;
  /** A word within the hit's window that decides it. */
  word: RegExp;
}

export const TAG_SPECIALISATIONS: readonly TagSpecialisation[] = [
  {
    name: 'efficiency-at-inference',
    reason: 'an efficiency claim about inference, decoding, latency or serving is efficient inference',
    from: 'efficiency',
    to: 'efficient-inference',
    word: /^(?:inference|decoding|latency|serving|deployment|generation)$/,
  },
  {
    name: 'efficiency-in-training',
    reason: 'an efficiency claim about training or pre-training is efficient training',
    from: 'efficiency',
    to: 'efficient-training',
    word: /^(?:training|pretraining|train)$/,
  },
];

export interface TagImplication {
  name: string;
  reason: string;
  /** Any of these kept tags implies `tag`. */
  from: readonly string[];
  tag: string;
}

export const TAG_IMPLICATIONS: readonly TagImplication[] = [
  {
    name: 'visual-task-is-vision',
    reason: 'a paper whose task is visual is a vision paper',
    from: [
      'image-classification',
      'object-detection',
      'segmentation',
      'image-generation',
      'image-restoration',
      'image-quality-assessment',
      'video-generation',
      'video-understanding',
    ],
    tag: 'vision',
  },
  {
    name: 'video-task-is-video',
    reason: 'a paper whose task is about video has video as its modality',
    from: ['video-generation', 'video-understanding'],
    tag: 'video',
  },
  {
    name: 'speech-task-is-audio',
    reason: 'speech recognition and synthesis have audio as their modality',
    from: ['speech-recognition', 'speech-synthesis'],
    tag: 'audio',
  },
];
