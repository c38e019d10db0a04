// Development harness for the customer's screen: puts ui/customer.html's body
// into this page (fake-customer.js already defined window.__TAURI__), then
// starts ui/customer/main.js.
// ?scenario=countdown|saving|error|thanks|comment-typed|comment-error|pin|
// pin-wrong|hold|hint|smoke sets up a
// look (or, for smoke, drives the whole flow and writes PASS/FAIL lines into
// the page title and <pre data-testid="smoke-results">); &axe=1 runs axe-core
// (WCAG 2.1 A/AA, as the end-to-end tests do) and writes the violations into
// <html data-axe="...">; &still=1 turns off transitions (for screenshots).

if (new URLSearchParams(location.search).get('still') === '1') {
  const still = document.createElement('link');
  still.rel = 'stylesheet';
  still.href = 'still.css';
  document.head.append(still);
}

const page = await (await fetch('/ui/customer.html')).text();
const parsed = new DOMParser().parseFromString(page, 'text/html');
document.documentElement.lang = parsed.documentElement.lang;
document.body.replaceChildren(...Array.from(parsed.body.childNodes, (node) => document.importNode(node, true)));
await import('/ui/customer/main.js');

const params = new URLSearchParams(location.search);
const scenario = params.get('scenario');
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
const press = (element) => element.dispatchEvent(new PointerEvent('pointerdown', { button: 0, bubbles: true }));
const release = (element) => element.dispatchEvent(new PointerEvent('pointerup', { button: 0, bubbles: true }));
const longPress = async () => {
  press($('staff-corner'));
  await wait(2100);
  release($('staff-corner'));
};

await until(() => document.documentElement.dataset.ready === 'true');

if (scenario === 'countdown') {
  $('face-4').click();
  await wait(1100);
} else if (scenario === 'saving') {
  $('face-2').click();
  await until(() => stage() === 'saving', 6000);
} else if (scenario === 'error') {
  $('face-1').click();
  await until(() => Boolean($('customer-error')?.textContent), 8000);
} else if (scenario === 'hint') {
  press($('staff-corner'));
  await wait(300);
  release($('staff-corner'));
} else if (scenario === 'hold') {
  press($('staff-corner'));
  await wait(1000);
} else if (scenario === 'pin' || scenario === 'pin-wrong') {
  await longPress();
  await until(() => stage() === 'pin');
  if (scenario === 'pin-wrong') {
    for (const digit of '9876') $(`pin-key-${digit}`).click();
    $('pin-ok').click();
    await until(() => !$('pin-error').hidden);
    $('pin-key-1').click();
  }
} else if (scenario === 'thanks') {
  $('face-5').click();
  await until(() => stage() === 'commenting', 6000);
  $('comment-skip').click();
  await until(() => stage() === 'thanks');
} else if (scenario === 'comment-error') {
  $('comment-text').value = 'The queue was long but Rudo was great.';
  $('comment-send').click();
  await until(() => !$('customer-error').hidden);
} else if (scenario === 'comment-typed') {
  $('comment-text').value = 'Rudo sorted out my router quickly, thank you!';
}

if (scenario === 'smoke') {
  const { runCustomerSmoke } = await import('./customer-smoke.js');
  await runCustomerSmoke();
}

if (params.get('axe') === '1') {
  await new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/node_modules/axe-core/axe.min.js';
    script.onload = resolve;
    script.onerror = reject;
    document.head.append(script);
  });
  await wait(500); // transitions settle
  const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
  document.documentElement.dataset.axe = JSON.stringify(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
}
document.documentElement.dataset.harnessDone = 'true';
