// In-browser smoke checks for the customer's screen (?scenario=smoke&pin=1234):
// drives the whole flow through the real DOM against fake-customer.js and
// writes the results into <pre data-testid="smoke-results"> and the title.
// Run with e.g. chromium --headless --virtual-time-budget=200000 --dump-dom URL.
// Development only.

const results = [];
const check = (name, ok, detail = '') => results.push(`${ok ? 'PASS' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`);
const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const $ = (testid) => document.querySelector(`[data-testid="${testid}"]`);
const until = async (predicate, ms = 3000) => {
  for (let waited = 0; waited < ms; waited += 20) {
    if (predicate()) return true;
    await wait(20);
  }
  return false;
};
const stage = () => $('customer-screen').dataset.stage;
const calls = (command) => window.__fakeCalls.filter(([name]) => name === command);
const pointer = (type, element) => element.dispatchEvent(new PointerEvent(type, { button: 0, bubbles: true }));
const key = (type, element, k) => element.dispatchEvent(new KeyboardEvent(type, { key: k, bubbles: true, cancelable: true }));

export async function runCustomerSmoke() {
  // ---- choosing and the countdown ----
  check('starts on the faces', stage() === 'choosing' && Boolean($('face-1')) && Boolean($('face-5')));
  check('one h1', document.querySelectorAll('h1').length === 1);
  check('store name under the heading', $('store-name').textContent === 'Harare – Sam Levy');
  check('faces are named by their words', $('face-1').textContent.trim().endsWith('Very unhappy') && $('face-3').textContent.includes('Okay'));
  const box = $('face-3').getBoundingClientRect();
  check('faces at least 120×120', box.width >= 120 && box.height >= 120, `${box.width}×${box.height}`);
  const corner = $('staff-corner').getBoundingClientRect();
  check('staff corner at least 44×44, bottom right', corner.width >= 44 && corner.height >= 44 && corner.right > innerWidth - 60 && corner.bottom > innerHeight - 60);

  $('face-2').click();
  check('tap marks the face', $('face-2').getAttribute('aria-pressed') === 'true' && stage() === 'countdown');
  check('countdown line', $('countdown').textContent === 'Thank you! Saving in 4 seconds… tap another face to change', $('countdown').textContent);
  await wait(2100);
  check('counts down', /Saving in 2 seconds…/.test($('countdown').textContent), $('countdown').textContent);
  $('face-4').click();
  check('another tap switches the choice', $('face-4').getAttribute('aria-pressed') === 'true' && $('face-2').getAttribute('aria-pressed') === 'false');
  check('and restarts the countdown', /Saving in 4 seconds…/.test($('countdown').textContent));
  await wait(3500);
  check('nothing sent before the countdown ends', calls('customer_answer').length === 0);
  await until(() => stage() === 'commenting', 3000);
  check('the last face is sent once', calls('customer_answer').length === 1 && calls('customer_answer')[0][1].score === 4, JSON.stringify(calls('customer_answer')));

  // ---- comment ----
  check('comment screen focused on the box', document.activeElement === $('comment-text'));
  check('comment box maxlength 2000', $('comment-text').maxLength === 2000);
  $('comment-text').value = '  Quick and friendly  ';
  key('keydown', $('comment-text'), 'Enter'); // plain Enter is a new line, not a send
  check('plain Enter does not send', calls('customer_comment').length === 0);
  $('comment-text').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true, cancelable: true }));
  await until(() => stage() === 'thanks');
  check('Ctrl+Enter sends the trimmed comment', calls('customer_comment')[0]?.[1].comment === 'Quick and friendly', JSON.stringify(calls('customer_comment')));
  check('thank-you shown', Boolean($('thank-you')) && /Thank you!/.test($('thank-you').textContent));
  await wait(4000);
  check('thank-you stays about 5 s', stage() === 'thanks');
  await until(() => stage() === 'waiting', 3000);
  check('then the waiting screen', $('waiting')?.textContent.includes('Ping Desk — Harare – Sam Levy') && $('waiting').textContent.includes('Staff will be with you shortly'));

  // ---- next customer: keys, skip, idle ----
  window.__fakeStaff.ask();
  await until(() => stage() === 'choosing');
  check('a new survey brings fresh faces', stage() === 'choosing' && !document.querySelector('[aria-pressed="true"]'));
  key('keydown', document.body, '5');
  check('key 5 chooses Very happy', $('face-5').getAttribute('aria-pressed') === 'true');
  await until(() => stage() === 'commenting', 6000);
  await wait(59_000);
  check('still commenting before 60 s idle', stage() === 'commenting' && calls('customer_comment').length === 1);
  await until(() => stage() === 'thanks', 3000);
  check('60 s idle skips the comment', calls('customer_comment')[1]?.[1].comment === null, JSON.stringify(calls('customer_comment')[1]));

  // ---- a survey replaced mid-flow, and ended ----
  window.__fakeStaff.ask();
  await until(() => stage() === 'choosing');
  $('face-1').click();
  window.__fakeStaff.ask();
  await until(() => !document.querySelector('[aria-pressed="true"]'));
  check('a new survey mid-countdown resets', stage() === 'choosing' && !document.querySelector('[aria-pressed="true"]'));
  $('face-3').click();
  window.__fakeStaff.end();
  await until(() => stage() === 'waiting');
  await wait(5000);
  check('survey ended mid-countdown: waiting, nothing sent', stage() === 'waiting' && calls('customer_answer').length === 2);

  // ---- No thanks ----
  window.__fakeStaff.ask();
  await until(() => stage() === 'choosing');
  $('face-3').click();
  await until(() => stage() === 'commenting', 6000);
  $('comment-skip').click();
  await until(() => stage() === 'thanks');
  check('"No thanks" skips with null', calls('customer_comment').at(-1)[1].comment === null);

  // ---- staff: long-press and the PIN ----
  window.__fakeStaff.ask();
  await until(() => stage() === 'choosing');
  pointer('pointerdown', $('staff-corner'));
  await wait(500);
  pointer('pointerup', $('staff-corner'));
  await wait(100);
  check('a short tap only hints', calls('customer_staff_return').length === 0 && /Press and hold/.test($('staff-hint').textContent), $('staff-hint').textContent);
  pointer('pointerdown', $('staff-corner'));
  await wait(1000);
  pointer('pointerleave', $('staff-corner'));
  await wait(1500);
  check('sliding off cancels the hold', calls('customer_staff_return').length === 0);
  $('face-5').click();
  pointer('pointerdown', $('staff-corner'));
  await wait(2100);
  pointer('pointerup', $('staff-corner'));
  await until(() => stage() === 'pin');
  check('the hold tries without a PIN first', calls('customer_staff_return')[0]?.[1].pin === null);
  check('PIN_WRONG opens the pad', stage() === 'pin' && $('pin-dialog').open && $('pin-error').hidden);
  check('PIN field is a numeric password', $('pin-input').type === 'password' && $('pin-input').inputMode === 'numeric');
  check('the countdown held still behind the pad', calls('customer_answer').length === 3);
  key('keydown', $('pin-input'), '1');
  check('digits typed into the PIN do not choose faces', $('face-5').getAttribute('aria-pressed') === 'true');
  for (const digit of '9999') $(`pin-key-${digit}`).click();
  $('pin-delete').click();
  check('keypad types and deletes', $('pin-input').value === '999');
  $('pin-ok').click();
  await until(() => !$('pin-error').hidden);
  check('a wrong PIN says so and clears', /not right/.test($('pin-error').textContent) && $('pin-input').value === '');
  $('pin-cancel').click();
  await until(() => stage() !== 'pin');
  check('Cancel returns to where the customer was', stage() === 'countdown' && $('face-5').getAttribute('aria-pressed') === 'true' && !$('pin-dialog').open);
  await until(() => stage() === 'commenting', 6000);
  check('and the countdown carries on', calls('customer_answer').at(-1)[1].score === 5);

  $('staff-corner').focus();
  key('keydown', $('staff-corner'), 'Enter');
  await wait(2100);
  key('keyup', $('staff-corner'), 'Enter');
  await until(() => stage() === 'pin');
  check('holding Enter works too; the pad opens at once now', stage() === 'pin' && calls('customer_staff_return').length === 2);
  $('pin-input').value = '1234';
  $('pin-ok').click();
  await until(() => window.__fakeClosed === true);
  check('the right PIN hands back to staff', window.__fakeClosed === true && calls('customer_staff_return').at(-1)[1].pin === '1234');

  check('no CSP violations', window.__cspViolations.length === 0, window.__cspViolations.join('; '));
  check('only customer_* commands called', window.__fakeCalls.every(([name]) => name.startsWith('customer_')));

  const pre = document.createElement('pre');
  pre.dataset.testid = 'smoke-results';
  pre.textContent = results.join('\n');
  document.body.append(pre);
  const failed = results.filter((line) => line.startsWith('FAIL')).length;
  document.title = failed ? `SMOKE FAIL (${failed})` : `SMOKE PASS (${results.length})`;
}
