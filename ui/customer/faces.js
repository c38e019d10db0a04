// The five smiley faces, drawn as inline SVG with DOM APIs (no markup is
// parsed). The face is decoration: each button is named by its word, so the
// SVG is hidden from screen readers.

import { FACES } from '../lib/survey-flow.js';
import { svgElement as svg } from '../lib/dom.js';
import { t } from '../lib/i18n.js';

// Features on a 100×100 face, from a deep frown (1) to a wide grin (5).
const FEATURES = {
  1: {
    eyes: [[34, 44], [66, 44]],
    brows: ['M22 30 L42 36', 'M78 30 L58 36'],
    mouth: { d: 'M30 76 Q50 56 70 76', filled: false },
  },
  2: {
    eyes: [[35, 42], [65, 42]],
    brows: [],
    mouth: { d: 'M32 72 Q50 62 68 72', filled: false },
  },
  3: {
    eyes: [[35, 42], [65, 42]],
    brows: [],
    mouth: { d: 'M33 68 L67 68', filled: false },
  },
  4: {
    eyes: [[35, 42], [65, 42]],
    brows: [],
    mouth: { d: 'M31 62 Q50 78 69 62', filled: false },
  },
  5: {
    // Smiling eyes (arcs) and an open grin.
    eyes: [],
    eyeArcs: ['M26 44 Q35 33 44 44', 'M56 44 Q65 33 74 44'],
    brows: [],
    mouth: { d: 'M27 58 Q50 92 73 58 Z', filled: true },
  },
};

/** The face for one score, as an <svg> sized by CSS. */
export function faceSvg(face) {
  const features = FEATURES[face.score];
  const root = svg('svg', { viewBox: '0 0 100 100', class: 'face-svg', 'aria-hidden': 'true', focusable: 'false' });
  // Fill and outline are presentation attributes (not inline styles, which the CSP forbids).
  root.append(svg('circle', { class: 'face-disc', cx: 50, cy: 50, r: 46, fill: face.colour, stroke: face.ink, 'stroke-width': 3 }));
  const ink = '#1d2330';
  const strokes = { fill: 'none', stroke: ink, 'stroke-width': 6, 'stroke-linecap': 'round', 'stroke-linejoin': 'round' };
  for (const [cx, cy] of features.eyes) root.append(svg('circle', { cx, cy, r: 6, fill: ink }));
  for (const d of features.eyeArcs ?? []) root.append(svg('path', { d, ...strokes }));
  for (const d of features.brows) root.append(svg('path', { d, ...strokes, 'stroke-width': 5 }));
  const { d, filled } = features.mouth;
  root.append(filled ? svg('path', { d, fill: ink, stroke: ink, 'stroke-width': 4, 'stroke-linejoin': 'round' }) : svg('path', { d, ...strokes }));
  return root;
}

/** A face button: the SVG plus its word; `aria-pressed` marks the chosen one. */
export function faceButton(face) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'face-button';
  button.dataset.testid = `face-${face.score}`;
  button.dataset.score = String(face.score);
  button.setAttribute('aria-pressed', 'false');
  button.setAttribute('aria-keyshortcuts', String(face.score));
  // The face's own colours, from the one table the tests check for contrast.
  button.style.setProperty('--face-ink', face.ink);
  button.style.setProperty('--face-tint', face.tint);
  button.style.setProperty('--face-colour', face.colour);
  button.style.setProperty('--face-ink-dark', face.inkDark);
  button.style.setProperty('--face-tint-dark', face.tintDark);

  const picture = document.createElement('span');
  picture.className = 'face-picture';
  picture.append(faceSvg(face));
  const tick = document.createElement('span');
  tick.className = 'face-tick';
  tick.setAttribute('aria-hidden', 'true');
  tick.textContent = '✓';
  picture.append(tick);

  const word = document.createElement('span');
  word.className = 'face-word';
  word.textContent = t(face.wordKey);
  // Worded by the screen (choose.js), in the customer's language.
  button.dataset.wordKey = face.wordKey;

  button.append(picture, word);
  return button;
}

export function faceButtons() {
  return FACES.map(faceButton);
}
