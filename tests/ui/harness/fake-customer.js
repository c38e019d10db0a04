// A fake backend for the customer's satisfaction screen (development only):
// the customer_* commands and `survey` events, following the rules of
// src-tauri/src/customer_view.rs (the event goes out before the reply).
// Query: ?stage=choosing|commenting|done|none (the survey at start; default
//        choosing) &store=NAME (default "Harare – Sam Levy"; empty allowed)
//        &pin=DIGITS (a counter PIN is set) &answerError=CODE &commentError=CODE
//        &delay=MS (each command's reply time; default 150)
(() => {
  const params = new URLSearchParams(location.search);
  const store = params.has('store') ? params.get('store') : 'Harare – Sam Levy';
  const pin = params.get('pin');
  const delay = Number(params.get('delay') ?? 150);
  const startStage = params.get('stage') ?? 'choosing';
  let next = 1;
  const newSurvey = (stage = 'choosing') => ({ id: `survey-${next++}`, ticket: `TKT-2026-000${55 + next}`, stage });
  let survey = startStage === 'none' ? null : newSurvey(startStage);
  let wrongPins = 0;
  const listeners = [];
  const calls = [];
  window.__fakeCalls = calls;
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (event) => window.__cspViolations.push(`${event.violatedDirective}: ${event.sourceFile}:${event.lineNumber}`));

  const announce = () => listeners.forEach((handler) => handler({ payload: { survey: survey && { ...survey }, store } }));
  const fail = (code, message = `fake ${code}`) => {
    throw { code, message };
  };
  // What staff do from their own window.
  window.__fakeStaff = {
    ask() {
      survey = newSurvey();
      announce();
      return survey.id;
    },
    end() {
      survey = null;
      announce();
    },
    get survey() {
      return survey;
    },
  };

  const handlers = {
    customer_survey: () => ({ survey, store }),
    customer_answer: ({ survey: id, score }) => {
      if (params.get('answerError')) fail(params.get('answerError'));
      if (!survey || survey.id !== id) fail('SURVEY_ENDED', 'this survey has ended');
      if (!Number.isInteger(score) || score < 1 || score > 5) fail('VALIDATION', 'score must be 1 to 5');
      if (survey.stage !== 'choosing') fail('INVALID_STATE', 'already answered');
      survey = { ...survey, stage: 'commenting' };
      window.__fakeLastScore = score;
      announce();
      return { ...survey };
    },
    customer_comment: ({ survey: id, comment }) => {
      if (params.get('commentError')) fail(params.get('commentError'));
      if (!survey || survey.id !== id) fail('SURVEY_ENDED', 'this survey has ended');
      if (survey.stage !== 'commenting') fail('INVALID_STATE', 'not waiting for a comment');
      survey = { ...survey, stage: 'done' };
      window.__fakeLastComment = comment;
      announce();
      return { ...survey };
    },
    customer_staff_return: ({ pin: given }) => {
      if (wrongPins >= 5) fail('PIN_LOCKED', 'Too many wrong PINs. Try again in half a minute.');
      if (pin && given !== pin) {
        wrongPins += 1;
        fail('PIN_WRONG', 'That PIN is not right. Ask a member of staff.');
      }
      wrongPins = 0;
      survey = null;
      // The real window is destroyed; here the page just says so.
      window.__fakeClosed = true;
      document.title = 'CLOSED (staff are back)';
      return null;
    },
  };

  window.__TAURI__ = {
    core: {
      async invoke(command, args = {}) {
        calls.push([command, JSON.parse(JSON.stringify(args)), Date.now()]);
        await new Promise((resolve) => setTimeout(resolve, delay));
        // Like the customer window's capability: nothing else is allowed.
        if (!Object.hasOwn(handlers, command)) throw `${command} not allowed. Command not found`;
        return handlers[command](args);
      },
    },
    event: {
      async listen(name, handler) {
        if (name === 'survey') listeners.push(handler);
        return () => {};
      },
    },
  };
})();
