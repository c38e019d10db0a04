// The flow's clocks, started and stopped to match the state: the one-second
// countdown tick, the thank-you screen's few seconds, and the comment
// screen's idle timeout. None runs while staff have the PIN pad up (the
// flow holds still then), and each restarts when its state comes back.

import { COMMENT_IDLE_SECONDS, THANKS_SECONDS } from '../lib/survey-flow.js';

export function flowTimers(dispatch) {
  const running = new Map(); // name → {key, stop}

  // Runs `start` for `key` unless it already runs for that key; null stops it.
  function want(name, key, start) {
    const current = running.get(name);
    if (current?.key === key) return;
    current?.stop();
    running.delete(name);
    if (key !== null) running.set(name, { key, stop: start() });
  }

  const every = (ms, type) => () => {
    const id = setInterval(() => dispatch({ type }), ms);
    return () => clearInterval(id);
  };
  const after = (ms, type) => () => {
    const id = setTimeout(() => dispatch({ type }), ms);
    return () => clearTimeout(id);
  };
  const idle = after(COMMENT_IDLE_SECONDS * 1000, 'idleTimeout');

  function sync(state) {
    const free = !state.staff;
    // A new run (another face tapped) restarts the tick, so each second is whole.
    want('countdown', free && state.stage === 'countdown' ? `run-${state.countdownRun}` : null, every(1000, 'tick'));
    want('thanks', free && state.stage === 'thanks' ? `thanks-${state.survey?.id}` : null, after(THANKS_SECONDS * 1000, 'thanksDone'));
    want('idle', free && state.stage === 'commenting' && !state.sending ? `idle-${state.survey?.id}` : null, idle);
  }

  /** A touch or key anywhere: the comment screen's idle time starts again. */
  function activity() {
    const current = running.get('idle');
    if (!current) return;
    current.stop();
    current.stop = idle();
  }

  return { sync, activity };
}
